/**
 * Our own, library-independent view of SNMP data: decoders take these, never net-snmp objects,
 * so they are unit-tested from recordings without a network.
 */
export type VarbindType =
  | 'integer'
  | 'octets'
  | 'oid'
  | 'ip'
  | 'counter'
  | 'gauge'
  | 'ticks'
  | 'counter64'
  | 'opaque'
  | 'null'
  | 'noSuchObject'
  | 'noSuchInstance'
  | 'endOfMibView';

export interface Varbind {
  /** Numeric OID without a leading dot. */
  readonly oid: string;
  readonly type: VarbindType;
  readonly value: number | bigint | string | Buffer | null;
}

/** Everything read from one device in one poll, keyed by OID. */
export type MibView = ReadonlyMap<string, Varbind>;

export function viewOf(varbinds: Iterable<Varbind>): Map<string, Varbind> {
  const m = new Map<string, Varbind>();
  for (const vb of varbinds) {
    if (isException(vb)) continue;
    m.set(vb.oid, vb);
  }
  return m;
}

export function isException(vb: Varbind): boolean {
  return vb.type === 'noSuchObject' || vb.type === 'noSuchInstance' || vb.type === 'endOfMibView';
}

/** A number from an INTEGER/Counter/Gauge/TimeTicks, or null when absent or of the wrong type. */
export function asInt(vb: Varbind | undefined): number | null {
  if (!vb) return null;
  if (typeof vb.value === 'number' && Number.isFinite(vb.value)) return vb.value;
  if (typeof vb.value === 'bigint') return Number(vb.value);
  if (vb.type === 'counter64' && Buffer.isBuffer(vb.value)) return bufferToUint(vb.value);
  return null;
}

export function asBytes(vb: Varbind | undefined): Buffer | null {
  if (!vb) return null;
  if (Buffer.isBuffer(vb.value)) return vb.value;
  if (typeof vb.value === 'string' && vb.type === 'octets') return Buffer.from(vb.value, 'utf8');
  return null;
}

export function asOid(vb: Varbind | undefined): string | null {
  if (vb?.type !== 'oid' || typeof vb.value !== 'string') return null;
  return vb.value.replace(/^\./, '');
}

function bufferToUint(b: Buffer): number {
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return Number(n);
}

/**
 * The cells of one table column: `{ index → varbind }` where index is the OID suffix after
 * `column` (e.g. "1.3" for hrDeviceIndex 1, supply 3). Ordered by numeric index.
 */
export function column(view: MibView, columnOid: string): Map<string, Varbind> {
  const prefix = `${columnOid}.`;
  const rows: Array<[string, Varbind]> = [];
  for (const [oid, vb] of view) {
    if (oid.startsWith(prefix)) rows.push([oid.slice(prefix.length), vb]);
  }
  rows.sort((a, b) => compareOids(a[0], b[0]));
  return new Map(rows);
}

/**
 * Numeric OID order ("1.2.10" after "1.2.9"). Parses the arcs in place without splitting or allocating:
 * it runs for every varbind of every walk, so it is on the poller's hot path (see bench/findings.md).
 */
export function compareOids(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let x = 0;
    for (; i < a.length && a.charCodeAt(i) !== 46; i++) x = x * 10 + a.charCodeAt(i) - 48;
    let y = 0;
    for (; j < b.length && b.charCodeAt(j) !== 46; j++) y = y * 10 + b.charCodeAt(j) - 48;
    if (x !== y) return x - y;
    i++;
    j++;
  }
  return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
}

export function inSubtree(base: string, oid: string): boolean {
  return oid.startsWith(`${base}.`);
}
