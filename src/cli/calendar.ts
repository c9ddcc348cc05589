import { type Command, Option } from 'commander';
import { loadScheduleContext, type ScheduleView, scheduleView } from '../calendar/schedule.js';
import { systemClock } from '../clock.js';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import { isIsoDate, localTime, weekdayZh } from '../domain/local-time.js';

const EXIT_BAD_INPUT = 2;

interface CalendarOptions {
  config: string;
  from?: string;
  days: string;
  json?: boolean;
  calendar?: string;
}

/** `zoneops calendar`: the working calendar and the planned power times, per date. */
export function registerCalendar(program: Command): void {
  program
    .command('calendar')
    .description('show the working calendar (holidays, 调休上班) and the planned power on/off times per date')
    .addOption(new Option('-c, --config <file>', 'configuration file').default(defaultConfigPath))
    .option('--from <YYYY-MM-DD>', 'first date (default: today in the zone)')
    .option('--days <N>', 'number of days (1..366)', '14')
    .option('--calendar <file>', 'calendar override file (default: power.calendarFile of the config)')
    .option('--json', 'machine-readable output')
    .action((opts: CalendarOptions) => {
      const out = runCalendar(opts, systemClock.now());
      if (out.stderr) process.stderr.write(out.stderr);
      if (out.stdout) process.stdout.write(out.stdout);
      if (out.code !== 0) process.exit(out.code);
    });
}

/** The command without process I/O, so tests check exactly what the technician sees. */
export function runCalendar(
  opts: CalendarOptions,
  now: number,
): { code: number; stdout: string; stderr: string } {
  const fail = (msg: string) => ({ code: EXIT_BAD_INPUT, stdout: '', stderr: `${msg}\n` });
  const loaded = loadConfig(opts.config);
  if (!loaded.ok) return fail(loaded.error.join('\n'));
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > 366)
    return fail(`--days: expected 1..366, got ${opts.days}`);
  const from = opts.from ?? localTime(now, loaded.value.timezone).date;
  if (!isIsoDate(from)) return fail(`--from: expected a date YYYY-MM-DD, got ${from}`);
  const ctx = loadScheduleContext(loaded.value, opts.calendar);
  if (!ctx.ok) return fail(ctx.error.join('\n'));
  const view = scheduleView(ctx.value, from, days, now);
  if (opts.json) return { code: 0, stdout: `${JSON.stringify(view, null, 2)}\n`, stderr: '' };
  return { code: 0, stdout: formatView(view), stderr: '' };
}

function formatView(view: ScheduleView): string {
  const lines: string[] = [];
  if (view.fallbackYears.length > 0) {
    lines.push(
      `警告 WARNING: ${view.fallbackYears.join(', ')} 年无节假日数据，按周一至周五推定（source=fallback）。` +
        ` No holiday data for ${view.fallbackYears.join(', ')}: Mon–Fri assumed.`,
    );
  }
  if (view.warning.level !== 'none') lines.push(`提醒 NOTICE: ${view.warning.message}`);
  lines.push(`已知年份 known years: ${compactYears(view.knownYears)}`, '');
  for (const d of view.days) {
    const state = d.openDay ? '上班' : '休息';
    const open = d.open.length ? d.open.join(', ') : '—';
    const power = Object.entries(d.power)
      .filter(([, ws]) => ws.length > 0)
      .map(([type, ws]) => `${type} ${ws.map((w) => `${w.on}→${w.off}`).join(' ')}`)
      .join('; ');
    lines.push(
      `${d.date} ${(weekdayZh as Record<string, string>)[d.weekday] ?? d.weekday} ${state} ${d.reason} [${d.source}]  开放 ${open}${power ? `  电源 ${power}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function compactYears(years: readonly number[]): string {
  if (years.length === 0) return 'none';
  const first = years[0];
  const last = years.at(-1);
  const contiguous = first !== undefined && last !== undefined && last - first + 1 === years.length;
  return contiguous && years.length > 2 ? `${first}–${last}` : years.join(', ');
}
