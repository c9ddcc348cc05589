import { z } from 'zod';
import { identifier, integer, listenAddress, text } from './fields.js';
import { applyCredentialsFile } from './mqtt-credentials.js';
import { alsoAt, say, show } from './problems.js';
import type { SecretSources } from './secret.js';
import { alertsSchema } from './sections/alerts.js';
import { tokenSchema } from './sections/api.js';
import { complaintsSchema } from './sections/complaints.js';
import { deviceSchema } from './sections/devices.js';
import { type DutyConfig, dutySchema } from './sections/duty.js';
import { hygieneSchema } from './sections/hygiene.js';
import { ippSettingsSchema } from './sections/ipp.js';
import { mqttConfigSchema, zoneopsMqttIdentity } from './sections/mqtt.js';
import { httpUrl, notifierSchema } from './sections/notifiers.js';
import { officeHoursSchema } from './sections/office-hours.js';
import { personSchema } from './sections/people.js';
import { powerSchema } from './sections/power.js';
import { reportSchema } from './sections/report.js';
import { snmpSettingsSchema } from './sections/snmp.js';
import { webSchema } from './sections/web.js';

/**
 * The zoneops configuration file (config/zoneops.yaml). Strict: an unknown field is an error,
 * so a typo never silently turns a feature off. Built per load because secret fields resolve
 * `${ENV}` and `file:` references through the given sources. Each section's schema is in
 * config/sections/; this file puts them together and checks what spans sections.
 */
export function configSchema(sources: SecretSources) {
  const device = deviceSchema(sources);
  const person = personSchema();
  const notifier = notifierSchema(sources);
  const officeHours = officeHoursSchema();
  const token = tokenSchema();
  const url = httpUrl();

  return z
    .strictObject({
      site: identifier(),
      siteName: text(),
      timezone: z
        .string()
        .refine(validTimezone, {
          error: (iss) =>
            say(
              `unknown time zone ${show(iss.input)}`,
              `未知的时区 ${show(iss.input)}（例如 Asia/Shanghai）`,
            ),
        })
        .default('Asia/Shanghai'),
      language: z.enum(['zh-CN', 'en']).default('zh-CN'),
      http: z
        .strictObject({
          listen: listenAddress().default({ host: '127.0.0.1', port: 9464 }),
          /** Where staff reach the web pages; used for links in notifications. */
          publicUrl: url.optional(),
          bodyLimitBytes: integer(1024, 50 * 1024 * 1024).default(1024 * 1024),
          trustProxy: trustProxy().default(false),
        })
        .default({
          listen: { host: '127.0.0.1', port: 9464 },
          bodyLimitBytes: 1024 * 1024,
          trustProxy: false,
        }),
      store: z
        .strictObject({ path: text('a file path').default('data/zoneops.db') })
        .default({ path: 'data/zoneops.db' }),
      people: z.array(person).default([]),
      notifiers: z.array(notifier).default([]),
      officeHours,
      api: z.strictObject({ tokens: z.array(token).default([]) }).default({ tokens: [] }),
      devices: z.array(device).default([]),
      web: webSchema(),
      duty: dutySchema(),
      hygiene: hygieneSchema(sources),
      report: reportSchema(),
      snmp: snmpSettingsSchema(sources),
      ipp: ippSettingsSchema(),
      alerts: alertsSchema(),
      power: powerSchema(),
      mqtt: mqttConfigSchema(sources),
      complaints: complaintsSchema(),
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
              message: say(`unknown device "${d.power.plug}"`, `没有编号为 "${d.power.plug}" 的设备`),
            });
          } else if (plug.type !== 'plug' || plug.mqtt === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['devices', i, 'power', 'plug'],
              message: say(
                `device "${plug.id}" is not a plug with an mqtt section`,
                `设备 "${plug.id}" 不是带 mqtt 配置的智能插座`,
              ),
            });
          }
        }
        if (d.power.method === 'agent' && d.mqtt?.family !== 'agent') {
          ctx.addIssue({
            code: 'custom',
            path: ['devices', i, 'power'],
            message: say(
              'method agent needs mqtt.family agent',
              'method 为 agent 时，mqtt.family 也必须是 agent',
            ),
          });
        }
        if (d.purchasedOn && d.warrantyUntil && d.warrantyUntil < d.purchasedOn) {
          ctx.addIssue({
            code: 'custom',
            path: ['devices', i, 'warrantyUntil'],
            message: say('is before purchasedOn', '早于购置日期 purchasedOn'),
          });
        }
      });
      cfg.hygiene.targets.forEach((t, i) => {
        if (t.device !== undefined && !byId.has(t.device)) {
          ctx.addIssue({
            code: 'custom',
            path: ['hygiene', 'targets', i, 'device'],
            message: say(`unknown device "${t.device}"`, `没有编号为 "${t.device}" 的设备`),
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
              message: say(`unknown notifier "${n}"`, `没有编号为 "${n}" 的通知渠道`),
            });
          }
        });
        if (p.role === 'staff' && p.post === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['people', i, 'post'],
            message: say('required for staff (A or B)', '值班人员（staff）必须填写岗位 A 或 B'),
          });
        }
      });
      checkRota(cfg, ctx);
    })
    .transform((cfg, ctx) => {
      // The MQTT passwords the config does not give itself come from mqtt.credentialsFile.
      const problem = applyCredentialsFile(cfg, sources, zoneopsMqttIdentity(cfg.mqtt, cfg.site).username);
      if (problem) ctx.addIssue({ code: 'custom', path: ['mqtt', 'credentialsFile'], message: problem });
      return cfg;
    });
}

const proxyAddress = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([12]?\d|3[0-2]))?$/;

/**
 * `http.trustProxy`: whose `X-Forwarded-For` to believe. `false` (default): nobody — the client address is
 * the connection's, so a visitor cannot pick one to dodge the public-report limit or forge the audit log.
 * `loopback`: a reverse proxy on the same machine. Or the proxy's addresses (`["192.168.10.2"]`, CIDR
 * allowed). Never everyone: then any client could claim any address.
 */
function trustProxy() {
  return z.union(
    [
      z.literal(false),
      z.literal('loopback'),
      z
        .array(
          z.string().regex(proxyAddress, {
            error: (iss) => `expected an IPv4 address or CIDR (e.g. "192.168.10.2"), got ${show(iss.input)}`,
          }),
        )
        .min(1),
    ],
    {
      error: (iss) =>
        `expected false, "loopback" or a list of the reverse proxy's addresses (never true: anyone could claim any address), got ${show(iss.input)}`,
    },
  );
}

/** Rota posts are held by attendants (`role: staff`) the config knows, one post per person a day. */
function checkRota(
  cfg: { people: ReadonlyArray<{ id: string; role: string }>; duty: DutyConfig },
  ctx: z.RefinementCtx,
): void {
  const roles = new Map(cfg.people.map((p) => [p.id, p.role]));
  for (const [day, posts] of Object.entries(cfg.duty.rota)) {
    if (!posts) continue;
    for (const post of ['A', 'B'] as const) {
      posts[post].forEach((id, i) => {
        const path = ['duty', 'rota', day, post, ...(posts[post].length > 1 ? [i] : [])];
        const role = roles.get(id);
        if (role === undefined) ctx.addIssue({ code: 'custom', path, message: `unknown person "${id}"` });
        else if (role !== 'staff')
          ctx.addIssue({
            code: 'custom',
            path,
            message: `"${id}" is a ${role}: only attendants (role staff) hold the A and B posts`,
          });
        else if (post === 'B' && posts.A.includes(id))
          ctx.addIssue({ code: 'custom', path, message: `"${id}" cannot hold both posts on one day` });
      });
    }
  }
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const whatZh: Readonly<Record<string, string>> = {
  'device id': '设备编号',
  'asset number': '资产编号',
  'person id': '人员编号',
  'notifier id': '通知渠道编号',
  token: '令牌',
};

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
        message: say(`duplicate ${what}${shown}`, `${whatZh[what] ?? what}${shown} 重复`) + alsoAt(prev),
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
