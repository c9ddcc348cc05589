import { type Command, Option } from 'commander';
import { loadScheduleContext, type ScheduleView, scheduleView } from '../calendar/schedule.js';
import { systemClock } from '../clock.js';
import { defaultConfigPath, loadConfig } from '../config/load.js';
import { inLanguage } from '../config/problems.js';
import { isIsoDate, localTime } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { deviceTypeNamesZh, weekdayNames } from '../domain/words.js';
import { cliLanguage, langOption } from './lang.js';

const EXIT_BAD_INPUT = 2;

interface CalendarOptions {
  config: string;
  from?: string;
  days: string;
  json?: boolean;
  calendar?: string;
  lang?: string;
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
    .addOption(langOption())
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
  const lang = cliLanguage(opts.lang, opts.config);
  const en = lang === 'en';
  const fail = (msg: string) => ({ code: EXIT_BAD_INPUT, stdout: '', stderr: `${msg}\n` });
  const loaded = loadConfig(opts.config, {}, { language: lang });
  if (!loaded.ok) return fail(loaded.error.join('\n'));
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > 366)
    return fail(
      en
        ? `--days: expected 1..366, got ${opts.days}`
        : `--days：应为 1 到 366 之间的整数，实际是 ${opts.days}`,
    );
  const from = opts.from ?? localTime(now, loaded.value.timezone).date;
  if (!isIsoDate(from))
    return fail(
      en ? `--from: expected a date YYYY-MM-DD, got ${from}` : `--from：应为日期 YYYY-MM-DD，实际是 ${from}`,
    );
  const ctx = inLanguage(lang, () => loadScheduleContext(loaded.value, opts.calendar));
  if (!ctx.ok) return fail(ctx.error.join('\n'));
  const view = scheduleView(ctx.value, from, days, now);
  if (opts.json) return { code: 0, stdout: `${JSON.stringify(view, null, 2)}\n`, stderr: '' };
  const types = new Set<string>(loaded.value.devices.map((d) => d.type));
  return { code: 0, stdout: formatView(view, lang, types), stderr: '' };
}

/** The calendar's reasons in English (holiday names as the State Council's notice calls them in English). */
const reasonEn: ReadonlyArray<readonly [string, string]> = [
  ['工作日', 'working day'],
  ['周末', 'weekend'],
  ['调休上班', 'make-up working day'],
  ['元旦', "New Year's Day"],
  ['春节', 'Spring Festival'],
  ['清明节', 'Tomb-sweeping Day'],
  ['劳动节', 'Labour Day'],
  ['端午节', 'Dragon Boat Festival'],
  ['中秋节', 'Mid-autumn Festival'],
  ['国庆节', 'National Day'],
];
const reasonOf = (r: string) => reasonEn.reduce((t, [zh, en]) => t.replaceAll(zh, en), r);
const sourceZh: Record<string, string> = { package: '国务院安排', override: '本地日历', fallback: '推定' };

/** One line per date, in the reader's language; only the device types the zone has. */
function formatView(view: ScheduleView, lang: Language, types: ReadonlySet<string>): string {
  const en = lang === 'en';
  const lines: string[] = [];
  const years = view.fallbackYears.join(en ? ', ' : '、');
  if (view.fallbackYears.length > 0) {
    lines.push(
      en
        ? `WARNING: no holiday data for ${years}: Mon–Fri assumed (source: fallback).`
        : `警告：${years} 年无节假日数据，按周一至周五推定（来源：推定）。`,
    );
  }
  if (view.warning.level !== 'none') {
    const y = view.warning.year;
    lines.push(
      en
        ? view.warning.level === 'critical'
          ? `NOTICE: the holiday arrangement of ${y} is unknown: the schedule assumes Mon–Fri. Update chinese-days or add ${y} to config/calendar.yaml.`
          : `NOTICE: the holiday arrangement of ${y} is not in yet: once the State Council publishes it, update chinese-days or add it to config/calendar.yaml, or Mon–Fri is assumed from 1 January.`
        : `提醒：${view.warning.message}`,
    );
  }
  lines.push(`${en ? 'known years' : '已知年份'}${en ? ': ' : '：'}${compactYears(view.knownYears, en)}`, '');
  for (const d of view.days) {
    const day = (weekdayNames[lang] as Record<string, string>)[d.weekday] ?? d.weekday;
    const open = d.open.length ? d.open.join(en ? ', ' : '、') : '—';
    const power = Object.entries(d.power)
      .filter(([type, ws]) => ws.length > 0 && types.has(type))
      .map(
        ([type, ws]) =>
          `${en ? type : (deviceTypeNamesZh[type] ?? type)} ${ws.map((w) => `${w.on}→${w.off}`).join(' ')}`,
      )
      .join(en ? '; ' : '；');
    if (en) {
      lines.push(
        `${d.date} ${day} ${d.openDay ? 'open' : 'closed'} ${reasonOf(d.reason)} [${d.source}]  hours ${open}${power ? `  power ${power}` : ''}`,
      );
    } else {
      lines.push(
        `${d.date} ${day} ${d.openDay ? '上班' : '休息'}（${d.reason}，${sourceZh[d.source] ?? d.source}）  开放 ${open}${power ? `  开关机 ${power}` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function compactYears(years: readonly number[], en: boolean): string {
  if (years.length === 0) return en ? 'none' : '无';
  const first = years[0];
  const last = years.at(-1);
  const contiguous = first !== undefined && last !== undefined && last - first + 1 === years.length;
  return contiguous && years.length > 2 ? `${first}–${last}` : years.join(en ? ', ' : '、');
}
