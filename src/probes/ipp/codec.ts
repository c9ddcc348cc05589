/**
 * A strict decoder for IPP messages (RFC 8010 §3). Why our own and not `ipp.parse` from the `ipp`
 * package (v1.1.0): its parser accepts a truncated message silently when the cut falls between
 * attributes, prints to stdout on out-of-band tags (`unknown`, `no-value`: every real printer sends
 * them), decodes dateTime one month late and without its UTC offset, folds language-tagged values
 * into "lang\u001etext", and returns a single value or an array depending on the count. Here every
 * read is bounds-checked, the end-of-attributes tag is required and every fixed-length value has
 * its length checked, so bad bytes from a device become one IppDecodeError with the offset.
 */

export class IppDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = 'IppDecodeError';
  }
}

/** Delimiter tags (RFC 8010 §3.5.1). */
export const groupTags = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  subscription: 0x06,
  eventNotification: 0x07,
  resource: 0x08,
  document: 0x09,
  system: 0x0a,
} as const;

/** Value tags used by the decoder (RFC 8010 §3.5.2). */
const valueTags = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  textWithoutLanguage: 0x41,
  nameWithoutLanguage: 0x42,
  keyword: 0x44,
  uri: 0x45,
  memberAttrName: 0x4a,
  extension: 0x7f,
} as const;

export type IppValue =
  | { readonly kind: 'integer'; readonly tag: number; readonly value: number }
  | { readonly kind: 'boolean'; readonly tag: number; readonly value: boolean }
  | { readonly kind: 'string'; readonly tag: number; readonly value: string; readonly language?: string }
  /** Epoch milliseconds, UTC offset applied. */
  | { readonly kind: 'dateTime'; readonly tag: number; readonly value: number }
  | {
      readonly kind: 'resolution';
      readonly tag: number;
      readonly x: number;
      readonly y: number;
      readonly units: number;
    }
  | { readonly kind: 'range'; readonly tag: number; readonly lower: number; readonly upper: number }
  | { readonly kind: 'collection'; readonly tag: number; readonly members: readonly IppAttribute[] }
  /** unsupported / unknown / no-value and the other out-of-band tags. */
  | { readonly kind: 'out-of-band'; readonly tag: number }
  | { readonly kind: 'bytes'; readonly tag: number; readonly value: Uint8Array };

export interface IppAttribute {
  readonly name: string;
  readonly values: readonly IppValue[];
}

interface IppGroup {
  readonly tag: number;
  readonly attributes: readonly IppAttribute[];
}

export interface IppMessage {
  readonly version: { readonly major: number; readonly minor: number };
  /** Status code in a response, operation id in a request. */
  readonly code: number;
  readonly requestId: number;
  readonly groups: readonly IppGroup[];
  /** Bytes after end-of-attributes (document data in a request). */
  readonly data: Uint8Array;
}

const MAX_COLLECTION_DEPTH = 16;
const utf8 = new TextDecoder('utf-8');

/** Decodes one IPP message; throws IppDecodeError on anything that is not a complete, well-formed message. */
export function decodeIppMessage(bytes: Uint8Array): IppMessage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;

  const need = (n: number, what: string) => {
    if (pos + n > buf.length) throw new IppDecodeError(`message truncated in ${what}`, pos);
  };
  const u8 = (what: string) => {
    need(1, what);
    return buf.readUInt8(pos++);
  };
  const u16 = (what: string) => {
    need(2, what);
    const v = buf.readUInt16BE(pos);
    pos += 2;
    return v;
  };
  const i32 = (what: string) => {
    need(4, what);
    const v = buf.readInt32BE(pos);
    pos += 4;
    return v;
  };
  const slice = (n: number, what: string) => {
    need(n, what);
    const s = buf.subarray(pos, pos + n);
    pos += n;
    return s;
  };

  if (buf.length < 9) throw new IppDecodeError(`too short for an IPP message (${buf.length} bytes)`, 0);
  const major = u8('version');
  const minor = u8('version');
  if (major < 1 || major > 2) {
    throw new IppDecodeError(`not an IPP message (version ${major}.${minor})`, 0);
  }
  const code = u16('status code');
  const requestId = i32('request id');

  /** Reads one value of the given tag; `pos` is at the value length. */
  const readValue = (tag: number, name: string, depth: number): IppValue => {
    const len = u16(`value length of ${name}`);
    const start = pos;
    const body = slice(len, `value of ${name}`);
    const fixed = (n: number) => {
      if (len !== n) throw new IppDecodeError(`${name}: expected ${n} value bytes, got ${len}`, start);
    };
    if (tag >= 0x10 && tag <= 0x1f) return { kind: 'out-of-band', tag };
    switch (tag) {
      case valueTags.integer:
      case valueTags.enum:
        fixed(4);
        return { kind: 'integer', tag, value: body.readInt32BE(0) };
      case valueTags.boolean:
        fixed(1);
        return { kind: 'boolean', tag, value: body[0] !== 0 };
      case valueTags.dateTime:
        fixed(11);
        return { kind: 'dateTime', tag, value: dateTime(body, name, start) };
      case valueTags.resolution:
        fixed(9);
        return {
          kind: 'resolution',
          tag,
          x: body.readInt32BE(0),
          y: body.readInt32BE(4),
          units: body[8] ?? 0,
        };
      case valueTags.rangeOfInteger:
        fixed(8);
        return { kind: 'range', tag, lower: body.readInt32BE(0), upper: body.readInt32BE(4) };
      case valueTags.textWithLanguage:
      case valueTags.nameWithLanguage: {
        const langLen = len >= 2 ? body.readUInt16BE(0) : -1;
        const textLen = langLen >= 0 && len >= 4 + langLen ? body.readUInt16BE(2 + langLen) : -1;
        if (langLen < 0 || textLen < 0 || 4 + langLen + textLen !== len) {
          throw new IppDecodeError(`${name}: malformed language-tagged value`, start);
        }
        return {
          kind: 'string',
          tag,
          language: body.toString('ascii', 2, 2 + langLen),
          value: utf8.decode(body.subarray(4 + langLen)),
        };
      }
      case valueTags.begCollection:
        if (depth >= MAX_COLLECTION_DEPTH)
          throw new IppDecodeError(`${name}: collections nested too deep`, start);
        return { kind: 'collection', tag, members: readCollection(name, depth + 1) };
      default:
        // octetString, text, name, keyword, uri, charset, mimeMediaType, …: all carry text in practice
        // (printer-alert and printer-supply are octetStrings of "key=value;" text).
        if (tag >= 0x30 && tag <= 0x5f) return { kind: 'string', tag, value: utf8.decode(body) };
        return { kind: 'bytes', tag, value: new Uint8Array(body) };
    }
  };

  const readTag = (what: string) => {
    const tag = u8(what);
    return tag === valueTags.extension ? i32(`extension tag of ${what}`) : tag;
  };

  /** Collection members: memberAttrName(name) then value(s), until endCollection (RFC 8010 §3.1.6). */
  const readCollection = (name: string, depth: number): IppAttribute[] => {
    const members: Array<{ name: string; values: IppValue[] }> = [];
    for (;;) {
      const at = pos;
      const tag = readTag(`collection ${name}`);
      const nameLen = u16(`collection ${name}`);
      slice(nameLen, `collection ${name}`);
      if (tag === valueTags.endCollection) {
        slice(u16(`collection ${name}`), `collection ${name}`);
        return members;
      }
      if (tag === valueTags.memberAttrName) {
        const memberName = slice(u16(`member name in ${name}`), `member name in ${name}`).toString('utf8');
        const valueTag = readTag(`member ${memberName}`);
        slice(u16(`member ${memberName}`), `member ${memberName}`);
        members.push({ name: memberName, values: [readValue(valueTag, memberName, depth)] });
        continue;
      }
      const last = members.at(-1);
      if (!last || nameLen !== 0) throw new IppDecodeError(`${name}: value without member name`, at);
      last.values.push(readValue(tag, last.name, depth));
    }
  };

  const groups: Array<{ tag: number; attributes: Array<{ name: string; values: IppValue[] }> }> = [];
  let tag = u8('first group');
  for (;;) {
    if (tag === groupTags.end) break;
    if (tag > 0x0f || tag === 0x00) {
      throw new IppDecodeError(`expected an attribute group, got tag 0x${tag.toString(16)}`, pos - 1);
    }
    const group = { tag, attributes: [] as Array<{ name: string; values: IppValue[] }> };
    groups.push(group);
    for (;;) {
      const at = pos;
      tag = readTag('attribute');
      if (tag <= 0x0f) break; // next delimiter
      const nameLen = u16('attribute name length');
      const name = slice(nameLen, 'attribute name').toString('utf8');
      if (nameLen === 0) {
        const last = group.attributes.at(-1);
        if (!last) throw new IppDecodeError('additional value without an attribute', at);
        last.values.push(readValue(tag, last.name, 0));
      } else {
        group.attributes.push({ name, values: [readValue(tag, name, 0)] });
      }
    }
  }
  return {
    version: { major, minor },
    code,
    requestId,
    groups,
    data: new Uint8Array(buf.subarray(pos)),
  };
}

/** RFC 2579 DateAndTime: year(2) month day hour min sec deci-sec, direction '+'/'-', hours, minutes from UTC. */
function dateTime(b: Buffer, name: string, at: number): number {
  const direction = String.fromCharCode(b[8] ?? 0);
  if (direction !== '+' && direction !== '-') throw new IppDecodeError(`${name}: bad UTC offset`, at);
  const local = Date.UTC(
    b.readUInt16BE(0),
    (b[2] ?? 1) - 1,
    b[3] ?? 1,
    b[4] ?? 0,
    b[5] ?? 0,
    b[6] ?? 0,
    (b[7] ?? 0) * 100,
  );
  const offsetMs = ((b[9] ?? 0) * 60 + (b[10] ?? 0)) * 60_000;
  return direction === '+' ? local - offsetMs : local + offsetMs;
}

/** All attributes of the groups with the given tag, by name (first occurrence wins). */
export function attributesOf(message: IppMessage, groupTag: number): ReadonlyMap<string, IppAttribute> {
  const out = new Map<string, IppAttribute>();
  for (const g of message.groups) {
    if (g.tag !== groupTag) continue;
    for (const a of g.attributes) if (!out.has(a.name)) out.set(a.name, a);
  }
  return out;
}
