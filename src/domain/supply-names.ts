import type { Language } from './messages.js';

/**
 * A printer supply in the office's words (pure): 黑色墨粉, 硒鼓, 废粉盒 — from its type and colour, never
 * the device's English description. Types come as Printer-MIB prtMarkerSuppliesType names (RFC 3805:
 * `tonerCartridge`, `wasteToner`, `opc` …, src/probes/snmp/printer-enums.ts) or IPP `marker-types`
 * keywords (PWG 5100.13 / RFC 8011: `toner-cartridge`, `waste-toner` …); colours as colorant names
 * (`black`) or IPP `marker-colors` values (`#000000`).
 */

const typeNames: Readonly<Record<string, readonly [string, string]>> = {
  toner: ['墨粉', 'toner'],
  tonercartridge: ['墨粉盒', 'toner cartridge'],
  wastetoner: ['废粉盒', 'waste toner box'],
  ink: ['墨水', 'ink'],
  inkcartridge: ['墨盒', 'ink cartridge'],
  inkribbon: ['色带', 'ink ribbon'],
  wasteink: ['废墨仓', 'waste ink box'],
  opc: ['硒鼓', 'drum (OPC)'],
  developer: ['显影组件', 'developer'],
  fuser: ['定影组件', 'fuser'],
  fuseroil: ['定影油', 'fuser oil'],
  transferunit: ['转印组件', 'transfer unit'],
  cleanerunit: ['清洁组件', 'cleaner unit'],
  coronawire: ['电晕丝', 'corona wire'],
  staples: ['订书钉', 'staples'],
  wastepaper: ['废纸盒', 'waste paper bin'],
  solidwax: ['固体蜡', 'solid wax'],
  matttoner: ['哑光墨粉', 'matte toner'],
  mattetoner: ['哑光墨粉', 'matte toner'],
};

const colourNames: Readonly<Record<string, readonly [string, string]>> = {
  black: ['黑色', 'black'],
  cyan: ['青色', 'cyan'],
  magenta: ['品红色', 'magenta'],
  yellow: ['黄色', 'yellow'],
  '#000000': ['黑色', 'black'],
  '#00ffff': ['青色', 'cyan'],
  '#ff00ff': ['品红色', 'magenta'],
  '#ffff00': ['黄色', 'yellow'],
  'photo-black': ['照片黑', 'photo black'],
  'matte-black': ['哑光黑', 'matte black'],
};

const key = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');

/** 黑色墨粉 / "black toner"; an unknown type is 耗材 / "supply", an unknown colour is left out. */
export function supplyDisplayName(type: string, color: string | null, lang: Language): string {
  const i = lang === 'en' ? 1 : 0;
  const t = typeNames[key(type)]?.[i] ?? (lang === 'en' ? 'supply' : '耗材');
  const c = color === null ? undefined : (colourNames[color.trim().toLowerCase()]?.[i] ?? undefined);
  if (c === undefined) return t;
  return lang === 'en' ? `${c} ${t}` : `${c}${t}`;
}
