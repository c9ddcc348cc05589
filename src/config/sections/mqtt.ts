import { z } from 'zod';
import { integer, listenAddress, secret, text } from '../fields.js';
import { say, show } from '../problems.js';
import type { SecretSources } from '../secret.js';

/**
 * Topic templates of a PC agent. `{topic}` is replaced by the device's `mqtt.topic` (the agent's
 * device name). Defaults follow HASS.Agent (../shared/fixtures/mqtt/hass-agent.md); another agent
 * is mapped by changing these, without code.
 */
export const defaultAgentTemplates = {
  availabilityTopic: 'homeassistant/sensor/{topic}/availability',
  onlinePayload: 'online',
  offlinePayload: 'offline',
  /** A subscription filter: any message here means the agent is alive. */
  sensorTopic: 'homeassistant/sensor/{topic}/+/state',
  /**
   * Where the agent announces its entities (Home Assistant MQTT discovery,
   * `<prefix>/<component>/<node>/<object>/config`; HASS.Agent MqttManager.cs, default prefix homeassistant).
   */
  discoveryPrefix: 'homeassistant',
  /**
   * The fallback command topics when the agent announces none: HASS.Agent creates a new command as a
   * Switch by default (Forms/Commands/CommandsMod.cs, the ShutdownCommand constructor's
   * CommandEntityType.Switch), so `…/switch/<device>/<object>/set` (HomeAssistant/Commands/CustomCommand.cs).
   */
  shutdownTopic: 'homeassistant/switch/{topic}/shutdown/set',
  restartTopic: 'homeassistant/switch/{topic}/restart/set',
  hibernateTopic: 'homeassistant/switch/{topic}/hibernate/set',
  lockTopic: 'homeassistant/switch/{topic}/lock/set',
  /** HASS.Agent lowercases the payload: one containing "on" turns a switch on (MQTT/MqttManager.cs HandleCommandReceived). */
  shutdownPayload: 'ON',
  commandPayload: 'ON',
} as const;
export type AgentTemplates = { readonly [K in keyof typeof defaultAgentTemplates]: string };

const defaultListen = { host: '127.0.0.1', port: 1883 };

/** Limits of the embedded broker (src/mqtt/embedded-broker.ts). */
export const embeddedDefaults = {
  listen: defaultListen,
  /** A packet bigger than this disconnects its sender before it is read into memory. */
  maxPacketBytes: 256 * 1024,
  /** A retained message bigger than this is refused (the broker keeps retained messages in memory). */
  maxRetainedBytes: 64 * 1024,
  /** At most this many retained topics; a new one beyond it is refused. */
  maxRetainedMessages: 10_000,
};

/** The top-level `mqtt:` section. Without `url`, zoneops runs its own broker on `embedded.listen`. */
export function mqttConfigSchema(sources: SecretSources) {
  const template = (mustHaveTopic: boolean) =>
    text('an MQTT topic template').refine((t) => !mustHaveTopic || t.includes('{topic}'), {
      error: (iss) =>
        say(
          `expected a template containing {topic}, got ${show(iss.input)}`,
          `模板必须含 {topic}，实际是 ${show(iss.input)}`,
        ),
    });
  return z
    .strictObject({
      url: z
        .url({
          protocol: /^mqtts?$/,
          error: (iss) =>
            say(
              `expected an mqtt:// or mqtts:// URL, got ${show(iss.input)}`,
              `应为 mqtt:// 或 mqtts:// 地址，实际是 ${show(iss.input)}`,
            ),
        })
        .optional(),
      tls: z
        .strictObject({
          /** PEM file of the CA that signed the broker's certificate (for a private CA). */
          caFile: text('a file path').optional(),
          rejectUnauthorized: z.boolean().default(true),
        })
        .optional(),
      /** zoneops' own credential. For the embedded broker it defaults to `<clientId>` with a password made at start. */
      username: text().optional(),
      password: secret(sources).optional(),
      /**
       * The devices' (and zoneops') MQTT passwords, written by `zoneops mqtt credentials` (YAML, keep it
       * private: mode 0600). A password in the config (`devices[].mqtt.password`) wins over the file.
       */
      credentialsFile: text('a file path').optional(),
      /** Defaults to `zoneops-<site>`. */
      clientId: text().optional(),
      embedded: z
        .strictObject({
          listen: listenAddress().default(defaultListen),
          maxPacketBytes: integer(1024, 64 * 1024 * 1024).default(embeddedDefaults.maxPacketBytes),
          maxRetainedBytes: integer(16, 64 * 1024 * 1024).default(embeddedDefaults.maxRetainedBytes),
          maxRetainedMessages: integer(1, 1_000_000).default(embeddedDefaults.maxRetainedMessages),
        })
        .default({ ...embeddedDefaults }),
      /** How long `switch()` waits for the device to confirm, unless the caller says otherwise. */
      commandTimeoutSeconds: integer(1, 600).default(30),
      /** Longest wait between reconnect attempts (back-off doubles from 1 s up to this). */
      reconnectMaxSeconds: integer(1, 600).default(30),
      agent: z
        .strictObject({
          availabilityTopic: template(true).default(defaultAgentTemplates.availabilityTopic),
          onlinePayload: text().default(defaultAgentTemplates.onlinePayload),
          offlinePayload: text().default(defaultAgentTemplates.offlinePayload),
          sensorTopic: template(true).default(defaultAgentTemplates.sensorTopic),
          discoveryPrefix: text('an MQTT topic level')
            .refine((t) => !/[+#/]/.test(t), {
              error: (iss) =>
                say(
                  `expected one topic level without "/", "+" or "#", got ${show(iss.input)}`,
                  `应为一级主题，不能含 "/"、"+" 或 "#"，实际是 ${show(iss.input)}`,
                ),
            })
            .default(defaultAgentTemplates.discoveryPrefix),
          shutdownTopic: template(true).default(defaultAgentTemplates.shutdownTopic),
          restartTopic: template(true).default(defaultAgentTemplates.restartTopic),
          hibernateTopic: template(true).default(defaultAgentTemplates.hibernateTopic),
          lockTopic: template(true).default(defaultAgentTemplates.lockTopic),
          shutdownPayload: text().default(defaultAgentTemplates.shutdownPayload),
          commandPayload: text().default(defaultAgentTemplates.commandPayload),
        })
        .default({ ...defaultAgentTemplates }),
    })
    .superRefine((m, ctx) => {
      if (m.url === undefined && m.tls !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tls'],
          message: say('only used with url (an external broker)', '只用于 url（外部消息服务器）'),
        });
      }
      if ((m.username === undefined) !== (m.password === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [m.username === undefined ? 'username' : 'password'],
          message: say('username and password go together', 'username 和 password 要一起填写'),
        });
      }
    })
    .default({
      embedded: { ...embeddedDefaults },
      commandTimeoutSeconds: 30,
      reconnectMaxSeconds: 30,
      agent: { ...defaultAgentTemplates },
    });
}

export type MqttConfig = z.output<ReturnType<typeof mqttConfigSchema>>;

/** zoneops' own MQTT client id and username: `zoneops-<site>` unless the config says otherwise. */
export function zoneopsMqttIdentity(
  m: { readonly clientId?: string | undefined; readonly username?: string | undefined },
  site: string,
): { clientId: string; username: string } {
  const clientId = m.clientId ?? `zoneops-${site}`;
  return { clientId, username: m.username ?? clientId };
}
