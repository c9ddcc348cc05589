import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { resolveSecret, type Secret } from '../config/secret.js';
import { readDevice, type SnmpReading } from '../probes/snmp/read-device.js';
import type { SnmpTarget } from '../probes/snmp/transport.js';
import { cliLanguage, langOption } from './lang.js';
import { snmpLines, unreachableLine } from './probe-text.js';

/** `zoneops probe snmp HOST[:PORT]`: one read of one device, for the technician. Exit 1 when unreachable. */
interface ProbeSnmpOptions {
  community?: string;
  snmpVersion?: '1' | '2c' | '3';
  v3User?: string;
  authProtocol: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  authKey?: string;
  privProtocol: 'des' | 'aes' | 'aes256b' | 'aes256r';
  privKey?: string;
  context?: string;
  timeout: string;
  retries: string;
  json?: boolean;
  lang?: string;
}

/** A usage error in both languages: the English message, and `zh` for a Chinese reader. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly zh: string = message,
  ) {
    super(message);
  }
}

function secretArg(raw: string, what: string): Secret {
  const r = resolveSecret(raw, {
    env: process.env,
    readFile: (p) => readFileSync(p, 'utf8'),
  });
  if (!r.ok) throw new UsageError(`${what}: ${r.error}`, `${what}：${r.error}`);
  return r.value;
}

/** Pure-ish: argv options → the target (throws UsageError with a clear message). */
function targetFromArgs(hostPort: string, o: ProbeSnmpOptions, readSecret = secretArg): SnmpTarget {
  const m = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!m)
    throw new UsageError(
      `expected HOST or HOST:PORT, got "${hostPort}"`,
      `应为“主机”或“主机:端口”，实际是 "${hostPort}"`,
    );
  const port = m[2] === undefined ? 161 : Number(m[2]);
  if (port < 1 || port > 65535)
    throw new UsageError(`port must be 1..65535, got ${port}`, `端口应为 1 到 65535，实际是 ${port}`);
  const timeoutMs = Number(o.timeout);
  const retries = Number(o.retries);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000)
    throw new UsageError(
      `--timeout must be 100..60000 ms, got "${o.timeout}"`,
      `--timeout 应为 100 到 60000 毫秒，实际是 "${o.timeout}"`,
    );
  if (!Number.isInteger(retries) || retries < 0 || retries > 10)
    throw new UsageError(
      `--retries must be 0..10, got "${o.retries}"`,
      `--retries 应为 0 到 10，实际是 "${o.retries}"`,
    );
  if (o.context !== undefined && !/^[A-Za-z0-9._-]{1,32}$/.test(o.context))
    throw new UsageError(
      `--context must be 1..32 letters, digits, "." "_" "-" (e.g. Jetdirect), got "${o.context}"`,
      `--context 应为 1 到 32 个英文字母、数字或 "." "_" "-"（例如 Jetdirect），实际是 "${o.context}"`,
    );
  const base = {
    host: m[1] as string,
    port,
    timeoutMs,
    retries,
    ...(o.context ? { context: o.context } : {}),
  };
  const version = o.snmpVersion ?? (o.v3User ? '3' : '2c');
  if (version !== '3') {
    if (o.v3User || o.authKey || o.privKey)
      throw new UsageError(
        '--v3-user/--auth-key/--priv-key need SNMP v3',
        '--v3-user、--auth-key、--priv-key 只用于 SNMP v3',
      );
    return { ...base, version, community: readSecret(o.community ?? 'public', '--community') };
  }
  if (o.community) throw new UsageError('--community is not used with SNMP v3', 'SNMP v3 不用 --community');
  if (!o.v3User) throw new UsageError('SNMP v3 needs --v3-user', 'SNMP v3 需要 --v3-user');
  if (o.privKey && !o.authKey)
    throw new UsageError('--priv-key needs --auth-key too', '用 --priv-key 时还需要 --auth-key');
  const authKey = o.authKey ? readSecret(o.authKey, '--auth-key') : undefined;
  const privKey = o.privKey ? readSecret(o.privKey, '--priv-key') : undefined;
  for (const [k, name] of [
    [authKey, '--auth-key'],
    [privKey, '--priv-key'],
  ] as const) {
    if (k && k.reveal().length < 8)
      throw new UsageError(
        `${name} must be at least 8 characters (RFC 3414)`,
        `${name} 至少 8 个字符（RFC 3414）`,
      );
  }
  return {
    ...base,
    version: '3',
    user: o.v3User,
    securityLevel: privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv',
    ...(authKey ? { authProtocol: o.authProtocol, authKey } : {}),
    ...(privKey ? { privProtocol: o.privProtocol, privKey } : {}),
  };
}

/** The JSON the technician (and scripts) get: stable field names, no secrets. */
function probeJson(r: SnmpReading): Record<string, unknown> {
  const o = r.observation;
  const p = o.printer;
  const h = o.host;
  return {
    reachable: o.reachable,
    ...(o.problem ? { problem: o.problem } : {}),
    sysDescr: r.sysDescr,
    sysName: r.sysName,
    sysObjectID: r.sysObjectID,
    uptimeSeconds: r.uptimeSeconds,
    kind: r.kind,
    evidence: r.evidence,
    context: r.context,
    ...(p
      ? {
          printer: {
            status: p.status,
            errors: r.errors,
            supplies: p.supplies.map((s) => ({
              index: s.index,
              description: s.description,
              type: s.type,
              color: s.color,
              level: s.level,
              max: s.max,
              percent: s.percent,
              state: s.state,
              ...(s.receptacle ? { receptacle: true } : {}),
            })),
            trays: p.trays.map((t) => ({
              index: t.index,
              description: t.description,
              media: t.media,
              level: t.level,
              max: t.max,
              percent: t.percent,
              state: t.state,
            })),
            alerts: p.alerts,
            pageCount: p.pageCount,
            makeAndModel: p.makeAndModel ?? null,
          },
        }
      : {}),
    ...(h
      ? {
          host: {
            cpuLoadPercent: h.cpuLoadPercent,
            storage: h.storage.map((s) => ({
              description: s.description,
              kind: s.kind,
              usedBytes: s.usedBytes,
              sizeBytes: s.sizeBytes,
              ...(s.pseudo ? { pseudo: true } : {}),
            })),
            processes: h.processes,
            installed: h.installed,
            hardware: h.hardware,
          },
        }
      : {}),
    conditions: o.conditions,
    quirks: r.quirks,
  };
}

async function runProbeSnmp(hostPort: string, o: ProbeSnmpOptions): Promise<number> {
  const lang = cliLanguage(o.lang);
  let target: SnmpTarget;
  try {
    target = targetFromArgs(hostPort, o);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(
      `zoneops probe snmp${lang === 'en' ? ': ' : '：'}${lang === 'en' ? err.message : err.zh}\n`,
    );
    return 2;
  }
  const reading = await readDevice(target, { deviceId: hostPort, now: Date.now });
  if (o.json) process.stdout.write(`${JSON.stringify(probeJson(reading), null, 2)}\n`);
  else process.stdout.write(`${snmpLines(reading, lang).join('\n')}\n`);
  if (!reading.observation.reachable && o.json) {
    process.stderr.write(`${unreachableLine(reading.observation.problem, lang)}\n`);
  }
  return reading.observation.reachable ? 0 : 1;
}

export function registerProbeSnmp(probe: Command): void {
  probe
    .command('snmp')
    .description('read one device over SNMP (v1, v2c, v3) and show what zoneops sees')
    .argument('<host>', 'HOST or HOST:PORT')
    .option('--community <c>', 'v1/v2c community (a literal, ${ENV_VAR} or file:/path); default public')
    .addOption(new Option('--snmp-version <v>', 'SNMP version').choices(['1', '2c', '3']))
    .option('--v3-user <user>', 'SNMPv3 user name (implies v3)')
    .addOption(
      new Option('--auth-protocol <p>', 'v3 authentication protocol')
        .choices(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'])
        .default('sha'),
    )
    .option('--auth-key <key>', 'v3 authentication key (literal, ${ENV_VAR} or file:/path)')
    .addOption(
      new Option('--priv-protocol <p>', 'v3 privacy protocol')
        .choices(['des', 'aes', 'aes256b', 'aes256r'])
        .default('aes'),
    )
    .option('--priv-key <key>', 'v3 privacy key (literal, ${ENV_VAR} or file:/path)')
    .option(
      '--context <name>',
      'SNMP context: v3 contextName, v1/v2c community@context (e.g. Jetdirect, MFP)',
    )
    .option('--timeout <ms>', 'timeout per request', '2000')
    .option('--retries <n>', 'retries per request', '1')
    .option('--json', 'print one JSON object')
    .addOption(langOption())
    .action(async (host: string, opts: ProbeSnmpOptions) => {
      process.exitCode = await runProbeSnmp(host, opts);
    });
}
