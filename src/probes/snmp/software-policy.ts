import type { SnmpSettings } from '../../config/sections/snmp.js';
import { type Condition, condition } from '../../domain/conditions.js';
import type { HardwareItem, HostReading } from '../../domain/observation.js';

/**
 * The seed rules forbid games, unrelated software and unauthorised software/hardware changes on the
 * public machines. Pure functions: patterns and baselines in, conditions out.
 */

/** Case-insensitive globs (`*` any run, `?` one character) matched against whole process/software names. */
export const defaultForbiddenPatterns: readonly string[] = [
  // games shipped with Windows, and common game platforms
  'sol.exe',
  'freecell.exe',
  'spider.exe',
  'winmine.exe',
  'mshearts.exe',
  'pinball.exe',
  '*solitaire*',
  '*minesweeper*',
  '*steam*',
  '*wegame*',
  '*qqgame*',
  'QQ游戏*',
  '*4399*',
  '*leagueclient*',
  '英雄联盟*',
  '*游戏*',
  '*扫雷*',
  '*纸牌*',
  '*斗地主*',
  '*麻将*',
  // download tools
  '*thunder*',
  '*xunlei*',
  '迅雷*',
  '*utorrent*',
  '*bittorrent*',
  '*qbittorrent*',
  '*emule*',
  '*flashget*',
  '*快车*',
  '*baidunetdisk*',
  '百度网盘*',
  '*qvod*',
  '*快播*',
];

export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'iu',
      ),
  );
}

/** Names from the running processes and installed software that match a forbidden pattern. */
export function forbiddenFound(
  host: Pick<HostReading, 'processes' | 'installed'>,
  patterns: readonly RegExp[],
): string[] {
  const found = new Set<string>();
  for (const name of [...host.processes, ...host.installed]) {
    if (patterns.some((re) => re.test(name))) found.add(name);
  }
  return [...found].sort();
}

export interface Baseline {
  readonly installed: readonly string[];
  readonly hardware: readonly string[];
  readonly takenAt: number;
}

/** Hardware as comparable strings; the index is left out (it moves when devices are re-enumerated). */
function hardwareKeys(items: readonly HardwareItem[]): string[] {
  return [...new Set(items.map((h) => `${h.type}: ${h.description}`))].sort();
}

export function baselineOf(host: Pick<HostReading, 'installed' | 'hardware'>, now: number): Baseline {
  return {
    installed: [...new Set(host.installed)].sort(),
    hardware: hardwareKeys(host.hardware),
    takenAt: now,
  };
}

interface Diff {
  readonly added: string[];
  readonly removed: string[];
}

function diff(before: readonly string[], after: readonly string[]): Diff {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((x) => !b.has(x)).sort(), removed: [...b].filter((x) => !a.has(x)).sort() };
}

function describe(d: Diff): string {
  const parts: string[] = [];
  if (d.added.length > 0) parts.push(`added: ${d.added.join(', ')}`);
  if (d.removed.length > 0) parts.push(`removed: ${d.removed.join(', ')}`);
  return parts.join('; ');
}

/**
 * forbidden-software, software-changed and hardware-changed for one reading. An empty
 * installed list (agent without hrSWInstalled) is "not reported", not "everything removed".
 */
export function softwareConditions(
  host: Pick<HostReading, 'processes' | 'installed' | 'hardware'>,
  patterns: readonly RegExp[],
  baseline: Baseline | null,
): Condition[] {
  const out: Condition[] = [];
  const forbidden = forbiddenFound(host, patterns);
  if (forbidden.length > 0) out.push(condition('forbidden-software', forbidden.join(', ')));
  if (baseline) {
    if (host.installed.length > 0) {
      const d = diff(baseline.installed, [...new Set(host.installed)]);
      if (d.added.length + d.removed.length > 0) out.push(condition('software-changed', describe(d)));
    }
    if (host.hardware.length > 0) {
      const d = diff(baseline.hardware, hardwareKeys(host.hardware));
      if (d.added.length + d.removed.length > 0) out.push(condition('hardware-changed', describe(d)));
    }
  }
  return out;
}

/** The forbidden-software patterns in force: the built-in list (or the configured replacement) plus extras. */
export function forbiddenPatternsOf(
  s: Pick<SnmpSettings, 'forbiddenSoftware' | 'extraForbiddenSoftware'>,
): string[] {
  return [...(s.forbiddenSoftware ?? defaultForbiddenPatterns), ...s.extraForbiddenSoftware];
}
