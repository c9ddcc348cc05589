import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Language } from '../domain/messages.js';

/**
 * Where a problem is, as a person looks for it: the YAML line and column (counted from 1, as editors
 * do), and the path with list items counted from 1 and named by their id — `devices #3 (pc-03) snmp.port`
 * / `devices 第 3 项（pc-03）的 snmp.port`.
 */

export interface Position {
  readonly line: number;
  readonly col: number;
}

const safeId = /^[A-Za-z0-9._-]{1,64}$/;

function child(data: unknown, key: PropertyKey): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  return (data as Record<PropertyKey, unknown>)[key];
}

/** The id (or name) of a list item, when it is a plain id worth repeating back. */
function itemName(item: unknown): string | undefined {
  for (const k of ['id', 'person', 'name']) {
    const v = child(item, k);
    if (typeof v === 'string' && safeId.test(v)) return v;
  }
  return undefined;
}

export function humanPath(path: readonly PropertyKey[], data: unknown, language: Language): string {
  if (path.length === 0) return language === 'en' ? '(top level)' : '（顶层）';
  const zh = language !== 'en';
  let out = '';
  let at: unknown = data;
  let afterIndex = false;
  for (const key of path) {
    if (typeof key === 'number') {
      at = child(at, key);
      const name = itemName(at);
      out += zh ? ` 第 ${key + 1} 项${name ? `（${name}）` : ''}` : ` #${key + 1}${name ? ` (${name})` : ''}`;
      afterIndex = true;
      continue;
    }
    at = child(at, key);
    const k = String(key);
    if (out === '') out = k;
    else if (afterIndex) out += zh ? `的 ${k}` : ` ${k}`;
    else out += `.${k}`;
    afterIndex = false;
  }
  return out;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

/**
 * The position of the value at `path` (of the key `unknownKey` in the mapping at `path`, for an unknown
 * field). A value that is missing points at the mapping it is missing from.
 */
export function positionOf(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
  unknownKey?: string,
): Position | undefined {
  let offset: number | undefined;
  if (unknownKey !== undefined) {
    const parent = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === unknownKey);
      offset = startOf(pair?.key);
    }
  }
  for (let n = path.length; offset === undefined && n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (node !== undefined && (isMap(node) || isSeq(node) || isScalar(node))) offset = startOf(node);
  }
  if (offset === undefined) return undefined;
  const p = lines.linePos(offset);
  return { line: p.line, col: p.col };
}

/** `file:12:5` in English, `file 第 12 行第 5 列` in Chinese; the file alone without a position. */
export function placeText(file: string, pos: Position | undefined, language: Language): string {
  if (!pos) return file;
  return language === 'en' ? `${file}:${pos.line}:${pos.col}` : `${file} 第 ${pos.line} 行第 ${pos.col} 列`;
}

/**
 * Slips of a Chinese input method that YAML reads as something else: a full-width colon `：` after a
 * key, and full-width spaces `　` in the indentation or after a colon. One hint per line found.
 */
export function imeHints(source: string, file: string, language: Language): string[] {
  const out: string[] = [];
  source.split(/\r?\n/).forEach((text, i) => {
    const line = text.split(/\s#/)[0] ?? '';
    const where = language === 'en' ? `${file}:${i + 1}` : `${file} 第 ${i + 1} 行`;
    if (/^[\s\u3000]*(?:-[\s\u3000]+)?[^\s\u3000#'"：:-][^：:#'"]*：/.test(line)) {
      out.push(
        language === 'en'
          ? `${where}: hint: "：" is a full-width (Chinese input) colon; YAML needs an ASCII ":" followed by a space`
          : `${where}：提示：这一行用了中文输入法的全角冒号“：”，YAML 要用英文半角冒号“:”，冒号后面再加一个空格`,
      );
    }
    if (/^[ \t]*\u3000|[:：]\s*\u3000/.test(line)) {
      out.push(
        language === 'en'
          ? `${where}: hint: a full-width space "　" (Chinese input) is in the indentation or after a colon; use ASCII spaces`
          : `${where}：提示：这一行的缩进或冒号后面有全角空格“　”，请改用英文半角空格`,
      );
    }
  });
  return out;
}
