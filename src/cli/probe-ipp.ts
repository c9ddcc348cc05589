import { type Command, Option } from 'commander';
import { probeIpp } from '../probes/ipp/probe.js';
import type { IppReading } from '../probes/ipp/reading.js';
import type { TlsPolicy } from '../probes/ipp/transport.js';
import { cliLanguage, langOption } from './lang.js';
import { chineseIppView } from './probe-ipp-text.js';
import { unreachableLine } from './probe-text.js';

/** `zoneops probe ipp URI [--json]`: one Get-Printer-Attributes, printed for the technician. */

interface ProbeIppOptions {
  readonly json?: boolean;
  readonly lang?: string;
  readonly timeout?: string;
  readonly fingerprint?: string;
  readonly acceptAnyCertificate?: boolean;
}

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}

const EXIT_OK = 0;
const EXIT_DOWN = 1;
const EXIT_USAGE = 2;

export function registerProbeIpp(probe: Command): void {
  probe
    .command('ipp')
    .description('read a printer over IPP (Get-Printer-Attributes); exit 1 when unreachable')
    .argument('<uri>', 'printer URI, e.g. ipp://127.0.0.1:631/ipp/print or ipps://…')
    .option('--json', 'print one JSON object')
    .addOption(new Option('--timeout <ms>', 'give up after this many milliseconds').default('5000'))
    .option('--fingerprint <sha256>', 'ipps: accept only the certificate with this SHA-256 fingerprint')
    .option('--accept-any-certificate', 'ipps: accept any certificate (self-signed printers)')
    .addOption(langOption())
    .action(async (uri: string, opts: ProbeIppOptions) => {
      process.exitCode = await runProbeIpp(uri, opts, { stdout: process.stdout, stderr: process.stderr });
    });
}

export async function runProbeIpp(uri: string, opts: ProbeIppOptions, io: Io): Promise<number> {
  const lang = cliLanguage(opts.lang);
  const usage = checkUsage(uri, opts);
  if (usage !== null) {
    io.stderr.write(`zoneops probe ipp${lang === 'en' ? ': ' : '：'}${usage[lang === 'en' ? 0 : 1]}\n`);
    return EXIT_USAGE;
  }
  const tls: TlsPolicy = {
    ...(opts.fingerprint === undefined ? {} : { fingerprint: opts.fingerprint }),
    ...(opts.acceptAnyCertificate === true ? { acceptAnyCertificate: true } : {}),
  };
  const { observation, reading } = await probeIpp(
    { deviceId: 'cli', uri, tls, timeoutMs: Number(opts.timeout ?? 5000) },
    { now: Date.now },
  );
  if (!reading) {
    const problem = observation.problem ?? { reason: 'unreachable', message: 'no answer' };
    if (opts.json) io.stdout.write(`${JSON.stringify({ reachable: false, uri, problem })}\n`);
    io.stderr.write(
      lang === 'en'
        ? `zoneops probe ipp: ${uri}: ${problem.message}\n`
        : `zoneops probe ipp：${uri}：${unreachableLine(problem, 'zh-CN')}\n`,
    );
    return EXIT_DOWN;
  }
  const view = jsonView(uri, reading);
  io.stdout.write(
    opts.json ? `${JSON.stringify(view)}\n` : lang === 'en' ? humanView(view) : chineseIppView(view),
  );
  return EXIT_OK;
}

/** A usage problem in English and Chinese, or null. */
function checkUsage(uri: string, opts: ProbeIppOptions): readonly [string, string] | null {
  const badUri = [
    `expected an ipp:// or ipps:// URI, got ${JSON.stringify(uri)}`,
    `应为 ipp:// 或 ipps:// 打印机地址，实际是 ${JSON.stringify(uri)}`,
  ] as const;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return badUri;
  }
  if ((url.protocol !== 'ipp:' && url.protocol !== 'ipps:') || url.hostname === '') return badUri;
  const timeout = Number(opts.timeout ?? 5000);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 60_000) {
    return [
      `--timeout: expected integer 100..60000 (ms), got ${JSON.stringify(opts.timeout)}`,
      `--timeout：应为 100 到 60000 之间的整数（毫秒），实际是 ${JSON.stringify(opts.timeout)}`,
    ];
  }
  if (opts.fingerprint !== undefined && !/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/.test(opts.fingerprint)) {
    return [
      `--fingerprint: expected a SHA-256 fingerprint AA:BB:…(32 bytes), got ${JSON.stringify(opts.fingerprint)}`,
      `--fingerprint：应为 SHA-256 指纹 AA:BB:…（32 字节），实际是 ${JSON.stringify(opts.fingerprint)}`,
    ];
  }
  return null;
}

export function jsonView(uri: string, r: IppReading) {
  return {
    reachable: true,
    uri,
    state: r.state,
    reasons: r.reasons.map((x) => ({ keyword: x.keyword, severity: x.severity })),
    conditions: r.conditions.map((c) => c.name),
    message: r.message,
    acceptingJobs: r.acceptingJobs,
    queuedJobs: r.queuedJobs,
    makeAndModel: r.makeAndModel,
    uuid: r.uuid,
    upTimeSeconds: r.upTimeSeconds,
    counters: r.counters,
    markers: r.markers.map((m) => ({
      name: m.name,
      type: m.type,
      color: m.color,
      level: m.level,
      percent: m.percent,
      state: m.state,
    })),
    alerts: r.alerts,
  };
}

function humanView(v: ReturnType<typeof jsonView>): string {
  const lines = [
    `${v.uri}: reachable`,
    `  make and model: ${v.makeAndModel ?? '(not given)'}`,
    `  state: ${v.state}${v.acceptingJobs === false ? ', NOT accepting jobs' : ''}, ${v.queuedJobs ?? '?'} job(s) queued`,
    `  message: ${v.message ?? ''}`,
    `  reasons: ${v.reasons.map((x) => `${x.keyword} (${x.severity})`).join(', ') || 'none'}`,
    `  conditions: ${v.conditions.join(', ') || 'none'}`,
    `  uuid: ${v.uuid ?? '(not given)'}, up ${v.upTimeSeconds ?? '?'} s`,
  ];
  for (const m of v.markers) {
    const level = m.percent === null ? `level ${m.level}` : `${m.percent}%`;
    lines.push(`  marker: ${m.name} (${m.type}${m.color ? `, ${m.color}` : ''}): ${level}, ${m.state}`);
  }
  for (const a of v.alerts)
    lines.push(`  alert: ${[a.code, a.severity, a.group].filter(Boolean).join('/')} ${a.description}`);
  return `${lines.join('\n')}\n`;
}
