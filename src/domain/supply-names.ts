import type { Language } from './messages.js';

/**
 * Printers' own names for their supplies and trays, as a town office says them (pure). The structured
 * fields come first: the supply type (Printer-MIB prtMarkerSuppliesTypeTC, RFC 3805 / RFC 3806, in
 * camelCase; IPP marker-types, PWG 5100.x, hyphenated) and the colorant (prtMarkerColorantValue, e.g.
 * `black`, or IPP marker-colors, sRGB `#000000`). The device's free text is read only when the type
 * says nothing (`other`, `unknown`): the words printers use there were taken from the recordings in
 * ../shared/fixtures/snmprec (prtMarkerSuppliesDescription, prtInputName/Description of Brother, Canon,
 * Epson, HP, Konica Minolta, Ricoh, Sharp, Xerox). A name already in Chinese is kept as the device said it.
 */

const typeNames: Readonly<Record<string, string>> = {
  toner: '墨粉',
  tonercartridge: '墨粉盒',
  mattetoner: '哑光墨粉',
  wastetoner: '废粉盒',
  ink: '墨水',
  inkcartridge: '墨盒',
  matteink: '哑光墨水',
  inkribbon: '色带',
  wasteink: '废墨盒',
  opc: '硒鼓',
  developer: '显影剂',
  fuseroil: '定影油',
  solidwax: '固体蜡',
  ribbonwax: '蜡带',
  wastewax: '废蜡盒',
  fuser: '定影器',
  coronawire: '电晕丝',
  fuseroilwick: '定影油芯',
  cleanerunit: '清洁单元',
  fusercleaningpad: '定影清洁垫',
  transferunit: '转印单元',
  fuseroiler: '定影上油器',
  water: '水',
  wastewater: '废水盒',
  wastepaper: '废纸盒',
  bindingsupply: '装订耗材',
  bandingsupply: '捆扎耗材',
  stitchingwire: '装订线',
  shrinkwrap: '收缩膜',
  paperwrap: '包装纸',
  staples: '订书钉',
  inserts: '插页',
  covers: '封面纸',
};

/** Words in the devices' own descriptions, most specific first (used when the type says nothing). */
const describedAs: ReadonlyArray<readonly [RegExp, string]> = [
  [/waste\s*toner/i, 'wastetoner'],
  [/waste\s*ink/i, 'wasteink'],
  [/drum|photo\s*conductor|opc|imaging/i, 'opc'],
  [/developer/i, 'developer'],
  [/fus(er|ing)/i, 'fuser'],
  [/transfer/i, 'transferunit'],
  [/toner\s*cartridge|cartridge/i, 'tonercartridge'],
  [/toner/i, 'toner'],
  [/ink/i, 'ink'],
  [/staple/i, 'staples'],
];

const colourNames: Readonly<Record<string, string>> = {
  black: '黑色',
  'matte-black': '哑光黑色',
  'photo-black': '照片黑色',
  cyan: '青色',
  'light-cyan': '浅青色',
  magenta: '品红色',
  'light-magenta': '浅品红色',
  yellow: '黄色',
  gray: '灰色',
  grey: '灰色',
  'light-gray': '浅灰色',
  red: '红色',
  green: '绿色',
  blue: '蓝色',
};

/** IPP marker-colors are sRGB (`#000000`); a multi-colour cartridge lists several. */
const hexColours: Readonly<Record<string, string>> = {
  '#000000': 'black',
  '#00ffff': 'cyan',
  '#ff00ff': 'magenta',
  '#ffff00': 'yellow',
  '#808080': 'gray',
};

const cjk = /[\u3400-\u9fff]/;
const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** The colour of a supply in words (`黑色`), from the colorant or the description; '' when none. */
export function colourName(color: string | null, description = ''): string {
  const raw = (color ?? '').trim().toLowerCase();
  const key = hexColours[raw] ?? raw.replace(/\s+/g, '-');
  const said = /\b(matte black|photo black|light cyan|light magenta|black|cyan|magenta|yellow|gr[ae]y)\b/i
    .exec(description)?.[1]
    ?.toLowerCase()
    .replace(/\s+/g, '-');
  return colourNames[key] ?? (said ? colourNames[said] : undefined) ?? '';
}

/** The supply type in words (`墨粉`, `硒鼓`, `废粉盒`); '' when neither the type nor the description tells. */
export function supplyTypeName(type: string, description = ''): string {
  const t = norm(type);
  const named = typeNames[t];
  if (named && t !== 'toner') return named;
  if (t === 'toner')
    return /cartridge/i.test(description) ? (typeNames.tonercartridge as string) : (named ?? '');
  for (const [re, key] of describedAs) if (re.test(description)) return typeNames[key] as string;
  return '';
}

/**
 * What people call the supply: `黑色墨粉`, `硒鼓`, `废粉盒`. Receptacles and drums carry no colour unless
 * the device gives one. A description already in Chinese is kept; English falls back to the device's name.
 */
export function supplyLabel(
  s: { readonly type?: string; readonly color?: string | null; readonly description: string },
  language: Language,
): string {
  const d = s.description.trim().replace(/\s+/g, ' ');
  if (language === 'en') return d.slice(0, 60) || s.type || 'supply';
  if (cjk.test(d)) return d.slice(0, 40);
  const type = supplyTypeName(s.type ?? '', d);
  if (type === '') return '耗材';
  const colour = colourName(s.color ?? null, d);
  const coloured = !['废粉盒', '废墨盒', '定影器', '转印单元', '订书钉'].includes(type);
  return `${coloured ? colour : ''}${type}`;
}

const trayWords: ReadonlyArray<readonly [RegExp, (n: string) => string]> = [
  [
    /^(?:bypass|manual(?:\s*feed|\s*tray)?|mp\s*tray|multi[\s-]*purpose(?:\s*tray)?)(?:\s*tray)?$/i,
    () => '手送纸盒',
  ],
  [/^auto(?:\s*select)?$/i, () => '自动选纸'],
  [/^(?:rear\s*)?auto\s*sheet\s*feeder$/i, () => '自动进纸器'],
  [/^roll(?:\s*unit)?\s*(\d+)$/i, (n) => `卷纸 ${n}`],
  [/^(?:paper\s*|input\s*)?(?:tray|cassette|drawer|bin|sheet\s*feeder\s*bin)\s*(\d+)$/i, (n) => `纸盒 ${n}`],
  [/^(\d+)(?:st|nd|rd|th)\s*(?:cassette|tray|drawer)$/i, (n) => `纸盒 ${n}`],
];

/** A tray as people call it: `纸盒 1`, `手送纸盒`; undefined when the device's word is not one we know. */
function knownTray(description: string): string | undefined {
  const d = description.trim().replace(/\s+/g, ' ');
  for (const [re, name] of trayWords) {
    const m = re.exec(d);
    if (m) return name(m[1] ?? '');
  }
  return undefined;
}

/** The name of a tray on the device card: the device's Chinese name, else `纸盒 1` / `手送纸盒` / `纸盒 <index>`. */
export function trayLabel(description: string, index: number, language: Language): string {
  const d = description.trim();
  if (language === 'en') return d || `Tray ${index}`;
  if (cjk.test(d)) return d.slice(0, 40);
  return knownTray(d) ?? `纸盒 ${index}`;
}

/** For evidence: the tray a device's phrase names (`Tray 1`, `TRAY1`, `Bypass Tray`), if any. */
export function trayIn(phrase: string): { name: string; rest: string } | undefined {
  const m =
    /\b((?:paper\s*|input\s*)?(?:tray|cassette|drawer)\s*\d+|\d+(?:st|nd|rd|th)\s*(?:cassette|tray|drawer)|bypass(?:\s*tray)?|manual\s*(?:feed|tray)|mp\s*tray|multi[\s-]*purpose\s*tray)\b/i.exec(
      phrase,
    );
  if (!m) return undefined;
  const name = knownTray(m[1] as string);
  if (!name) return undefined;
  return { name, rest: `${phrase.slice(0, m.index)} ${phrase.slice(m.index + (m[1] as string).length)}` };
}
