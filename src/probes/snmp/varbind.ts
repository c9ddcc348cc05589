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

/** A view's OIDs in numeric order, sorted once per view (a view is not changed once built). */
const ordered = new WeakMap<MibView, { readonly size: number; readonly keys: readonly string[] }>();

function orderedKeys(view: MibView): readonly string[] {
  const hit = ordered.get(view);
  if (hit && hit.size === view.size) return hit.keys;
  // A view is the walks' answers one after the other, each already in order: the sort merges runs.
  const keys = [...view.keys()].sort(compareOids);
  ordered.set(view, { size: view.size, keys });
  return keys;
}

/** Where the OIDs under `base` start in `keys` (the subtree is one run in numeric order). */
function firstUnder(keys: readonly string[], base: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOids(keys[mid] as string, base) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The cells of one table column: `{ index → varbind }` where index is the OID suffix after
 * `column` (e.g. "1.3" for hrDeviceIndex 1, supply 3). Ordered by numeric index. Found by binary
 * search in the view's sorted OIDs: decoders ask for a dozen columns of views with thousands of rows
 * (a PC's hrSWRun and hrSWInstalled), so a scan per column was on the poller's hot path.
 */
export function column(view: MibView, columnOid: string): Map<string, Varbind> {
  const keys = orderedKeys(view);
  const prefix = `${columnOid}.`;
  const out = new Map<string, Varbind>();
  for (let i = firstUnder(keys, columnOid); i < keys.length; i++) {
    const key = keys[i] as string;
    if (!key.startsWith(prefix)) break;
    out.set(key.slice(prefix.length), view.get(key) as Varbind);
  }
  return out;
}

/** Whether the view holds any OID under `base` (not `base` itself). */
export function hasRowsUnder(view: MibView, base: string): boolean {
  const keys = orderedKeys(view);
  return keys[firstUnder(keys, base)]?.startsWith(`${base}.`) ?? false;
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
