import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { PowerOverridesRepo } from '../calendar/overrides-repo.js';
import { loadScheduleContext } from '../calendar/schedule.js';
import { createScheduleService } from '../calendar/schedule-service.js';
import { systemClock } from '../clock.js';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import { ServiceError } from '../domain/errors.js';
import type { Language } from '../domain/messages.js';
import { loadMonthlyReport } from '../report/load.js';
import { type ReportFormat, renderReport, reportFormats } from '../report/render.js';
import { renderService, type ServiceFormat, serviceFormats } from '../report/service-export.js';
import { openStore } from '../store/store.js';
import { cliLanguage } from './lang.js';

const EXIT_BAD_INPUT = 2;

interface ReportOptions {
  config: string;
  month: string;
  format: ReportFormat;
  lang?: Language;
  notes?: string;
  output?: string;
  part?: 'all' | 'service';
}

/** `zoneops report --month YYYY-MM`: the monthly report from the config's database. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      '月报：设备运行情况月报（可用率、完好率、故障、清洁消毒、耗材、服务情况）/ the monthly report',
    )
    .addOption(new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath))
    .requiredOption('--month <YYYY-MM>', 'the month, e.g. 2026-12')
    .addOption(new Option('--format <format>', 'output format').choices(reportFormats).default('md'))
    .addOption(new Option('--lang <lang>', 'language (default: the config’s)').choices(['zh-CN', 'en']))
    .option('--notes <file>', "the month's notes file (default: <report.notesDir>/<month>.yaml if it exists)")
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addOption(
      new Option('--part <part>', '服务情况 only (service: json, csv or html)')
        .choices(['all', 'service'])
        .default('all'),
    )
    .exitOverride()
    .action(async (opts: ReportOptions) => {
      const out = await runReport(opts, systemClock.now());
      let file = opts.output;
      // A PDF is not for a terminal: it goes to a file named after the report.
      if (file === undefined && out.code === 0 && opts.format === 'pdf' && process.stdout.isTTY)
        file = out.fileName;
      if (file !== undefined && out.code === 0) {
        writeFileSync(file, out.stdout);
        process.stderr.write(`${out.lang === 'en' ? 'written' : '已写入'} ${file}\n`);
      } else if (out.stdout.length > 0) process.stdout.write(out.stdout);
      if (out.stderr) process.stderr.write(out.stderr);
      process.exitCode = out.code;
    });
}

interface ReportRun {
  code: number;
  stdout: Buffer;
  stderr: string;
  fileName: string;
  lang: Language;
}

/** The command without process I/O (tests call it directly). Exit codes: 0 ok, 2 bad input or config. */
export async function runReport(opts: ReportOptions, now: number): Promise<ReportRun> {
  // The language before the config is read, so that a broken config is explained in the user's words.
  const lang = cliLanguage(opts.lang, opts.config);
  const zh = lang !== 'en';
  const fail = (msg: string): ReportRun => ({
    code: EXIT_BAD_INPUT,
    stdout: Buffer.alloc(0),
    stderr: `zoneops report${zh ? '：' : ': '}${msg}\n`,
    fileName: '',
    lang,
  });
  const part = opts.part ?? 'all';
  const formats: readonly string[] = part === 'service' ? serviceFormats : reportFormats;
  if (!formats.includes(opts.format))
    return fail(
      zh
        ? `--format 应为 ${formats.join('、')} 之一，收到“${opts.format}”`
        : `--format: expected one of ${formats.join(', ')}, got "${opts.format}"`,
    );
  const loaded = loadConfig(opts.config, {}, { language: lang });
  if (!loaded.ok)
    return {
      code: EXIT_BAD_INPUT,
      stdout: Buffer.alloc(0),
      stderr: `${loaded.error.join('\n')}\n`,
      fileName: '',
      lang,
    };
  const config = loaded.value;
  const ctx = loadScheduleContext(config);
  if (!ctx.ok) return fail(ctx.error.join('\n'));
  const store = await openStore(config.store.path, now);
  try {
    const schedule = createScheduleService({
      context: ctx.value,
      devices: new Map(config.devices.map((d) => [d.id, d.type])),
      overrides: new PowerOverridesRepo(store.db),
    });
    const { report, notes } = await loadMonthlyReport({ db: store.db, config, schedule }, opts.month, now, {
      lang,
      ...(opts.notes ? { notesFile: opts.notes } : {}),
    });
    const { fontFile, fontName } = config.report;
    const out =
      part === 'service'
        ? await renderService(report, opts.format as ServiceFormat, lang)
        : await renderReport(report, opts.format, lang, {
            notes,
            ...(fontFile ? { font: { file: fontFile, ...(fontName ? { name: fontName } : {}) } } : {}),
          });
    return { code: 0, stdout: out.body, stderr: '', fileName: out.fileName, lang };
  } catch (e) {
    if (e instanceof ServiceError) return fail(`--${String(e.extra.field ?? 'month')}: ${e.message}`);
    throw e;
  } finally {
    await store.close();
  }
}
