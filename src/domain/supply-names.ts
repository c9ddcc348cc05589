import type { Language } from './messages.js';

/**
 * Printers' supplies and trays as a town office says them (pure), in the reader's language: 黑色墨粉,
 * 硒鼓, 废粉盒 / "black toner". The one module for these names: the pages, the CLI, fault details and
 * the monthly report all call it. The structured fields come first: the supply type (Printer-MIB
 * prtMarkerSuppliesTypeTC, RFC 3805 / RFC 3806, in camelCase as in src/probes/snmp/printer-enums.ts; IPP
 * marker-types, PWG 5100.13 / RFC 8011, hyphenated) and the colorant (prtMarkerColorantValue, e.g.
 * `black`, or IPP marker-colors, sRGB `#000000`). The device's free text is read only when the type says
 * nothing (`other`, `unknown`): the words printers use there were taken from the recordings in
 * ../shared/fixtures/snmprec (prtMarkerSuppliesDescription, prtInputName/Description of Brother, Canon,
 * Epson, HP, Konica Minolta, Ricoh, Sharp, Xerox). A name already in Chinese is kept as the device said it.
 */

/** Normalised type (`tonerCartridge`, `toner-cartridge` → `tonercartridge`) → [Chinese, English]. */
const typeNames: Readonly<Record<string, readonly [string, string]>> = {
  toner: ['墨粉', 'toner'],
  tonercartridge: ['墨粉盒', 'toner cartridge'],
  mattetoner: ['哑光墨粉', 'matte toner'],
  matttoner: ['哑光墨粉', 'matte toner'],
  wastetoner: ['废粉盒', 'waste toner box'],
  ink: ['墨水', 'ink'],
  inkcartridge: ['墨盒', 'ink cartridge'],
  matteink: ['哑光墨水', 'matte ink'],
  inkribbon: ['色带', 'ink ribbon'],
  wasteink: ['废墨盒', 'waste ink box'],
  opc: ['硒鼓', 'drum (OPC)'],
  developer: ['显影剂', 'developer'],
  fuseroil: ['定影油', 'fuser oil'],
  solidwax: ['固体蜡', 'solid wax'],
  ribbonwax: ['蜡带', 'wax ribbon'],
  wastewax: ['废蜡盒', 'waste wax box'],
  fuser: ['定影器', 'fuser'],
  coronawire: ['电晕丝', 'corona wire'],
  fuseroilwick: ['定影油芯', 'fuser oil wick'],
  cleanerunit: ['清洁单元', 'cleaner unit'],
  fusercleaningpad: ['定影清洁垫', 'fuser cleaning pad'],
  transferunit: ['转印单元', 'transfer unit'],
  fuseroiler: ['定影上油器', 'fuser oiler'],
  water: ['水', 'water'],
  wastewater: ['废水盒', 'waste water box'],
  wastepaper: ['废纸盒', 'waste paper bin'],
  bindingsupply: ['装订耗材', 'binding supply'],
  bandingsupply: ['捆扎耗材', 'banding supply'],
  stitchingwire: ['装订线', 'stitching wire'],
  shrinkwrap: ['收缩膜', 'shrink wrap'],
  paperwrap: ['包装纸', 'paper wrap'],
  staples: ['订书钉', 'staples'],
  inserts: ['插页', 'inserts'],
  covers: ['封面纸', 'covers'],
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

/** Colorant (hyphenated) → [Chinese, English]. */
const colourNames: Readonly<Record<string, readonly [string, string]>> = {
  black: ['黑色', 'black'],
  'matte-black': ['哑光黑色', 'matte black'],
  'photo-black': ['照片黑色', 'photo black'],
  cyan: ['青色', 'cyan'],
  'light-cyan': ['浅青色', 'light cyan'],
  magenta: ['品红色', 'magenta'],
  'light-magenta': ['浅品红色', 'light magenta'],
  yellow: ['黄色', 'yellow'],
  gray: ['灰色', 'grey'],
  grey: ['灰色', 'grey'],
  'light-gray': ['浅灰色', 'light grey'],
  red: ['红色', 'red'],
  green: ['绿色', 'green'],
  blue: ['蓝色', 'blue'],
};

/** IPP marker-colors are sRGB (`#000000`); a multi-colour cartridge lists several. */
const hexColours: Readonly<Record<string, string>> = {
  '#000000': 'black',
  '#00ffff': 'cyan',
  '#ff00ff': 'magenta',
  '#ffff00': 'yellow',
  '#808080': 'gray',
};

/** Supplies that carry no colour in their name unless the device gives one (Chinese names). */
const colourless = new Set(['废粉盒', '废墨盒', '定影器', '转印单元', '订书钉']);

const cjk = /[\u3400-\u9fff]/;
const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
const pick = (names: readonly [string, string] | undefined, language: Language) =>
  names === undefined ? '' : language === 'en' ? names[1] : names[0];

/** The colour key (`black`, `light-cyan`) of a colorant or a description; undefined when none. */
function colourKey(color: string | null, description: string): string | undefined {
  const raw = (color ?? '').trim().toLowerCase();
  const key = hexColours[raw] ?? raw.replace(/\s+/g, '-');
  if (colourNames[key]) return key;
  const said = /\b(matte black|photo black|light cyan|light magenta|black|cyan|magenta|yellow|gr[ae]y)\b/i
    .exec(description)?.[1]
    ?.toLowerCase()
    .replace(/\s+/g, '-');
  return said && colourNames[said] ? said : undefined;
}

/** The colour of a supply in words (`黑色`), from the colorant or the description; '' when none. */
export function colourName(color: string | null, description = '', language: Language = 'zh-CN'): string {
  const key = colourKey(color, description);
  return key === undefined ? '' : pick(colourNames[key], language);
}

/** The type key (`tonercartridge`), from the type or, when it says nothing, the description. */
function typeKey(type: string, description: string): string | undefined {
  const t = norm(type);
  if (t === 'toner' && /cartridge/i.test(description)) return 'tonercartridge';
  if (typeNames[t]) return t;
  for (const [re, key] of describedAs) if (re.test(description)) return key;
  return undefined;
}

/** The supply type in words (`墨粉`, `硒鼓`, `废粉盒`); '' when neither the type nor the description tells. */
export function supplyTypeName(type: string, description = '', language: Language = 'zh-CN'): string {
  const key = typeKey(type, description);
  return key === undefined ? '' : pick(typeNames[key], language);
}

/**
 * What people call the supply: `黑色墨粉`, `硒鼓`, `废粉盒`, `品红色耗材` (a type we do not know) /
 * "black toner". Receptacles and drums carry no colour unless the device gives one. With the device's
 * description: one already in Chinese is kept as it is; in English the device's own words are shown.
 * Without one (the monthly report names supplies from type and colour only) the names come from the tables.
 */
export function supplyLabel(
  s: { readonly type?: string; readonly color?: string | null; readonly description?: string },
  language: Language,
): string {
  const d = (s.description ?? '').trim().replace(/\s+/g, ' ');
  const type = supplyTypeName(s.type ?? '', d, language);
  const colour = colourName(s.color ?? null, d, language);
  if (language === 'en') {
    if (d !== '') return d.slice(0, 60);
    const name = type || 'supply';
    return colour ? `${colour} ${name}` : name;
  }
  if (cjk.test(d)) return d.slice(0, 40);
  if (type === '') return `${colour}耗材`;
  return `${colourless.has(type) ? '' : colour}${type}`;
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
