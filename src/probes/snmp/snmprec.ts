import type { Varbind, VarbindType } from './varbind.js';

/**
 * Parses snmpsim's `.snmprec` format (`OID|TAG|VALUE` per line) into Varbinds, so recordings of
 * real devices can be decoded in unit tests without a network. Tags: 2 Integer32, 4 OCTET STRING,
 * 4x hex OCTET STRING, 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32, 67 TimeTicks, 70 Counter64.
 */
export function parseSnmprec(text: string): Varbind[] {
  const out: Varbind[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const first = line.indexOf('|');
    const second = line.indexOf('|', first + 1);
    if (first < 0 || second < 0) continue;
    const oid = line.slice(0, first);
    const tag = line.slice(first + 1, second);
    const raw = line.slice(second + 1);
    const hex = tag.endsWith('x');
    const code = Number(hex ? tag.slice(0, -1) : tag);
    const bytes = hex ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'utf8');
    const typed = typeOf(code);
    if (!typed) continue;
    let value: Varbind['value'];
    if (typed === 'octets' || typed === 'opaque') value = bytes;
    else if (typed === 'oid' || typed === 'ip') value = bytes.toString('utf8');
    else if (typed === 'counter64') value = BigInt(bytes.toString('utf8'));
    else value = Number(bytes.toString('utf8'));
    out.push({ oid, type: typed, value });
  }
  return out;
}

function typeOf(code: number): VarbindType | null {
  switch (code) {
    case 2:
      return 'integer';
    case 4:
      return 'octets';
    case 6:
      return 'oid';
    case 64:
      return 'ip';
    case 65:
      return 'counter';
    case 66:
      return 'gauge';
    case 67:
      return 'ticks';
    case 68:
      return 'opaque';
    case 70:
      return 'counter64';
    default:
      return null;
  }
}
