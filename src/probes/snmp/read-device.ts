import type { Condition } from '../../domain/conditions.js';
import type { Observation, ProbeProblem } from '../../domain/observation.js';
import type { SupplyThresholds } from '../../domain/supply-rules.js';
import { classify, type DeviceKind } from './classify.js';
import type { ErrorStateBit } from './error-state.js';
import { decodeHost } from './host-decode.js';
import { hostSubtrees, oid, printerSubtrees, systemScalars } from './oids.js';
import { decodePrinter } from './printer-decode.js';
import { type DeviceIdentity, quirksFor } from './quirks.js';
import { decodeText } from './text.js';
import { type OpenClient, openClient, type SnmpClient, type SnmpTarget } from './transport.js';
import { asBytes, asInt, asOid, type MibView, type Varbind, viewOf } from './varbind.js';

/** Everything one SNMP read of one device produced: the Observation plus what the probe command shows. */
export interface SnmpReading {
  readonly observation: Observation;
  readonly kind: DeviceKind;
  readonly sysDescr: string | null;
  readonly sysName: string | null;
  readonly sysObjectID: string | null;
  readonly uptimeSeconds: number | null;
  /** Decoded hrPrinterDetectedErrorState names (RFC 3805 spelling). */
  readonly errors: readonly ErrorStateBit[];
  /** Ids of the quirk-table rows that matched this device. */
  readonly quirks: readonly string[];
}

export interface ReadOptions {
  readonly deviceId: string;
  /** What the config says the device is; undefined = find out from the data. */
  readonly kindHint?: DeviceKind;
  readonly now: () => number;
  /** The supply thresholds of the config (alerts.supplyLowPercent, wasteNearFullPercent). */
  readonly supplies?: SupplyThresholds;
  readonly open?: OpenClient;
}

export function unreachable(deviceId: string, at: number, problem: ProbeProblem): SnmpReading {
  return {
    observation: { deviceId, source: 'snmp', at, reachable: false, problem, conditions: [] },
    kind: 'other',
    sysDescr: null,
    sysName: null,
    sysObjectID: null,
    uptimeSeconds: null,
    errors: [],
    quirks: [],
  };
}

/** Reads one device: a GET of the system group, then GetBulk walks of the subtrees its kind needs. */
export async function readDevice(target: SnmpTarget, opts: ReadOptions): Promise<SnmpReading> {
  const opened = await (opts.open ?? openClient)(target);
  if (!opened.ok) return unreachable(opts.deviceId, opts.now(), opened.error);
  const client = opened.value;
  try {
    return await readWith(client, opts);
  } finally {
    client.close();
  }
}

async function readWith(client: SnmpClient, opts: ReadOptions): Promise<SnmpReading> {
  const sys = await client.get(systemScalars);
  if (!sys.ok) return unreachable(opts.deviceId, opts.now(), sys.error);
  const sysView = viewOf(sys.value);
  const sysDescr = decodeText(asBytes(sysView.get(oid.sysDescr)));
  const identity: DeviceIdentity = { sysDescr, sysObjectID: asOid(sysView.get(oid.sysObjectID)) };
  const quirks = quirksFor(identity);
  const walkOpts = { allowOutOfOrder: quirks.some((q) => q.allowOutOfOrder) };

  const collected: Varbind[] = [...sys.value];
  const notes: string[] = [];
  if (!sysView.has(oid.sysDescr)) notes.push('agent answered but has no sysDescr (noSuchObject)');
  let lastFailure: ProbeProblem | null = null;
  const walkAll = async (subtrees: readonly string[]) => {
    for (const base of subtrees) {
      if (lastFailure?.reason === 'timeout') {
        // The agent went silent mid-poll: do not spend a full timeout on every remaining subtree.
        notes.push(`${base}: skipped after a timeout`);
        continue;
      }
      const r = await client.walk(base, walkOpts);
      if (!r.ok) {
        lastFailure = r.error;
        notes.push(`${base}: ${r.error.message}`);
        continue;
      }
      collected.push(...r.value.varbinds);
      if (r.value.stoppedBecause) notes.push(`${base}: ${r.value.stoppedBecause}`);
    }
  };

  let plan = opts.kindHint;
  if (plan === undefined || plan === 'other') {
    // Discover: one row of the Printer-MIB, then one of HOST-RESOURCES.
    const probe = await client.walk(oid.printerMib, { ...walkOpts, maxRows: 1, maxRepetitions: 1 });
    if (probe.ok && probe.value.varbinds.length > 0) plan = 'printer';
    else {
      const host = await client.walk('1.3.6.1.2.1.25', { ...walkOpts, maxRows: 1, maxRepetitions: 1 });
      if (host.ok && host.value.varbinds.length > 0) plan = 'pc';
    }
  }
  if (plan === 'printer') await walkAll(printerSubtrees);
  else if (plan === 'pc') await walkAll(hostSubtrees);

  const view = viewOf(collected);
  return buildReading(
    opts.deviceId,
    opts.now(),
    view,
    quirks,
    { notes, failure: lastFailure },
    opts.supplies,
  );
}

/**
 * Pure: the varbinds of one poll → the reading. Exported so recordings are decoded without a network.
 */
export function buildReading(
  deviceId: string,
  at: number,
  view: MibView,
  quirks: ReturnType<typeof quirksFor>,
  walk: { notes: readonly string[]; failure: ProbeProblem | null } = { notes: [], failure: null },
  supplies?: SupplyThresholds,
): SnmpReading {
  const sysDescr = decodeText(asBytes(view.get(oid.sysDescr)));
  const sysName = decodeText(asBytes(view.get(oid.sysName)));
  const sysUpTime = asInt(view.get(oid.sysUpTime));
  const kind = classify(view, sysDescr);
  const warnings: string[] = [...walk.notes];
  const conditions: Condition[] = [];
  let printer: Observation['printer'];
  let host: Observation['host'];
  let errors: readonly ErrorStateBit[] = [];
  if (kind === 'printer' && hasAnyPrinterRows(view)) {
    const p = decodePrinter(view, quirks, supplies);
    const model = printerModel(view);
    printer = { ...p.reading, makeAndModel: model ?? sysDescr };
    errors = p.errors;
    conditions.push(...p.conditions);
    warnings.push(...p.warnings);
  }
  if (kind === 'pc' || (kind !== 'printer' && hasHostRows(view))) {
    const h = decodeHost(view, quirks, sysUpTime);
    if (hasHostRows(view)) {
      host = h.reading;
      conditions.push(...h.conditions);
      warnings.push(...h.warnings);
    }
  }
  const hrUptime = asInt(view.get(oid.hrSystemUptime));
  const ticks = hrUptime ?? sysUpTime;
  const problem: ProbeProblem | undefined =
    warnings.length === 0
      ? undefined
      : { reason: walk.failure?.reason ?? 'protocol', message: `partial data: ${warnings.join('; ')}` };
  const observation: Observation = {
    deviceId,
    source: 'snmp',
    at,
    reachable: true,
    conditions,
    ...(problem ? { problem } : {}),
    ...(printer ? { printer } : {}),
    ...(host ? { host } : {}),
  };
  return {
    observation,
    kind,
    sysDescr,
    sysName: sysName === '' ? null : sysName,
    sysObjectID: asOid(view.get(oid.sysObjectID)),
    uptimeSeconds: ticks === null ? null : Math.floor(ticks / 100),
    errors,
    quirks: quirks.map((q) => q.id),
  };
}

function hasAnyPrinterRows(view: MibView): boolean {
  for (const k of view.keys()) {
    if (k.startsWith(`${oid.printerMib}.`) || k.startsWith(`${oid.hrPrinterEntry}.`)) return true;
  }
  return false;
}

function hasHostRows(view: MibView): boolean {
  const prefixes = [oid.hrStorageEntry, oid.hrSWRunName, oid.hrSWInstalledName, oid.hrProcessorLoad];
  for (const k of view.keys()) if (prefixes.some((p) => k.startsWith(`${p}.`))) return true;
  return false;
}

/** hrDeviceDescr of the printer device (e.g. "MFC-L2710DW series"), when there is one. */
function printerModel(view: MibView): string | null {
  for (const [key, vb] of view) {
    if (!key.startsWith(`${oid.hrDeviceType}.`)) continue;
    if (asOid(vb) === '1.3.6.1.2.1.25.3.1.5') {
      const d = decodeText(
        asBytes(view.get(`${oid.hrDeviceDescr}.${key.slice(oid.hrDeviceType.length + 1)}`)),
      );
      if (d !== '') return d;
    }
  }
  return null;
}
