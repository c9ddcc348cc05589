import type { Channel, OutgoingMessage } from './types.js';

/** Publishes through the daemon's MQTT connection (injected), so alerts reach dashboards or sirens on the broker. */
export type Publish = (topic: string, payload: string) => Promise<void>;

export function createMqttChannel(
  cfg: { id: string; topic: string },
  site: string,
  publish: Publish | undefined,
): Channel {
  return {
    id: cfg.id,
    type: 'mqtt',
    async send(msg: OutgoingMessage, hooks) {
      if (!publish) return { kind: 'transient', error: 'no MQTT connection' };
      const p = msg.payload;
      const body = JSON.stringify({
        site,
        event: msg.eventKey,
        type: p.type,
        title: p.title,
        text: p.text,
        ...(p.faultId !== undefined
          ? { faultId: p.faultId, deviceId: p.deviceId, kind: p.kind, severity: p.severity }
          : {}),
        ...(p.link ? { link: p.link } : {}),
      });
      await hooks.beforeWrite();
      try {
        await publish(cfg.topic, body);
        return { kind: 'sent' };
      } catch (err) {
        return {
          kind: 'transient',
          error: `publish failed: ${(err as Error).message?.slice(0, 120) ?? 'error'}`,
        };
      }
    },
  };
}
