import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DeviceConfig } from '../config/schema.js';
import { Secret } from '../config/secret.js';
import type { MqttConfig } from '../config/sections/mqtt.js';
import type { Logger } from '../log.js';
import { type AclInput, accessRules } from './acl.js';
import { type EmbeddedBroker, startEmbeddedBroker } from './embedded-broker.js';
import type { Refusal } from './refusals.js';

/**
 * The embedded broker as the MQTT link starts it when no `mqtt.url` is configured: the access rules of
 * the register (acl.ts), zoneops' own credential — the configured one, else a fresh one for this run —
 * and the limits of `mqtt.embedded`. A client without a password is named in the log: it will be refused.
 */
export async function startZoneBroker(deps: {
  config: MqttConfig;
  site: string;
  devices: readonly DeviceConfig[];
  hygiene?: Pick<AclInput, 'buttons' | 'targets'> | undefined;
  identity: { username: string };
  clock: Clock;
  logger: Logger;
  onRefused?: ((r: Refusal) => void) | undefined;
}): Promise<{ broker: EmbeddedBroker; username: string; password: Secret }> {
  const { config, logger } = deps;
  const password = config.password ?? new Secret(randomBytes(24).toString('base64url'), 'generated');
  const rules = accessRules(
    {
      site: deps.site,
      mqtt: config,
      devices: deps.devices,
      buttons: deps.hygiene?.buttons ?? [],
      targets: deps.hygiene?.targets ?? [],
    },
    password,
  );
  for (const problem of rules.problems) logger.error({ problem }, 'MQTT access rules');
  for (const p of rules.byUsername.values()) {
    if (p.password === undefined) {
      logger.error(
        { username: p.username, field: p.configPath },
        'MQTT client has no password: the embedded broker will refuse it',
      );
    }
  }
  const broker = await startEmbeddedBroker({
    ...config.embedded.listen,
    rules,
    limits: config.embedded,
    clock: deps.clock,
    logger,
    onRefused: deps.onRefused,
  });
  logger.info(
    { url: broker.url, clients: rules.byUsername.size, maxPacketBytes: config.embedded.maxPacketBytes },
    'embedded MQTT broker listening (authentication and access rules on)',
  );
  return { broker, username: deps.identity.username, password };
}
