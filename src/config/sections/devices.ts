import { z } from 'zod';
import { deviceTypes } from '../../domain/device.js';
import { host, identifier, integer, isIPv4, isoDate, secret, text } from '../fields.js';
import { imeHint, say, show } from '../problems.js';
import type { SecretSources } from '../secret.js';
import { mqttDeviceSchema } from './mqtt-device.js';

/**
 * `devices[]`: the asset register (国有资产) with each device's protocols (snmp, ipp, mqtt) and how it is
 * switched on and off (power). Cross-checks between devices (a plug that exists, unique ids) are in
 * config/schema.ts.
 */
const secureOnPattern = /^(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{12}$/;

export function deviceSchema(sources: SecretSources) {
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
        z.enum(['1', '2c', '3'], {
          error: (iss) =>
            say(`expected 1, 2c or 3, got ${show(iss.input)}`, `应为 1、2c 或 3，实际是 ${show(iss.input)}`),
        }),
      ),
      community: secret(sources).optional(),
      user: text().optional(),
      securityLevel: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).optional(),
      authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
      authKey: secret(sources).optional(),
      privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
      privKey: secret(sources).optional(),
      /** SNMP context: v3 contextName; v1/v2c community@context (e.g. HP Jetdirect, Toshiba e-STUDIO "MFP"). */
      context: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,32}$/, {
          error: (iss) =>
            say(
              `expected a context name of 1..32 letters, digits, "." "_" "-" (e.g. Jetdirect), got ${show(iss.input)}`,
              `上下文名称应为 1 到 32 个英文字母、数字或 "." "_" "-"（例如 Jetdirect），实际是 ${show(iss.input)}`,
            ),
        })
        .optional(),
      intervalSeconds: integer(5, 86_400).default(60),
      timeoutMs: integer(100, 60_000).default(3000),
      retries: integer(0, 10).default(1),
    })
    .superRefine((s, ctx) => {
      const need = (field: keyof typeof s, why: string) => {
        if (s[field] === undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: say(`required ${why}`, `${why}时必填`) });
      };
      if (s.version !== '3') {
        need('community', say(`for SNMP v${s.version}`, `使用 SNMP v${s.version} `));
        for (const f of [
          'user',
          'securityLevel',
          'authProtocol',
          'authKey',
          'privProtocol',
          'privKey',
        ] as const) {
          if (s[f] !== undefined)
            ctx.addIssue({
              code: 'custom',
              path: [f],
              message: say('only used with SNMP v3', '只用于 SNMP v3'),
            });
        }
        return;
      }
      if (s.community !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['community'],
          message: say(
            'not used with SNMP v3 (give user and keys)',
            'SNMP v3 不用团体名（请填写用户和密钥）',
          ),
        });
      }
      need('user', say('for SNMP v3', '使用 SNMP v3 '));
      need('securityLevel', say('for SNMP v3', '使用 SNMP v3 '));
      if (s.securityLevel === 'authNoPriv' || s.securityLevel === 'authPriv') {
        const level = say(`for securityLevel ${s.securityLevel}`, `securityLevel 为 ${s.securityLevel} `);
        need('authProtocol', level);
        need('authKey', level);
        if (s.authKey !== undefined && s.authKey.reveal().length < 8) {
          ctx.addIssue({
            code: 'custom',
            path: ['authKey'],
            message: say('must be at least 8 characters (RFC 3414)', '至少 8 个字符（RFC 3414）'),
          });
        }
      }
      if (s.securityLevel === 'authPriv') {
        const level = say('for securityLevel authPriv', 'securityLevel 为 authPriv ');
        need('privProtocol', level);
        need('privKey', level);
        if (s.privKey !== undefined && s.privKey.reveal().length < 8) {
          ctx.addIssue({
            code: 'custom',
            path: ['privKey'],
            message: say('must be at least 8 characters (RFC 3414)', '至少 8 个字符（RFC 3414）'),
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
      {
        error: (iss) =>
          say(
            `expected an ipp:// or ipps:// URI, got ${show(iss.input)}`,
            `应为 ipp:// 或 ipps:// 地址，实际是 ${show(iss.input)}`,
          ),
      },
    ),
    tls: z
      .strictObject({
        fingerprint: z
          .string()
          .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, {
            error: (iss) =>
              say(
                `expected a SHA-256 fingerprint AA:BB:…(32 bytes), got ${show(iss.input)}`,
                `应为 SHA-256 指纹 AA:BB:…（32 字节），实际是 ${show(iss.input)}`,
              ),
          })
          .optional(),
        acceptAnyCertificate: z.boolean().default(false),
      })
      .optional(),
    intervalSeconds: integer(5, 86_400).default(60),
    timeoutMs: integer(100, 60_000).default(5000),
  });

  const mac = z.custom<string>(
    (v) => typeof v === 'string' && /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(v),
    {
      error: (iss) =>
        say(
          `expected a MAC address like 00:11:22:33:44:55, got ${show(iss.input)}`,
          `应为 MAC 地址（例如 00:11:22:33:44:55），实际是 ${show(iss.input)}`,
        ),
    },
  );

  const power = z.discriminatedUnion(
    'method',
    [
      z
        .strictObject({
          method: z.literal('wol'),
          mac,
          /** Where the magic packet goes: the subnet's broadcast address (or 127.0.0.1 in tests). */
          address: host(),
          port: integer(1, 65535).default(9),
          /** SecureOn password set in the PC's firmware: 6 bytes in hex (`00:11:22:33:44:55` or `001122334455`). */
          secureOn: secret(sources)
            .refine((s) => secureOnPattern.test(s.reveal()), {
              error: () =>
                say(
                  'expected 6 bytes in hex, like 00:11:22:33:44:55 or 001122334455',
                  '应为 6 个十六进制字节，例如 00:11:22:33:44:55 或 001122334455',
                ),
            })
            .optional(),
          /** Send from this local IPv4 address (the NIC on the PCs' subnet, on a machine with several). */
          sourceAddress: z
            .custom<string>((v) => typeof v === 'string' && isIPv4(v), {
              error: (iss) =>
                say(
                  `expected a local IPv4 address, got ${show(iss.input)}`,
                  `应为本机的 IPv4 地址，实际是 ${show(iss.input)}`,
                ),
            })
            .optional(),
          /** …or from this network interface's IPv4 address (e.g. eth1). */
          interface: text('a network interface name').optional(),
        })
        .refine((w) => !(w.sourceAddress && w.interface), {
          path: ['interface'],
          error: () =>
            say('give sourceAddress or interface, not both', 'sourceAddress 和 interface 只能填一个'),
        }),
      z.strictObject({ method: z.literal('plug'), plug: identifier() }),
      z.strictObject({ method: z.literal('agent') }),
      z.strictObject({ method: z.literal('none') }),
    ],
    {
      error: (iss) => {
        const got = (iss.input as { method?: unknown })?.method;
        return (
          say(
            `expected method wol, plug, agent or none, got ${show(got)}`,
            `method 应为 wol、plug、agent 或 none，实际是 ${show(got)}`,
          ) + imeHint(got, ['wol', 'plug', 'agent', 'none'])
        );
      },
    },
  );

  return z.strictObject({
    id: identifier(),
    name: text(),
    type: z.enum(deviceTypes),
    location: text(),
    assetNo: text('an asset number'),
    /** 规格型号 as in the asset register (e.g. `HP LaserJet Pro M404dn`); shown on the device card. */
    model: text().pipe(z.string().max(120)).optional(),
    vendor: contact,
    serviceProvider: contact,
    purchasedOn: isoDate().optional(),
    warrantyUntil: isoDate().optional(),
    responsible: text('the custodian name'),
    snmp: snmp.optional(),
    ipp: ipp.optional(),
    mqtt: mqttDeviceSchema(sources).optional(),
    power: power.default({ method: 'none' }),
  });
}
