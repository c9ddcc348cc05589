import { type Command, Option } from 'commander';
import { PowerOverridesRepo } from '../calendar/overrides-repo.js';
import { loadScheduleContext } from '../calendar/schedule.js';
import { createScheduleService } from '../calendar/schedule-service.js';
import { systemClock } from '../clock.js';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import type { Language } from '../domain/messages.js';
import { isMonth } from '../domain/report-calendar.js';
import { loadMonthlyReport } from '../report/load.js';
import { type ReportFormat, renderReport, reportFormats } from '../report/render.js';
import { openStore } from '../store/store.js';
import { cliLanguage } from './lang.js';

const EXIT_BAD_INPUT = 2;

interface ReportOptions {
  config: string;
  month: string;
  format: ReportFormat;
  lang?: Language;
}

/** `zoneops report --month YYYY-MM`: the monthly report from the config's database, on stdout. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'monthly report of the zone (设备运行月报): availability, faults, power, pages, hygiene, supplies, energy',
    )
    .addOption(new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath))
    .requiredOption('--month <YYYY-MM>', 'the month, e.g. 2026-10')
    .addOption(new Option('--format <format>', 'output format').choices(reportFormats).default('md'))
    .addOption(new Option('--lang <lang>', 'language (default: the config’s)').choices(['zh-CN', 'en']))
    .exitOverride()
    .action(async (opts: ReportOptions) => {
      const out = await runReport(opts, systemClock.now());
      if (out.stderr) process.stderr.write(out.stderr);
      if (out.stdout.length > 0) process.stdout.write(out.stdout);
      process.exitCode = out.code;
    });
}

/** The command without process I/O (tests call it directly). Exit codes: 0 ok, 2 bad input or config. */
export async function runReport(
  opts: ReportOptions,
  now: number,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const lang = cliLanguage(opts.lang, opts.config);
  const en = lang === 'en';
  const fail = (msg: string) => ({
    code: EXIT_BAD_INPUT,
    stdout: Buffer.alloc(0),
    stderr: `zoneops report${en ? ': ' : '：'}${msg}\n`,
  });
  if (!isMonth(opts.month))
    return fail(
      en
        ? `--month: expected a month YYYY-MM (e.g. 2026-10), got "${opts.month}"`
        : `--month：应为月份 YYYY-MM（例如 2026-10），实际是 "${opts.month}"`,
    );
  if (!(reportFormats as readonly string[]).includes(opts.format))
    return fail(
      en
        ? `--format: expected one of ${reportFormats.join(', ')}, got "${opts.format}"`
        : `--format：应为 ${reportFormats.join('、')} 之一，实际是 "${opts.format}"`,
    );
  const loaded = loadConfig(opts.config, {}, { language: lang });
  if (!loaded.ok)
    return { code: EXIT_BAD_INPUT, stdout: Buffer.alloc(0), stderr: `${loaded.error.join('\n')}\n` };
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
    const report = await loadMonthlyReport({ db: store.db, config, schedule }, opts.month, now);
    const out = renderReport(report, opts.format, opts.lang ?? config.language);
    return { code: 0, stdout: out.body, stderr: '' };
  } finally {
    await store.close();
  }
}
