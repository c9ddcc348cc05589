import { readFileSync } from 'node:fs';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { Language } from '../domain/messages.js';
import { err, ok, type Result } from '../domain/result.js';
import { humanPath, imeHints, placeText, positionOf } from './positions.js';
import { describeIssue, inLanguage, say } from './problems.js';
import { type Config, configSchema } from './schema.js';
import type { SecretSources } from './secret.js';

type LoadResult = Result<Config, string[]>;

export const defaultConfigPath = 'config/zoneops.yaml';

interface LoadOptions {
  /** The language of the problem lines (the CLI's choice); default: the file's `language:`, else English. */
  readonly language?: Language;
}

/**
 * Reads and validates a config file. Every problem is one line naming the file, the YAML line and
 * column and the field, with list items counted from 1 and named by their id:
 * `config/zoneops.yaml:31:11: devices #3 (pc-03) snmp.port: expected integer 1..65535, got "abc"`, or in
 * Chinese `config/zoneops.yaml 第 31 行第 11 列：devices 第 3 项（pc-03）的 snmp.port：应为 1 到 65535 之间的整数…`.
 * All problems are listed at once, so one run of check-config shows everything to fix; slips of a Chinese
 * input method (a full-width colon or space) get a hint line of their own.
 */
export function loadConfig(
  file: string,
  sources: Partial<SecretSources> = {},
  opts: LoadOptions = {},
): LoadResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const lang = opts.language ?? 'en';
    const why = inLanguage(lang, () =>
      code === 'ENOENT'
        ? say('file not found', '找不到这个文件')
        : code === 'EACCES'
          ? say('permission denied', '没有读取权限')
          : say('cannot read file', '无法读取文件'),
    );
    return err([`${file}${lang === 'en' ? ': ' : '：'}${why}`]);
  }
  return parseConfig(source, file, sources, opts);
}

/** The language a config file declares (`language: zh-CN` | `en`), if it says one; never throws. */
export function declaredLanguage(source: string): Language | undefined {
  const m = /^language:\s*["']?(zh-CN|en)["']?\s*(#.*)?$/m.exec(source);
  return m ? (m[1] as Language) : undefined;
}

export function declaredLanguageOf(file: string): Language | undefined {
  try {
    return declaredLanguage(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const yamlCodes: Readonly<Record<string, string>> = {
  BAD_INDENT: '缩进不对（同一层的项要对齐，只能用空格缩进）',
  TAB_AS_INDENT: '用了 Tab 缩进，YAML 只能用空格缩进',
  DUPLICATE_KEY: '同一个字段写了两次',
  MISSING_CHAR: '缺少一个字符（例如引号或括号没有配对）',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行（可能少了冒号，或者引号没有配对）',
  BLOCK_AS_IMPLICIT_KEY: '字段名的写法不对（可能少了冒号后的空格）',
  UNEXPECTED_TOKEN: '这里出现了不该有的字符',
  BAD_SCALAR_START: '这个值不能以这个字符开头，请给它加上引号',
  BAD_DQ_ESCAPE: '双引号里的转义写法不对',
  BLOCK_IN_FLOW: '花括号或方括号里不能换行写子项',
  KEY_OVER_1024_CHARS: '字段名太长',
  MULTIPLE_DOCS: '文件里有多个 YAML 文档（---），只能有一个',
};

function syntaxError(doc: Document, file: string, lang: Language): string {
  const e = doc.errors[0];
  const pos = e?.linePos?.[0];
  const where = placeText(file, pos ? { line: pos.line, col: pos.col } : undefined, lang);
  const text = (e?.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  if (lang === 'en') return `${where}: YAML syntax error: ${text}`;
  return `${where}：YAML 格式错误：${yamlCodes[e?.code ?? ''] ?? '无法解析这一行'}`;
}

export function parseConfig(
  source: string,
  file: string,
  sources: Partial<SecretSources> = {},
  opts: LoadOptions = {},
): LoadResult {
  const lang = opts.language ?? declaredLanguage(source) ?? 'en';
  const sep = lang === 'en' ? ': ' : '：';
  const lines = new LineCounter();
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    // Only the first syntax error: the ones after it are usually its echoes.
    return err([syntaxError(doc, file, lang), ...imeHints(source, file, lang)]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // The yaml library refuses alias bombs (billion laughs) while expanding them.
    return err([
      `${file}${sep}${lang === 'en' ? 'YAML: too many aliases (alias expansion limit 100)' : 'YAML 别名（*引用）太多（最多展开 100 个）'}`,
    ]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return err([
      `${file}${sep}${lang === 'en' ? 'expected a mapping at the top level (site:, devices:, …)' : '文件最外层应为“字段: 值”的键值（site:、devices: 等）'}`,
      ...imeHints(source, file, lang),
    ]);
  }
  return inLanguage(lang, () => {
    const schema = configSchema({
      env: sources.env ?? process.env,
      readFile: sources.readFile ?? ((p) => readFileSync(p, 'utf8')),
      ...(sources.credentialsFileMayBeMissing ? { credentialsFileMayBeMissing: true } : {}),
    });
    const parsed = schema.safeParse(data, { error: describeIssue });
    if (parsed.success) return ok(parsed.data);
    const at = (path: readonly PropertyKey[], key?: string) =>
      `${placeText(file, positionOf(doc, lines, path, key), lang)}${sep}${humanPath(key === undefined ? path : [...path, key], data, lang)}`;
    const out = parsed.error.issues.flatMap((issue) => {
      // Report each unknown key at its own path, so the line points at the typo.
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map(
          (k) => `${at(issue.path, k)}${sep}${say('unknown field', '未知字段（可能拼错了）')}`,
        );
      return [`${at(issue.path)}${sep}${issue.message}`];
    });
    return err([...new Set(out), ...imeHints(source, file, lang)]);
  });
}
