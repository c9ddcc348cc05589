import { z } from 'zod';
import { integer, secret, text } from '../fields.js';
import { say, show } from '../problems.js';
import type { SecretSources } from '../secret.js';

/** The power commands a PC agent may offer (HASS.Agent's ShutdownCommand, RestartCommand, HibernateCommand, LockCommand). */
export const agentCommands = ['shutdown', 'restart', 'hibernate', 'lock'] as const;
export type AgentCommand = (typeof agentCommands)[number];

const topicPart = (what: string) =>
  text(what).refine((t) => !/[+#/]/.test(t) && !t.includes(String.fromCharCode(0)), {
    error: (iss) =>
      say(
        `expected one topic level without "/", "+" or "#", got ${show(iss.input)}`,
        `应为一级主题，不能含 "/"、"+" 或 "#"，实际是 ${show(iss.input)}`,
      ),
  });

const plainTopic = () =>
  text('an MQTT topic').refine((t) => !/[+#]/.test(t) && t.length <= 512, {
    error: (iss) =>
      say(
        `expected an MQTT topic without + or #, got ${show(iss.input)}`,
        `应为不含 + 或 # 的 MQTT 主题，实际是 ${show(iss.input)}`,
      ),
  });

/**
 * Tasmota's topic layout and relay (tasmota/docs docs/MQTT.md "FullTopic": tokens %prefix% and %topic%,
 * e.g. `%prefix%/%topic%/` (default) or `tasmota/%topic%/%prefix%/`; prefixes Prefix1..3 = cmnd, stat,
 * tele; docs/Commands.md StateText1 = OFF, StateText2 = ON; SetOption129 splits ENERGY.Total per channel).
 */
const tasmotaOptions = z.strictObject({
  fullTopic: text('a Tasmota FullTopic')
    .refine((t) => t.includes('%prefix%') && t.includes('%topic%'), {
      error: (iss) =>
        say(
          `expected a FullTopic with both %prefix% and %topic% (e.g. "%topic%/%prefix%/"), got ${show(iss.input)}`,
          `FullTopic 必须同时含 %prefix% 和 %topic%（例如 "%topic%/%prefix%/"），实际是 ${show(iss.input)}`,
        ),
    })
    .refine((t) => !/[+#]/.test(t) && !/%(?!prefix%|topic%)[a-z]+%/.test(t), {
      error: (iss) =>
        say(
          `only the tokens %prefix% and %topic% are supported, and no + or # (give %hostname%/%id% as text), got ${show(iss.input)}`,
          `只支持 %prefix% 和 %topic% 两个占位符，也不能含 + 或 #（%hostname%、%id% 请直接写出来），实际是 ${show(iss.input)}`,
        ),
    })
    .transform((t) => (t.endsWith('/') ? t : `${t}/`))
    .default('%prefix%/%topic%/'),
  prefixes: z
    .strictObject({
      cmnd: topicPart('the command prefix').default('cmnd'),
      stat: topicPart('the status prefix').default('stat'),
      tele: topicPart('the telemetry prefix').default('tele'),
    })
    .default({ cmnd: 'cmnd', stat: 'stat', tele: 'tele' }),
  /** Which relay switches the device: POWER (1) or POWER<n>. */
  relay: integer(1, 32).default(1),
  stateText: z
    .strictObject({ off: text().default('OFF'), on: text().default('ON') })
    .default({ off: 'OFF', on: 'ON' }),
  /** ENERGY.Total (and Power) as an array per channel: add them up, or take the relay's own channel. */
  energy: z.enum(['sum', 'channel']).default('sum'),
});
export type TasmotaOptions = z.output<typeof tasmotaOptions>;
export const defaultTasmotaOptions: TasmotaOptions = tasmotaOptions.parse({});

const commandSet = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    shutdown: value.optional(),
    restart: value.optional(),
    hibernate: value.optional(),
    lock: value.optional(),
  });

/**
 * A PC agent's commands. Learned from its MQTT discovery configs when it publishes them, unless
 * `discovery: false`; `commands` fixes a topic (and payload) in the config; `names` are the entity
 * names to look for (HASS.Agent names a new command after its type, in the UI's language).
 */
const agentOptions = z.strictObject({
  discovery: z.boolean().default(true),
  /** What "off" means for this PC: shut down (default) or hibernate. */
  offCommand: z.enum(['shutdown', 'hibernate']).default('shutdown'),
  names: commandSet(z.array(text('an entity name')).min(1).max(8)).optional(),
  commands: commandSet(z.strictObject({ topic: plainTopic(), payload: text().default('ON') })).optional(),
});
export type AgentOptions = z.output<typeof agentOptions>;

export const mqttDeviceSchema = (sources: SecretSources) =>
  z
    .strictObject({
      family: z.enum(['tasmota', 'shelly1', 'shelly2', 'agent', 'generic']),
      topic: text('an MQTT topic'),
      /** A plug reading above this many watts means the device behind it is on. */
      onAboveWatts: z.number().min(0).max(100_000).default(5),
      offlineAfterSeconds: integer(10, 86_400).default(180),
      tasmota: tasmotaOptions.optional(),
      agent: agentOptions.optional(),
      /** The device's own MQTT credential (default username: the device id); or from mqtt.credentialsFile. */
      username: text().optional(),
      password: secret(sources).optional(),
    })
    .superRefine((m, ctx) => {
      for (const block of ['tasmota', 'agent'] as const) {
        if (m[block] !== undefined && m.family !== block) {
          ctx.addIssue({
            code: 'custom',
            path: [block],
            message: say(`only used with family ${block}`, `只用于 family 为 ${block} 的设备`),
          });
        }
      }
    });
export type MqttDeviceConfig = z.output<ReturnType<typeof mqttDeviceSchema>>;
