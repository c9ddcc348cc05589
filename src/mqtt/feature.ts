import { Counter } from 'prom-client';
import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import type { HygieneFeature } from '../hygiene/feature.js';
import type { PowerFeature } from '../power/feature.js';
import { createMqttLink, type MqttLink } from './link.js';
import { createRefusalCounter } from './refusals.js';

/**
 * MQTT: plugs and PC agents in (observations into the hub), power commands out (the power feature's
 * switch), each device's status retained on `zoneops/<site>/devices/<id>/status` when it changes
 * (from the status tracker's `device-status` events), the hygiene buttons, and `type: mqtt` notifiers.
 * Runs only when a device has an `mqtt` section, a hygiene button is configured or an external broker is.
 */
export function mqttFeature(zone: Zone, parts: { power: PowerFeature; hygiene: HygieneFeature }): Component {
  const { config, clock } = zone;
  const bad = new Counter({
    name: 'zoneops_mqtt_bad_messages_total',
    help: 'MQTT messages refused (too large, not UTF-8, not JSON, wrong type, bad value, unknown topic, a forged discovery config, an RPC reply nobody asked for).',
    labelNames: ['reason'],
    registers: [zone.registry],
  });
  const wanted =
    config.devices.some((d) => d.mqtt) || config.hygiene.buttons.length > 0 || config.mqtt.url !== undefined;
  let link: MqttLink | undefined;
  if (wanted) {
    link = createMqttLink({
      config: config.mqtt,
      site: config.site,
      clock,
      logger: zone.child('mqtt'),
      devices: config.devices,
      onObservation: (obs) => zone.hub.submit(obs),
      onBadMessage: (b) => bad.inc({ reason: b.reason }),
      // The embedded broker's access rules include the hygiene buttons; its refusals are counted.
      embedded: { hygiene: config.hygiene, onRefused: createRefusalCounter(zone.registry) },
      extraSubscriptions: [
        {
          filter: `zoneops/${config.site}/hygiene/+/+`,
          onMessage: (topic, payload, retained) => void parts.hygiene.press(topic, payload, retained),
        },
      ],
    });
    const started = link;
    // The retained status is published when it changes, not on every poll of every device.
    const published = new Map<string, string>();
    zone.events.on('device-status', (e) => {
      const status = {
        status: e.state.status,
        since: e.state.since,
        conditions: e.conditions,
        ...(e.conditionsAsOf !== null ? { conditionsAsOf: e.conditionsAsOf } : {}),
      };
      const key = JSON.stringify(status);
      if (published.get(e.deviceId) === key) return;
      published.set(e.deviceId, key);
      started.publishStatus(e.deviceId, { ...status, at: e.at });
    });
    zone.mqttOut.publish = (topic, payload) => started.publish(topic, payload);
    parts.power.useSwitch(started.power);
  }
  return {
    name: 'mqtt',
    start: async () => link?.start(),
    stop: async () => link?.stop(),
  };
}
