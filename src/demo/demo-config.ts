import { createHash } from 'node:crypto';
import { hhmm, localMoment } from '../domain/hygiene-time.js';

/**
 * The demo zone's configuration, generated at start (loopback only, fast polls) so that faults,
 * notifications and the cleaning schedule show within a minute or two.
 */
interface DemoPorts {
  snmp: { pc01: number; pc02: number; printer01: number; printer02: number };
  /** The zone's broker (with authentication and the access rules of this config). */
  mqttPort: number;
  inboxUrl: string;
  /** The demo's IPP-only inkjet (src/demo/ipp-printer.ts). */
  ippUri: string;
  /** zoneops' HTTP port: the QR codes and notification links point at it (`http.publicUrl`). */
  httpPort: number;
}

interface DemoSecrets {
  community: string;
  technicianToken: string;
  /** The scrypt hash of each demo person's PIN, by role key of `demoPeople`. */
  pinHashes: Readonly<Record<keyof typeof demoPeople, string>>;
  /** The simulated devices' MQTT passwords, by device id. */
  mqttPasswords: { zoneops: string; 'pc-01': string; 'plug-02': string };
}

/** The demo zone's people: the A and B posts, the lead and the technician, each with a sign-in. */
export const demoPeople = {
  staff: { id: 'demo-staff', name: '王小明', pin: '246810', role: 'staff', post: 'A', phone: '13800000011' },
  staffB: { id: 'demo-staff-b', name: '刘芳', pin: '357911', role: 'staff', post: 'B', phone: '13800000012' },
  lead: { id: 'demo-lead', name: '赵主任', pin: '864200', role: 'lead', phone: '13800000013' },
  technician: { id: 'demo-tech', name: '李技术', pin: '135790', role: 'technician', phone: '13800000014' },
} as const;

const contact = { name: '演示厂家', contact: '张工', phone: '400-000-0000' };
const provider = { name: '演示技术服务商', contact: '刘工', phone: '400-000-0001' };

function device(id: string, name: string, type: string, location: string, n: number, extra: object) {
  return {
    id,
    name,
    type,
    location,
    assetNo: `DEMO-${String(n).padStart(3, '0')}`,
    vendor: contact,
    serviceProvider: provider,
    purchasedOn: '2023-03-01',
    warrantyUntil: '2026-02-28',
    responsible: demoPeople.staff.name,
    ...extra,
  };
}

export function demoConfig(
  p: DemoPorts,
  s: DemoSecrets,
  dbPath: string,
  now: number,
): Record<string, unknown> {
  const tz = 'Asia/Shanghai';
  // The reading area's cleaning falls due two minutes after the demo starts: it will be late.
  const due = Math.min(localMoment(now, tz).minutes + 2, 23 * 60 + 59);
  const dueAt = hhmm(due);
  // PC 1's wipe-down is due later in the day, so the demo starts with one cleaning to do, not two overdue.
  const laterAt = hhmm(Math.min(due + 60, 23 * 60 + 59));
  const snmp = (port: number) => ({
    host: '127.0.0.1',
    port,
    version: '2c',
    community: s.community,
    intervalSeconds: 5,
    timeoutMs: 800,
    retries: 0,
  });
  return {
    site: 'demo',
    siteName: '演示镇政务公开专区（模拟）',
    timezone: tz,
    language: 'zh-CN',
    store: { path: dbPath },
    http: { listen: `127.0.0.1:${p.httpPort}`, publicUrl: `http://127.0.0.1:${p.httpPort}` },
    people: Object.values(demoPeople).map(({ pin: _pin, ...p }) => ({ ...p, notify: ['inbox'] })),
    notifiers: [{ id: 'inbox', type: 'webhook', url: `${p.inboxUrl}hook` }],
    // Open every day all day, so the demo shows the same thing whenever it is started.
    officeHours: {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      seasons: [{ name: '全年', from: '01-01', periods: ['00:00-23:59'] }],
    },
    api: {
      tokens: [
        {
          name: 'demo-technician',
          sha256: createHash('sha256').update(s.technicianToken).digest('hex'),
          role: 'technician',
        },
      ],
    },
    devices: [
      device('pc-01', '查阅电脑 1', 'pc', '一楼查阅区', 1, {
        snmp: snmp(p.snmp.pc01),
        mqtt: { family: 'agent', topic: 'pc-01', password: s.mqttPasswords['pc-01'] },
        // An agent can shut a PC down but not wake it; the demo keeps PC 1 monitor-only.
        power: { method: 'none' },
      }),
      device('pc-02', '查阅电脑 2', 'pc', '一楼查阅区', 2, {
        snmp: snmp(p.snmp.pc02),
        power: { method: 'plug', plug: 'plug-02' },
      }),
      device('printer-01', '打印机 P-01', 'printer', '一楼自助办理区', 3, {
        model: 'Demo LaserPrinter DL-2000',
        snmp: snmp(p.snmp.printer01),
      }),
      device('printer-02', '复印机 C-02', 'copier', '二楼阅览区', 4, {
        model: 'Demo Copier DC-3500',
        snmp: snmp(p.snmp.printer02),
      }),
      device('printer-03', '彩色打印机 P-03', 'printer', '二楼阅览区', 6, {
        ipp: { uri: p.ippUri, intervalSeconds: 5 },
      }),
      device('plug-02', '智能插座 2', 'plug', '一楼查阅区', 5, {
        mqtt: {
          family: 'tasmota',
          topic: 'plug-02',
          offlineAfterSeconds: 30,
          password: s.mqttPasswords['plug-02'],
        },
      }),
    ],
    web: {
      accounts: (Object.keys(demoPeople) as Array<keyof typeof demoPeople>).map((k) => ({
        person: demoPeople[k].id,
        pinHash: s.pinHashes[k],
      })),
      sessionMinutes: 480,
    },
    // Case numbers as the citizen sees them: ZS-20261202-001.
    complaints: { casePrefix: 'ZS' },
    hygiene: {
      targets: [
        { id: 'reading-area', name: '查阅区', tasks: ['clean', 'disinfect'], clean: { deadline: dueAt } },
        {
          id: 'kiosk-pc-01',
          name: '查阅电脑 1',
          device: 'pc-01',
          tasks: ['clean'],
          clean: { deadline: laterAt },
        },
      ],
      reminderLeadMinutes: 1,
    },
    alerts: { downAfterFailedPolls: 2, clearAfterGoodPolls: 2, escalationMinutes: 2, nonCritical: 'always' },
    mqtt: {
      url: `mqtt://127.0.0.1:${p.mqttPort}`,
      username: 'zoneops-demo',
      password: s.mqttPasswords.zoneops,
    },
    // PC 2's plug is on but the PC stays at standby power: reported as "did not start" after a minute.
    power: { graceMinutes: 1, staggerSeconds: 0 },
  };
}
