import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import snmp, { type RawVarbind, type Session } from 'net-snmp';
import type { Secret } from '../../config/secret.js';
import type { ProbeProblem } from '../../domain/observation.js';
import type { Result } from '../../domain/result.js';
import { compareOids, isException, type Varbind, type VarbindType } from './varbind.js';
import type { WalkBudget } from './walk-budget.js';

/**
 * The thin typed facade over the CommonJS net-snmp library: one session per poll, GET and
 * GetBulk walks (GetNext for v1), every failure returned as a ProbeProblem value, never thrown.
 */
export interface SnmpTarget {
  readonly host: string;
  readonly port: number;
  readonly version: '1' | '2c' | '3';
  readonly community?: Secret;
  readonly user?: string;
  readonly securityLevel?: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
  readonly authProtocol?: 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  readonly authKey?: Secret;
  readonly privProtocol?: 'des' | 'aes' | 'aes256b' | 'aes256r';
  readonly privKey?: Secret;
  /**
   * SNMP context (RFC 3411 contextName). v3: sent as the contextName (snmpget -n); v1/v2c: the
   * community-indexing convention `community@context` (Net-SNMP / Cisco; LibreNMS PR #19794 uses it
   * the same way). Empty or absent: the default context.
   */
  readonly context?: string;
  readonly timeoutMs: number;
  readonly retries: number;
}

/** The same target in another context (v1/v2c: community@context, v3: contextName). */
export function withContext(target: SnmpTarget, context: string): SnmpTarget {
  return { ...target, context };
}

/** The community actually sent: `community@context` for v1/v2c with a context. */
export function communityFor(target: Pick<SnmpTarget, 'community' | 'context'>): string {
  const community = target.community?.reveal() ?? 'public';
  return target.context ? `${community}@${target.context}` : community;
}

type SnmpResult<T> = Result<T, ProbeProblem>;

interface WalkOptions {
  /** Accept non-increasing OIDs (snmpbulkwalk -Cc), for agents that answer out of order. */
  readonly allowOutOfOrder?: boolean;
  readonly maxRows?: number;
  readonly maxRepetitions?: number;
  /** Rows and bytes left for the whole poll of the device, shared by its walks. */
  readonly budget?: WalkBudget;
}

interface WalkResult {
  readonly varbinds: Varbind[];
  /** Why the walk stopped early, when it did (the rows read so far are kept). */
  readonly stoppedBecause?: string;
}

export interface SnmpClient {
  get(oids: readonly string[]): Promise<SnmpResult<Varbind[]>>;
  walk(base: string, opts?: WalkOptions): Promise<SnmpResult<WalkResult>>;
  close(): void;
}

type Resolver = (host: string) => Promise<string>;
const dnsResolver: Resolver = async (host) => (await lookup(host, { family: 4 })).address;

const typeNames: Readonly<Record<number, VarbindType>> = {
  1: 'integer',
  2: 'integer',
  3: 'octets',
  4: 'octets',
  5: 'null',
  6: 'oid',
  64: 'ip',
  65: 'counter',
  66: 'gauge',
  67: 'ticks',
  68: 'opaque',
  70: 'counter64',
  128: 'noSuchObject',
  129: 'noSuchInstance',
  130: 'endOfMibView',
};

function toVarbind(raw: RawVarbind): Varbind {
  const type = typeNames[raw.type] ?? 'null';
  const v = raw.value;
  const value =
    typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || Buffer.isBuffer(v)
      ? v
      : typeof v === 'boolean'
        ? Number(v)
        : null;
  return { oid: raw.oid.replace(/^\./, ''), type, value };
}

export type OpenClient = (target: SnmpTarget) => Promise<SnmpResult<SnmpClient>>;

/** Opens a client; DNS failures come back as a `dns` problem. */
export async function openClient(
  target: SnmpTarget,
  resolve: Resolver = dnsResolver,
): Promise<SnmpResult<SnmpClient>> {
  let address = target.host;
  if (isIP(address) === 0) {
    try {
      address = await resolve(target.host);
    } catch {
      return { ok: false, error: { reason: 'dns', message: `no such host: ${target.host}` } };
    }
  }
  const options = {
    port: target.port,
    retries: target.retries,
    timeout: target.timeoutMs,
    transport: 'udp4' as const,
    backwardsGetNexts: true,
    reportOidMismatchErrors: false,
  };
  let session: Session;
  try {
    if (target.version === '3') {
      const level = target.securityLevel ?? 'noAuthNoPriv';
      session = snmp.createV3Session(
        address,
        {
          name: target.user ?? '',
          level: snmp.SecurityLevel[level],
          ...(level !== 'noAuthNoPriv' && target.authProtocol && target.authKey
            ? { authProtocol: snmp.AuthProtocols[target.authProtocol], authKey: target.authKey.reveal() }
            : {}),
          ...(level === 'authPriv' && target.privProtocol && target.privKey
            ? { privProtocol: snmp.PrivProtocols[target.privProtocol], privKey: target.privKey.reveal() }
            : {}),
        },
        { ...options, version: snmp.Version3, ...(target.context ? { context: target.context } : {}) },
      );
    } else {
      session = snmp.createSession(address, communityFor(target), {
        ...options,
        version: target.version === '1' ? snmp.Version1 : snmp.Version2c,
      });
    }
  } catch (err) {
    return {
      ok: false,
      error: { reason: 'protocol', message: `cannot open SNMP session: ${messageOf(err)}` },
    };
  }
  // A socket error must never reach the process as an uncaught 'error' event.
  session.on('error', () => undefined);
  return { ok: true, value: new NetSnmpClient(session, target) };
}

class NetSnmpClient implements SnmpClient {
  #closed = false;
  constructor(
    private readonly session: Session,
    private readonly target: SnmpTarget,
  ) {}

  get(oids: readonly string[]): Promise<SnmpResult<Varbind[]>> {
    return new Promise((resolve) => {
      this.session.get([...oids], (err, vbs) => {
        if (err) resolve({ ok: false, error: problemOf(err, this.target) });
        else resolve({ ok: true, value: vbs.map(toVarbind) });
      });
    });
  }

  #next(cursor: string, maxRepetitions: number): Promise<SnmpResult<Varbind[] | 'end'>> {
    return new Promise((resolve) => {
      if (this.target.version === '1') {
        this.session.getNext([cursor], (err, vbs) => {
          if (err instanceof snmp.RequestFailedError && err.status === snmp.ErrorStatus.NoSuchName) {
            resolve({ ok: true, value: 'end' });
          } else if (err) resolve({ ok: false, error: problemOf(err, this.target) });
          else resolve({ ok: true, value: vbs.map(toVarbind) });
        });
        return;
      }
      this.session.getBulk([cursor], 0, maxRepetitions, (err, rows) => {
        if (err) {
          resolve({ ok: false, error: problemOf(err, this.target) });
          return;
        }
        const first = rows[0];
        const list = Array.isArray(first) ? first : first ? [first] : [];
        resolve({ ok: true, value: list.map(toVarbind) });
      });
    });
  }

  async walk(base: string, opts: WalkOptions = {}): Promise<SnmpResult<WalkResult>> {
    const maxRows = opts.maxRows ?? 20_000;
    const maxRepetitions = opts.maxRepetitions ?? 25;
    const out: Varbind[] = [];
    const prefix = `${base}.`;
    // With order enforced each OID is after the one before, so none can repeat: the set is only needed
    // for agents whose order is allowed to be wrong.
    const seen = opts.allowOutOfOrder ? new Set<string>() : null;
    let cursor = base;
    for (;;) {
      const r = await this.#next(cursor, maxRepetitions);
      if (!r.ok) {
        // Rows already read are worth keeping only if the agent answered at all.
        return out.length === 0 ? r : { ok: true, value: { varbinds: out, stoppedBecause: r.error.message } };
      }
      if (r.value === 'end' || r.value.length === 0) return { ok: true, value: { varbinds: out } };
      for (const vb of r.value) {
        if (isException(vb) || !vb.oid.startsWith(prefix)) return { ok: true, value: { varbinds: out } };
        if (seen?.has(vb.oid)) {
          return { ok: true, value: { varbinds: out, stoppedBecause: `agent repeated ${vb.oid} (loop)` } };
        }
        if (!opts.allowOutOfOrder && compareOids(vb.oid, cursor) <= 0) {
          return {
            ok: true,
            value: {
              varbinds: out,
              stoppedBecause: `agent returned ${vb.oid} after ${cursor} (out of order)`,
            },
          };
        }
        if (opts.budget && !opts.budget.take(vb)) {
          return { ok: true, value: { varbinds: out, stoppedBecause: `${opts.budget.why} (under ${base})` } };
        }
        seen?.add(vb.oid);
        out.push(vb);
        cursor = vb.oid;
        if (out.length >= maxRows) {
          return {
            ok: true,
            value: { varbinds: out, stoppedBecause: `more than ${maxRows} rows under ${base}` },
          };
        }
      }
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.session.close();
    } catch {
      // already closed by the library after a socket error
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One line for the technician; never the community or a key. */
function problemOf(
  err: unknown,
  target: Pick<SnmpTarget, 'version' | 'timeoutMs' | 'retries'>,
): ProbeProblem {
  if (err instanceof snmp.RequestTimedOutError) {
    const tries = target.retries + 1;
    const hint =
      target.version === '3' ? '' : ' (or the community is wrong: agents ignore a wrong community)';
    return {
      reason: 'timeout',
      message: `no answer after ${tries} ${tries === 1 ? 'try' : 'tries'} of ${target.timeoutMs} ms${hint}`,
    };
  }
  if (err instanceof snmp.ResponseInvalidError) {
    if (
      err.code === snmp.ResponseInvalidCode.EAuthFailure ||
      err.code === snmp.ResponseInvalidCode.ECouldNotDecrypt
    ) {
      return { reason: 'auth', message: `SNMPv3 authentication failed: ${err.message}` };
    }
    return { reason: 'protocol', message: `invalid response: ${err.message}` };
  }
  if (err instanceof snmp.RequestFailedError) {
    return { reason: 'protocol', message: `agent refused the request: ${err.message}` };
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'ECONNREFUSED') return { reason: 'refused', message: 'port closed (ICMP port unreachable)' };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return { reason: 'unreachable', message: messageOf(err) };
  return { reason: 'protocol', message: messageOf(err) };
}
