import { z } from 'zod';
import { deviceTypes } from '../domain/device.js';
import { alertsSchema } from '../faults/alerts-config.js';
import { hygieneSchema } from '../hygiene/config.js';
import { mqttConfigSchema } from '../mqtt/config.js';
import { powerSchema } from '../power/config.js';
import { snmpSettingsSchema } from '../probes/snmp/settings.js';
import { webSchema } from '../web/config.js';
import { clockTime, host, identifier, integer, isoDate, listenAddress, secret, text } from './fields.js';
import { show } from './problems.js';
import type { SecretSources } from './secret.js';

/**
 * The zoneops configuration file (config/zoneops.yaml). Strict: an unknown field is an error,
 * so a typo never silently turns a feature off. Built per load because secret fields resolve
 * `${ENV}` and `file:` references through the given sources.
 */
export function configSchema(sources: SecretSources) {
  const contact = z.strictObject({
    name: text(),
    contact: text().optional(),
    phone: text('a phone number').optional(),
  });

  const snmp = z
    .strictObject({
      host: host(),
      port: integer(1, 65535).default(161),
      version: z.preprocess(
        (v) => (typeof v === 'number' ? String(v) : v),
        z.enum(['1', '2c', '3'], { error: (iss) => `expected 1, 2c or 3, got ${show(iss.input)}` }),
      ),
      community: secret(sources).optional(),
      user: text().optional(),
      securityLevel: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).optional(),
      authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
      authKey: secret(sources).optional(),
      privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
      privKey: secret(sources).optional(),
      intervalSeconds: integer(5, 86_400).default(60),
      timeoutMs: integer(100, 60_000).default(3000),
      retries: integer(0, 10).default(1),
    })
    .superRefine((s, ctx) => {
      const need = (field: keyof typeof s, why: string) => {
        if (s[field] === undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: `required ${why}` });
      };
      if (s.version !== '3') {
        need('community', `for SNMP v${s.version}`);
        for (const f of [
          'user',
          'securityLevel',
          'authProtocol',
          'authKey',
          'privProtocol',
          'privKey',
        ] as const) {
          if (s[f] !== undefined)
            ctx.addIssue({ code: 'custom', path: [f], message: 'only used with SNMP v3' });
        }
        return;
      }
      if (s.community !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['community'],
          message: 'not used with SNMP v3 (give user and keys)',
        });
      }
      need('user', 'for SNMP v3');
      need('securityLevel', 'for SNMP v3');
      if (s.securityLevel === 'authNoPriv' || s.securityLevel === 'authPriv') {
        need('authProtocol', `for securityLevel ${s.securityLevel}`);
        need('authKey', `for securityLevel ${s.securityLevel}`);
        if (s.authKey !== undefined && s.authKey.reveal().length < 8) {
          ctx.addIssue({
            code: 'custom',
            path: ['authKey'],
            message: 'must be at least 8 characters (RFC 3414)',
          });
        }
      }
      if (s.securityLevel === 'authPriv') {
        need('privProtocol', 'for securityLevel authPriv');
        need('privKey', 'for securityLevel authPriv');
        if (s.privKey !== undefined && s.privKey.reveal().length < 8) {
          ctx.addIssue({
            code: 'custom',
            path: ['privKey'],
            message: 'must be at least 8 characters (RFC 3414)',
          });
        }
      }
    });

  const ipp = z.strictObject({
    uri: z.custom<string>(
      (v) => {
        if (typeof v !== 'string') return false;
        try {
          const url = new URL(v);
          return (url.protocol === 'ipp:' || url.protocol === 'ipps:') && url.hostname !== '';
        } catch {
          return false;
        }
      },
      { error: (iss) => `expected an ipp:// or ipps:// URI, got ${show(iss.input)}` },
    ),
    tls: z
      .strictObject({
        fingerprint: z
          .string()
          .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, {
            error: (iss) => `expected a SHA-256 fingerprint AA:BB:…(32 bytes), got ${show(iss.input)}`,
          })
          .optional(),
        acceptAnyCertificate: z.boolean().default(false),
      })
      .optional(),
    intervalSeconds: integer(5, 86_400).default(60),
    timeoutMs: integer(100, 60_000).default(5000),
  });

  const mqttDevice = z.strictObject({
    family: z.enum(['tasmota', 'shelly1', 'shelly2', 'agent', 'generic']),
    topic: text('an MQTT topic'),
    /** A plug reading above this many watts means the device behind it is on. */
    onAboveWatts: z.number().min(0).max(100_000).default(5),
    offlineAfterSeconds: integer(10, 86_400).default(180),
  });

  const mac = z.custom<string>(
    (v) => typeof v === 'string' && /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(v),
    { error: (iss) => `expected a MAC address like 00:11:22:33:44:55, got ${show(iss.input)}` },
  );

  const power = z.discriminatedUnion(
    'method',
    [
      z.strictObject({
        method: z.literal('wol'),
        mac,
        /** Where the magic packet goes: the subnet's broadcast address (or 127.0.0.1 in tests). */
        address: host(),
        port: integer(1, 65535).default(9),
      }),
      z.strictObject({ method: z.literal('plug'), plug: identifier() }),
      z.strictObject({ method: z.literal('agent') }),
      z.strictObject({ method: z.literal('none') }),
    ],
    {
      error: (iss) =>
        `expected method wol, plug, agent or none, got ${show((iss.input as { method?: unknown })?.method)}`,
    },
  );

  const device = z.strictObject({
    id: identifier(),
    name: text(),
    type: z.enum(deviceTypes),
    location: text(),
    assetNo: text('an asset number'),
    vendor: contact,
    serviceProvider: contact,
    purchasedOn: isoDate().optional(),
    warrantyUntil: isoDate().optional(),
    responsible: text('the custodian name'),
    snmp: snmp.optional(),
    ipp: ipp.optional(),
    mqtt: mqttDevice.optional(),
    power: power.default({ method: 'none' }),
  });

  const person = z.strictObject({
    id: identifier(),
    name: text(),
    role: z.enum(['staff', 'technician', 'lead', 'admin']),
    /** A/B post system for the attendants (A = full-time, B = part-time backup). */
    post: z.enum(['A', 'B']).optional(),
    phone: text('a phone number').optional(),
    email: z.email({ error: (iss) => `expected an e-mail address, got ${show(iss.input)}` }).optional(),
    /** Notifier ids that reach this person. */
    notify: z.array(identifier()).default([]),
  });

  const notifierBase = { id: identifier() };
  const httpUrl = z.url({
    protocol: /^https?$/,
    error: (iss) => `expected an http(s) URL, got ${show(iss.input)}`,
  });
  const notifier = z.discriminatedUnion(
    'type',
    [
      z.strictObject({
        ...notifierBase,
        type: z.literal('webhook'),
        url: httpUrl,
        secret: secret(sources).optional(),
      }),
      z.strictObject({
        ...notifierBase,
        type: z.literal('wecom'),
        key: secret(sources),
        baseUrl: httpUrl.default('https://qyapi.weixin.qq.com/cgi-bin/webhook/send'),
      }),
      z.strictObject({
        ...notifierBase,
        type: z.literal('dingtalk'),
        accessToken: secret(sources),
        secret: secret(sources).optional(),
        baseUrl: httpUrl.default('https://oapi.dingtalk.com/robot/send'),
      }),
      z.strictObject({
        ...notifierBase,
        type: z.literal('email'),
        from: text('a sender address'),
        smtp: z.strictObject({
          host: host(),
          port: integer(1, 65535).default(465),
          secure: z.boolean().default(true),
          user: text().optional(),
          password: secret(sources).optional(),
        }),
      }),
      z.strictObject({ ...notifierBase, type: z.literal('mqtt'), topic: text('an MQTT topic') }),
    ],
    {
      error: (iss) =>
        `expected type webhook, wecom, dingtalk, email or mqtt, got ${show((iss.input as { type?: unknown })?.type)}`,
    },
  );

  const period = z
    .custom<string>(
      (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(v),
      {
        error: (iss) => `expected a period HH:MM-HH:MM, got ${show(iss.input)}`,
      },
    )
    .transform((v, ctx) => {
      const [from, to] = v.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) as [
        number,
        number,
      ];
      if (from >= to) ctx.addIssue({ code: 'custom', message: `period ${v} ends before it starts` });
      return { from, to };
    });
  const periods = z
    .array(period)
    .min(1)
    .superRefine((ps, ctx) => {
      for (let i = 1; i < ps.length; i++) {
        const prev = ps[i - 1];
        const cur = ps[i];
        if (prev && cur && cur.from < prev.to) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: 'periods must be in order and must not overlap',
          });
        }
      }
    });
  const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  const monthDay = z.custom<string>(
    (v) => typeof v === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v),
    { error: (iss) => `expected a month-day MM-DD, got ${show(iss.input)}` },
  );
  const season = z.strictObject({
    name: text(),
    /** First day of the season each year, MM-DD; a season lasts until the next one starts. */
    from: monthDay,
    periods,
    /** Different hours on some weekdays, e.g. Friday afternoon. */
    byWeekday: z.partialRecord(weekday, periods).default({}),
  });
  const leadLag = z.strictObject({ onBeforeMinutes: integer(0, 240), offAfterMinutes: integer(0, 240) });
  const officeHours = z
    .strictObject({
      weekdays: z.array(weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      seasons: z.array(season).min(1),
      /** Devices stay on over the lunch break unless set to "off". */
      lunchBreak: z.enum(['keep-on', 'off']).default('keep-on'),
      leadLag: z.partialRecord(z.enum(deviceTypes), leadLag).default({}),
      /** Optional deadline by which the daily checks must be done, e.g. "09:00". */
      dailyCheckBy: clockTime().optional(),
    })
    .superRefine((h, ctx) => {
      const seen = new Map<string, number>();
      h.seasons.forEach((s, i) => {
        const prev = seen.get(s.from);
        if (prev !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['seasons', i, 'from'],
            message: `same start as seasons[${prev}]`,
          });
        }
        seen.set(s.from, i);
      });
    });

  const token = z.strictObject({
    name: text(),
    sha256: z.custom<string>((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), {
      error: () => 'expected the SHA-256 of the token as 64 lowercase hex digits (never the token itself)',
    }),
    role: z.enum(['admin', 'technician', 'staff']),
  });

  return z
    .strictObject({
      site: identifier(),
      siteName: text(),
      timezone: z
        .string()
        .refine(validTimezone, { error: (iss) => `unknown time zone ${show(iss.input)}` })
        .default('Asia/Shanghai'),
      language: z.enum(['zh-CN', 'en']).default('zh-CN'),
      http: z
        .strictObject({
          listen: listenAddress().default({ host: '127.0.0.1', port: 9464 }),
          /** Where staff reach the web pages; used for links in notifications. */
          publicUrl: httpUrl.optional(),
          bodyLimitBytes: integer(1024, 50 * 1024 * 1024).default(1024 * 1024),
        })
        .default({ listen: { host: '127.0.0.1', port: 9464 }, bodyLimitBytes: 1024 * 1024 }),
      store: z
        .strictObject({ path: text('a file path').default('data/zoneops.db') })
        .default({ path: 'data/zoneops.db' }),
      people: z.array(person).default([]),
      notifiers: z.array(notifier).default([]),
      officeHours,
      api: z.strictObject({ tokens: z.array(token).default([]) }).default({ tokens: [] }),
      devices: z.array(device).default([]),
      web: webSchema(),
      hygiene: hygieneSchema(),
      snmp: snmpSettingsSchema(sources),
      alerts: alertsSchema(),
      power: powerSchema(),
      mqtt: mqttConfigSchema(sources),
    })
    .superRefine((cfg, ctx) => {
      checkUnique(cfg.devices, 'id', 'devices', ctx, 'device id');
      checkUnique(cfg.devices, 'assetNo', 'devices', ctx, 'asset number');
      checkUnique(cfg.people, 'id', 'people', ctx, 'person id');
      checkUnique(cfg.notifiers, 'id', 'notifiers', ctx, 'notifier id');
      checkUnique(cfg.api.tokens, 'sha256', ['api', 'tokens'], ctx, 'token');
      const byId = new Map(cfg.devices.map((d) => [d.id, d]));
      cfg.devices.forEach((d, i) => {
        if (d.power.method === 'plug') {
          const plug = byId.get(d.power.plug);
          if (!plug) {
            ctx.addIssue({
              code: 'custom',
              path: ['devices', i, 'power', 'plug'],
              message: `unknown device "${d.power.plug}"`,
            });
          } else if (plug.type !== 'plug' || plug.mqtt === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['devices', i, 'power', 'plug'],
              message: `device "${plug.id}" is not a plug with an mqtt section`,
            });
          }
        }
        if (d.power.method === 'agent' && d.mqtt?.family !== 'agent') {
          ctx.addIssue({
            code: 'custom',
            path: ['devices', i, 'power'],
            message: 'method agent needs mqtt.family agent',
          });
        }
        if (d.purchasedOn && d.warrantyUntil && d.warrantyUntil < d.purchasedOn) {
          ctx.addIssue({
            code: 'custom',
            path: ['devices', i, 'warrantyUntil'],
            message: 'is before purchasedOn',
          });
        }
      });
      cfg.hygiene.targets.forEach((t, i) => {
        if (t.device !== undefined && !byId.has(t.device)) {
          ctx.addIssue({
            code: 'custom',
            path: ['hygiene', 'targets', i, 'device'],
            message: `unknown device "${t.device}"`,
          });
        }
      });
      const notifierIds = new Set(cfg.notifiers.map((n) => n.id));
      cfg.people.forEach((p, i) => {
        p.notify.forEach((n, j) => {
          if (!notifierIds.has(n)) {
            ctx.addIssue({
              code: 'custom',
              path: ['people', i, 'notify', j],
              message: `unknown notifier "${n}"`,
            });
          }
        });
        if (p.role === 'staff' && p.post === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['people', i, 'post'],
            message: 'required for staff (A or B)',
          });
        }
      });
    });
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function checkUnique<T extends object>(
  items: readonly T[],
  key: keyof T,
  at: string | (string | number)[],
  ctx: z.RefinementCtx,
  what: string,
): void {
  const first = new Map<unknown, number>();
  const base = typeof at === 'string' ? [at] : at;
  items.forEach((item, i) => {
    const value = item[key];
    const prev = first.get(value);
    if (prev !== undefined) {
      const shown = what === 'token' ? '' : ` ${JSON.stringify(value)}`;
      ctx.addIssue({
        code: 'custom',
        path: [...base, i, String(key)],
        message: `duplicate ${what}${shown} (also [${prev}])`,
      });
    } else {
      first.set(value, i);
    }
  });
}

export type Config = z.output<ReturnType<typeof configSchema>>;
export type DeviceConfig = Config['devices'][number];
export type PersonConfig = Config['people'][number];
export type NotifierConfig = Config['notifiers'][number];
export type OfficeHoursConfig = Config['officeHours'];
