import { type Condition, condition } from '../../domain/conditions.js';
import type { HardwareItem, HostReading, StorageReading } from '../../domain/observation.js';
import { oid } from './oids.js';
import type { Quirk } from './quirks.js';
import { decodeText } from './text.js';
import { asBytes, asInt, asOid, column, type MibView } from './varbind.js';

interface HostDecode {
  readonly reading: HostReading;
  readonly conditions: readonly Condition[];
  readonly warnings: readonly string[];
}

/** A fixed disk this full (used/size) raises disk-full. */
const diskFullPercent = 90;

/**
 * Linux agents (net-snmp) list memory-backed and kernel filesystems as hrStorageFixedDisk rows named
 * by mount point (shared recording linux_opensips.snmprec: /dev/shm, /run, /sys/fs/cgroup,
 * /run/user/1000); some agents name them by filesystem type instead. They are not disks anyone can
 * fill with documents, and a snap's squashfs is always 100 % used: reported, never judged by disk-full.
 */
const pseudoMount = /^\/dev(?:\/(?:shm|pts|mqueue|hugepages))?$|^\/(?:run|sys|proc)(?:\/|$)|^\/snap\//;
const pseudoType = /^(?:tmpfs|devtmpfs|cgroup2?|proc|sysfs|devpts|securityfs|squashfs|ramfs|efivarfs)$/i;

export function isPseudoFilesystem(description: string): boolean {
  const d = description.trim();
  return pseudoMount.test(d) || pseudoType.test(d);
}

const storageKinds: Readonly<Record<string, StorageReading['kind']>> = {
  '2': 'ram',
  '3': 'virtual-memory',
  '4': 'fixed-disk',
  '5': 'removable',
  '6': 'removable',
  '7': 'removable',
  '9': 'removable',
  '10': 'network',
};

const deviceTypes: Readonly<Record<string, string>> = {
  '1': 'other',
  '2': 'unknown',
  '3': 'processor',
  '4': 'network',
  '5': 'printer',
  '6': 'diskStorage',
  '10': 'video',
  '11': 'audio',
  '12': 'coprocessor',
  '13': 'keyboard',
  '14': 'modem',
  '15': 'parallelPort',
  '16': 'pointing',
  '17': 'serialPort',
  '18': 'tape',
  '19': 'clock',
  '20': 'volatileMemory',
  '21': 'nonVolatileMemory',
};

/** Pure: HOST-RESOURCES-MIB varbinds → the PC's typed reading and its conditions. */
export function decodeHost(
  view: MibView,
  quirks: readonly Quirk[],
  sysUpTimeTicks: number | null,
): HostDecode {
  const warnings: string[] = [];
  const unsigned = quirks.some((q) => q.unsignedStorage);
  const storage = readStorage(view, unsigned, warnings);
  const hrUptime = asInt(view.get(oid.hrSystemUptime));
  const ticks = hrUptime ?? sysUpTimeTicks;
  const loads = [...column(view, oid.hrProcessorLoad).values()]
    .map((vb) => asInt(vb))
    .filter((n): n is number => n !== null && n >= 0 && n <= 100);
  const reading: HostReading = {
    uptimeSeconds: ticks === null ? null : Math.floor(ticks / 100),
    cpuLoadPercent: loads.length === 0 ? null : Math.round(loads.reduce((a, b) => a + b, 0) / loads.length),
    storage,
    processes: names(view, oid.hrSWRunName),
    installed: names(view, oid.hrSWInstalledName),
    hardware: readHardware(view),
  };
  const conditions = storage
    .filter(
      (s) =>
        s.kind === 'fixed-disk' &&
        !s.pseudo &&
        s.sizeBytes > 0 &&
        (s.usedBytes / s.sizeBytes) * 100 >= diskFullPercent,
    )
    .map((s) => condition('disk-full', `${s.description} ${Math.round((s.usedBytes / s.sizeBytes) * 100)}%`));
  return { reading, conditions, warnings };
}

/** Fixed disks and RAM, in bytes (allocation units applied). */
function readStorage(view: MibView, unsigned: boolean, warnings: string[]): StorageReading[] {
  const out: StorageReading[] = [];
  for (const [idx, typeVb] of column(view, oid.hrStorageType)) {
    const typeOid = asOid(typeVb);
    const kind = typeOid?.startsWith(`${oid.hrStorageTypes}.`)
      ? (storageKinds[typeOid.slice(oid.hrStorageTypes.length + 1)] ?? 'other')
      : 'other';
    if (kind !== 'fixed-disk' && kind !== 'ram') continue;
    const units = asInt(view.get(`${oid.hrStorageAllocationUnits}.${idx}`));
    let size = asInt(view.get(`${oid.hrStorageSize}.${idx}`));
    let used = asInt(view.get(`${oid.hrStorageUsed}.${idx}`));
    if (units === null || size === null || used === null) {
      warnings.push(`hrStorage row ${idx} is incomplete (units, size or used missing or not INTEGER)`);
      continue;
    }
    if (unsigned) {
      if (size < 0) size += 2 ** 32;
      if (used < 0) used += 2 ** 32;
    }
    if (size < 0 || used < 0 || units < 0) {
      warnings.push(`hrStorage row ${idx} has negative values`);
      continue;
    }
    const description = decodeText(asBytes(view.get(`${oid.hrStorageDescr}.${idx}`)));
    out.push({
      description,
      kind,
      usedBytes: used * units,
      sizeBytes: size * units,
      ...(kind === 'fixed-disk' && isPseudoFilesystem(description) ? { pseudo: true as const } : {}),
    });
  }
  return out;
}

/** Names sort as `localeCompare(…, 'en')` does, with one collator (a new one per call was a hot spot). */
const byName = new Intl.Collator('en').compare;

function names(view: MibView, col: string): string[] {
  const set = new Set<string>();
  for (const vb of column(view, col).values()) {
    const name = decodeText(asBytes(vb));
    if (name !== '') set.add(name);
  }
  return [...set].sort(byName);
}

function readHardware(view: MibView): HardwareItem[] {
  return [...column(view, oid.hrDeviceType)].map(([idx, vb]) => {
    const t = asOid(vb);
    const type = t?.startsWith(`${oid.hrDeviceTypes}.`)
      ? (deviceTypes[t.slice(oid.hrDeviceTypes.length + 1)] ?? 'other')
      : 'other';
    return {
      index: Number(idx),
      type,
      description: decodeText(asBytes(view.get(`${oid.hrDeviceDescr}.${idx}`))),
    };
  });
}
