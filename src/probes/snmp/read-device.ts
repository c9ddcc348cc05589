import type { Condition } from '../../domain/conditions.js';
import type { Observation, ProbeProblem } from '../../domain/observation.js';
import type { SupplyThresholds } from '../../domain/supply-rules.js';
import { classify, classifyEvidence, type DeviceKind } from './classify.js';
import type { ErrorStateBit } from './error-state.js';
import { decodeHost } from './host-decode.js';
import { hostSubtrees, oid, printerSubtrees, systemScalars } from './oids.js';
import { decodePrinter } from './printer-decode.js';
import { type DeviceIdentity, quirksFor } from './quirks.js';
import { decodeText } from './text.js';
import { type OpenClient, openClient, type SnmpClient, type SnmpTarget, withContext } from './transport.js';
import {
  asBytes,
  asInt,
  asOid,
  column,
  hasRowsUnder,
  type MibView,
  type Varbind,
  viewOf,
} from './varbind.js';
import { WalkBudget } from './walk-budget.js';

const printerDeviceType = '1.3.6.1.2.1.25.3.1.5';

/** Everything one SNMP read of one device produced: the Observation plus what the probe command shows. */
export interface SnmpReading {
  readonly observation: Observation;
  readonly kind: DeviceKind;
  /** What the kind was told from (Printer-MIB rows, the maker's sysObjectID, sysDescr, …). */
  readonly evidence: string;
  /** The SNMP context the printer data came from (configured, or tried by a quirk row); null: default. */
  readonly context: string | null;
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
  /** What one poll may read in all (default 20,000 rows and 8 MiB). */
  readonly limits?: { readonly maxRows?: number; readonly maxBytes?: number };
}

export function unreachable(deviceId: string, at: number, problem: ProbeProblem): SnmpReading {
  return {
    observation: { deviceId, source: 'snmp', at, reachable: false, problem, conditions: [] },
    kind: 'other',
    evidence: 'unreachable',
    context: null,
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
  const open = opts.open ?? openClient;
  const opened = await open(target);
  if (!opened.ok) return unreachable(opts.deviceId, opts.now(), opened.error);
  const client = opened.value;
  try {
    return await readWith(client, target, open, opts);
  } finally {
    client.close();
  }
}

type Plan = DeviceKind | 'printer+pc' | undefined;

async function readWith(
  client: SnmpClient,
  target: SnmpTarget,
  open: OpenClient,
  opts: ReadOptions,
): Promise<SnmpReading> {
  const sys = await client.get(systemScalars);
  if (!sys.ok) return unreachable(opts.deviceId, opts.now(), sys.error);
  const sysView = viewOf(sys.value);
  const sysDescr = decodeText(asBytes(sysView.get(oid.sysDescr)));
  const identity: DeviceIdentity = { sysDescr, sysObjectID: asOid(sysView.get(oid.sysObjectID)) };
  const quirks = quirksFor(identity);
  const budget = new WalkBudget(opts.limits?.maxRows, opts.limits?.maxBytes);
  const walkOpts = { allowOutOfOrder: quirks.some((q) => q.allowOutOfOrder), budget };

  const collected: Varbind[] = [...sys.value];
  const notes: string[] = [];
  if (!sysView.has(oid.sysDescr)) notes.push('agent answered but has no sysDescr (noSuchObject)');
  let lastFailure: ProbeProblem | null = null;
  const walkAll = async (on: SnmpClient, subtrees: readonly string[], into: Varbind[]) => {
    for (const base of subtrees) {
      if (budget.exhausted) {
        notes.push(`${base}: skipped, ${budget.why}`);
        continue;
      }
      if (lastFailure?.reason === 'timeout') {
        // The agent went silent mid-poll: do not spend a full timeout on every remaining subtree.
        notes.push(`${base}: skipped after a timeout`);
        continue;
      }
      const r = await on.walk(base, walkOpts);
      if (!r.ok) {
        lastFailure = r.error;
        notes.push(`${base}: ${r.error.message}`);
        continue;
      }
      into.push(...r.value.varbinds);
      if (r.value.stoppedBecause) notes.push(`${base}: ${r.value.stoppedBecause}`);
    }
  };
  const hasRow = async (base: string) => {
    const r = await client.walk(base, { ...walkOpts, maxRows: 1, maxRepetitions: 1 });
    return r.ok && r.value.varbinds.length > 0;
  };

  let plan: Plan = opts.kindHint;
  if (plan === undefined || plan === 'other') {
    // Discover what to walk: the Printer-MIB, then the maker and sysDescr, then HOST-RESOURCES (with
    // its printer table, so a label printer with a little HOST-RESOURCES is not taken for a PC).
    if (await hasRow(oid.printerMib)) plan = 'printer';
    else if (classify(sysView, sysDescr, identity.sysObjectID) === 'printer') plan = 'printer';
    else if (await hasRow(oid.hrStorageEntry).then(async (h) => h || (await hasRow(oid.hrSWRunName)))) {
      plan = (await hasRow(oid.hrPrinterEntry)) ? 'printer+pc' : 'pc';
    } else if (await hasRow(oid.hrPrinterEntry)) plan = 'printer';
  }
  if (plan === 'printer') await walkAll(client, printerSubtrees, collected);
  else if (plan === 'pc') await walkAll(client, hostSubtrees, collected);
  else if (plan === 'printer+pc')
    await walkAll(client, [...new Set([...hostSubtrees, ...printerSubtrees])], collected);

  let context = target.context ?? null;
  const printerPlan = plan === 'printer' || plan === 'printer+pc';
  if (printerPlan && context === null && target.version === '3' && !hasPrinterMib(collected)) {
    for (const name of quirks.flatMap((q) => q.v3Contexts ?? [])) {
      const inContext = await readContext(open, withContext(target, name), walkAll, notes);
      if (hasPrinterMib(inContext)) {
        collected.push(...inContext);
        context = name;
        break;
      }
    }
  }

  const view = viewOf(collected);
  const reading = buildReading(
    opts.deviceId,
    opts.now(),
    view,
    quirks,
    { notes, failure: lastFailure },
    opts.supplies,
  );
  return { ...reading, context };
}

/** The printer subtrees read in another SNMPv3 context (a quirk row's), on a session of its own. */
async function readContext(
  open: OpenClient,
  target: SnmpTarget,
  walkAll: (on: SnmpClient, subtrees: readonly string[], into: Varbind[]) => Promise<void>,
  notes: string[],
): Promise<Varbind[]> {
  const opened = await open(target);
  if (!opened.ok) {
    notes.push(`context ${target.context}: ${opened.error.message}`);
    return [];
  }
  const out: Varbind[] = [];
  try {
    await walkAll(opened.value, printerSubtrees, out);
  } finally {
    opened.value.close();
  }
  return out;
}

const printerMibPrefix = `${oid.printerMib}.`;

function hasPrinterMib(varbinds: readonly Varbind[]): boolean {
  return varbinds.some((vb) => vb.oid.startsWith(printerMibPrefix));
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
  const sysObjectID = asOid(view.get(oid.sysObjectID));
  const { kind, evidence } = classifyEvidence(view, sysDescr, sysObjectID);
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
    evidence,
    context: null,
    sysDescr,
    sysName: sysName === '' ? null : sysName,
    sysObjectID,
    uptimeSeconds: ticks === null ? null : Math.floor(ticks / 100),
    errors,
    quirks: quirks.map((q) => q.id),
  };
}

/** Printer-MIB or hrPrinter rows, or an hrDevice row of type printer (its hrDeviceStatus gives a status). */
function hasAnyPrinterRows(view: MibView): boolean {
  if (hasRowsUnder(view, oid.printerMib) || hasRowsUnder(view, oid.hrPrinterEntry)) return true;
  for (const vb of column(view, oid.hrDeviceType).values()) if (asOid(vb) === printerDeviceType) return true;
  return false;
}

function hasHostRows(view: MibView): boolean {
  const prefixes = [oid.hrStorageEntry, oid.hrSWRunName, oid.hrSWInstalledName, oid.hrProcessorLoad];
  return prefixes.some((p) => hasRowsUnder(view, p));
}

/** hrDeviceDescr of the printer device (e.g. "MFC-L2710DW series"), when there is one. */
function printerModel(view: MibView): string | null {
  for (const [index, vb] of column(view, oid.hrDeviceType)) {
    if (asOid(vb) !== printerDeviceType) continue;
    const d = decodeText(asBytes(view.get(`${oid.hrDeviceDescr}.${index}`)));
    if (d !== '') return d;
  }
  return null;
}
