import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { err, ok, type Result } from '../domain/result.js';
import { describeIssue, formatPath } from './problems.js';
import { type Config, configSchema } from './schema.js';
import type { SecretSources } from './secret.js';

type LoadResult = Result<Config, string[]>;

export const defaultConfigPath = 'config/zoneops.yaml';

/**
 * Reads and validates a config file. Every problem is one line naming the file and the field:
 * `config/zoneops.yaml: devices[3].snmp.port: expected integer 1..65535, got "abc"`.
 * All problems are listed at once, so one run of check-config shows everything to fix.
 */
export function loadConfig(file: string, sources: Partial<SecretSources> = {}): LoadResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : 'cannot read file';
    return err([`${file}: ${why}`]);
  }
  return parseConfig(source, file, sources);
}

export function parseConfig(source: string, file: string, sources: Partial<SecretSources> = {}): LoadResult {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Only the first syntax error: the ones after it are usually its echoes.
    return err(
      doc.errors.slice(0, 1).map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `:${pos.line}:${pos.col}` : '';
        return `${file}${where}: YAML syntax error: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // The yaml library refuses alias bombs (billion laughs) while expanding them.
    return err([`${file}: YAML: too many aliases (alias expansion limit 100)`]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return err([`${file}: expected a mapping at the top level (site:, devices:, …)`]);
  }
  const schema = configSchema({
    env: sources.env ?? process.env,
    readFile: sources.readFile ?? ((p) => readFileSync(p, 'utf8')),
    ...(sources.credentialsFileMayBeMissing ? { credentialsFileMayBeMissing: true } : {}),
  });
  const parsed = schema.safeParse(data, { error: describeIssue });
  if (!parsed.success) {
    const lines = parsed.error.issues.flatMap((issue) => {
      // Report each unknown key at its own path, so the line points at the typo.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((k) => `${file}: ${formatPath([...issue.path, k])}: unknown field`);
      }
      return [`${file}: ${formatPath(issue.path)}: ${issue.message}`];
    });
    return err([...new Set(lines)]);
  }
  return ok(parsed.data);
}
