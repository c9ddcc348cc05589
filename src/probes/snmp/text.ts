/**
 * Text from devices. Chinese-market printers and PCs often send GB18030/GBK bytes, not UTF-8;
 * some send hex dumps. The rule, in order: valid UTF-8 → UTF-8; valid GB18030 → GB18030; else
 * Windows-1252 (what the Microsoft SNMP service uses for western names). NULs and padding trimmed.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });
// Node 20's TextDecoder treats windows-1252 as ISO-8859-1, so the 0x80-0x9F block is mapped here.
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const cp1252 = {
  decode(b: Uint8Array): string {
    let out = '';
    for (const byte of b)
      out += byte >= 0x80 && byte < 0xa0 ? cp1252High[byte - 0x80] : String.fromCharCode(byte);
    return out;
  },
};

export function decodeText(input: Buffer | string | null | undefined): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string') return clean(unhex(input));
  const bytes = trimNul(input);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    try {
      text = gb18030.decode(bytes);
    } catch {
      text = cp1252.decode(bytes);
    }
  }
  return clean(unhex(text));
}

function trimNul(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return b.subarray(0, end);
}

function clean(s: string): string {
  // Control characters other than tab make a description unreadable in a page or a log line.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
}

/**
 * "0xE4B8ADE69687" or "E4 B8 AD E6 96 87" (net-snmp's Hex-STRING form, passed through by some
 * agents and proxies) → decoded bytes. Only these explicit forms: "CAFE" alone stays text.
 */
function unhex(s: string): string {
  const t = s.trim();
  let hex: string | null = null;
  if (/^0x([0-9a-fA-F]{2})+$/.test(t)) hex = t.slice(2);
  else if (/^[0-9a-fA-F]{2}( [0-9a-fA-F]{2}){2,}$/.test(t)) hex = t.replace(/ /g, '');
  if (hex === null) return s;
  const decoded = decodeText(Buffer.from(hex, 'hex'));
  return decoded === '' ? s : decoded;
}
