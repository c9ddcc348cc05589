import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { err, ok, type Result } from '../domain/result.js';
import { identifier, listenAddress, text } from './fields.js';
import { describeIssue, formatPath, show } from './problems.js';

/**
 * The district file (deploy/district/district.yaml): the towns a district office (区政务公开办)
 * supervises, where each town's Prometheus and zoneops are, and who receives the district's alerts.
 * `zoneops district render` turns it into the central Prometheus, Alertmanager and Mosquitto bridge
 * configurations; `zoneops check-config --district` checks it, including that no two towns share a `site`
 * (their series would merge in the central Prometheus and their alerts go to each other's receivers).
 */

/** An Alertmanager receiver as Alertmanager's own configuration spells it (webhook_configs, wechat_configs, email_configs, …). */
const receiver = z.record(z.string(), z.unknown()).refine((r) => Object.keys(r).length > 0, {
  error: 'an Alertmanager receiver needs at least one of webhook_configs, wechat_configs, email_configs, …',
});

const duration = () =>
  z.custom<string>((v) => typeof v === 'string' && /^(\d+(ms|s|m|h|d))+$/.test(v), {
    error: (iss) => `expected a Prometheus duration such as "30s", "1m" or "4h", got ${show(iss.input)}`,
  });

const town = z.strictObject({
  /** The town's zoneops config file, whose `site:` is read (relative to the district file). */
  config: z.string().min(1).optional(),
  /** The town's site, when its config file is not at hand; must equal that config's `site:`. */
  site: identifier().optional(),
  name: text(),
  /** The town's Prometheus (host:port), federated by the central one. */
  prometheus: listenAddress(),
  /** The town's zoneops (host:port), scraped by the town's Prometheus. */
  zoneops: listenAddress().default({ host: '127.0.0.1', port: 9464 }),
  /** The town's own alert receiver, for towns that take alerts from Alertmanager too. */
  receiver: receiver.optional(),
});

export const districtSchema = z.strictObject({
  district: text(),
  office: z.strictObject({ name: text(), receiver }),
  prometheus: z
    .strictObject({
      listen: listenAddress().default({ host: '127.0.0.1', port: 9090 }),
      scrapeInterval: duration().default('1m'),
      evaluationInterval: duration().default('1m'),
    })
    .prefault({}),
  alertmanager: z
    .strictObject({
      listen: listenAddress().default({ host: '127.0.0.1', port: 9093 }),
      groupWait: duration().default('30s'),
      groupInterval: duration().default('5m'),
      repeatInterval: duration().default('4h'),
    })
    .prefault({}),
  /** The central MQTT broker the towns' brokers bridge their zoneops/<site>/# topics to. */
  mqtt: z.strictObject({ central: listenAddress() }).optional(),
  towns: z.array(town).min(1),
});

type DistrictInput = z.infer<typeof districtSchema>;
export type DistrictTown = Omit<DistrictInput['towns'][number], 'site' | 'config'> & {
  readonly site: string;
  readonly config?: string | undefined;
};
export type District = Omit<DistrictInput, 'towns'> & { readonly towns: readonly DistrictTown[] };

const siteOf = (file: string): Result<string, string> => {
  let data: unknown;
  try {
    data = parseDocument(readFileSync(file, 'utf8')).toJS({ maxAliasCount: 100 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      code === 'ENOENT' ? `${file}: 找不到该文件 (file not found)` : `${file}: 无法读取 (cannot read)`,
    );
  }
  const site = (data as { site?: unknown } | null)?.site;
  return typeof site === 'string' && site !== '' ? ok(site) : err(`${file}: 没有 site: 字段 (no site:)`);
};

/**
 * Reads and checks a district file; every problem is one line naming the file and the field, e.g.
 * `district.yaml: towns[2].site: "zhuoshui" 与 towns[0]（濯水镇）重复 …`.
 */
export function loadDistrict(file: string): Result<District, string[]> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return err([`${file}: 找不到或无法读取区级配置文件 (district file not found)`]);
  }
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e?.linePos?.[0];
    return err([`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax error`]);
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = districtSchema.safeParse(raw, { error: describeIssue });
  if (!parsed.success)
    return err([
      ...parsed.error.issues.map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`),
      // Two towns with one site are still worth saying when another field is wrong too.
      ...duplicateSites(file, rawTowns(raw)),
    ]);
  const problems: string[] = [];
  const towns: DistrictTown[] = [];
  const sites: TownSite[] = [];
  parsed.data.towns.forEach((t, i) => {
    const where = `${file}: towns[${i}]`;
    let site = t.site;
    if (t.config !== undefined) {
      const read = siteOf(resolve(dirname(file), t.config));
      if (!read.ok) problems.push(`${where}.config: ${read.error}`);
      else if (site !== undefined && site !== read.value)
        problems.push(
          `${where}.site: "${site}" 与该镇配置文件里的 site "${read.value}" 不一致：删去这里的 site:，或改成 "${read.value}"`,
        );
      else site = read.value;
    }
    if (site === undefined) {
      if (t.config === undefined) problems.push(`${where}: 需要 site: 或 config:（该镇 zoneops 配置文件）`);
      return;
    }
    towns.push({ ...t, site });
    sites.push({ index: i, site, name: t.name });
  });
  problems.push(...duplicateSites(file, sites));
  return problems.length > 0 ? err(problems) : ok({ ...parsed.data, towns });
}

interface TownSite {
  readonly index: number;
  readonly site: string;
  readonly name: string;
}

/** The towns of a district file that did not pass the schema, as far as their site and name can be read. */
function rawTowns(raw: unknown): TownSite[] {
  const list = (raw as { towns?: unknown } | null)?.towns;
  if (!Array.isArray(list)) return [];
  return list.flatMap((t: unknown, index) => {
    const { site, name } = (t ?? {}) as { site?: unknown; name?: unknown };
    return typeof site === 'string' && site !== ''
      ? [{ index, site, name: typeof name === 'string' ? name : site }]
      : [];
  });
}

/** One problem for every town whose site an earlier town already has. */
function duplicateSites(file: string, towns: readonly TownSite[]): string[] {
  const bySite = new Map<string, TownSite>();
  const problems: string[] = [];
  for (const t of towns) {
    const other = bySite.get(t.site);
    if (other)
      problems.push(
        `${file}: towns[${t.index}].site: "${t.site}" 与 towns[${other.index}]（${other.name}）重复：每个镇须有自己的 site` +
          '（在该镇的 zoneops 配置里改 site:），否则两镇的指标在区级 Prometheus 里混在一起、告警发错镇',
      );
    else bySite.set(t.site, t);
  }
  return problems;
}
