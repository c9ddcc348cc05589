import { condition } from '../../domain/conditions.js';
import type { PowerAction } from '../../domain/power-switch.js';
import { numberText, payloadText } from './payload.js';
import { bad, type Decoded, type DeviceTopics, type MqttCommand, update } from './types.js';

/**
 * Shelly Gen1 plugs (../shared/fixtures/mqtt/shelly.md): shellies/<id>/online true|false,
 * shellies/<id>/relay/0 on | off | overpower (the plug's own overload protection cut the relay),
 * …/relay/0/power watts, …/relay/0/energy a watt-minute counter (iobroker-community-adapters/
 * ioBroker.shelly lib/devices/gen1/shellyplugs.js: CoAP "energy" in "Wmin", published ÷ 60 as Wh);
 * command …/relay/0/command on|off.
 */

/** A bare Gen1 device id (`shellyplug-s-C18B12`) gets the standard `shellies/` prefix. */
export function shelly1Prefix(topic: string): string {
  return topic.includes('/') ? topic : `shellies/${topic}`;
}

export function shelly1Filters(topic: string): string[] {
  const p = shelly1Prefix(topic);
  return [`${p}/online`, `${p}/relay/0`, `${p}/relay/0/power`, `${p}/relay/0/energy`];
}

/**
 * A Gen1 plug's own topics for the broker's access rules: the four it reports on and its answer to the
 * announce (`shellies/announce`); it listens on `relay/0/command` and the broadcast `shellies/command`
 * (../shared/fixtures/mqtt/shelly.md).
 */
export function shelly1Topics(topic: string): DeviceTopics {
  const p = shelly1Prefix(topic);
  return {
    publish: [...shelly1Filters(topic), 'shellies/announce'],
    subscribe: [`${p}/relay/0/command`, `${p}/command`, 'shellies/command'],
  };
}

export function shelly1Command(topic: string, action: PowerAction): MqttCommand {
  return { topic: `${shelly1Prefix(topic)}/relay/0/command`, payload: action };
}

/** 60 000 watt-minutes = 1 kWh. */
export const wattMinutesPerKWh = 60_000;

export function decodeShelly1(topic: string, msgTopic: string, payload: Uint8Array): Decoded | null {
  const p = `${shelly1Prefix(topic)}/`;
  if (!msgTopic.startsWith(p)) return null;
  const rest = msgTopic.slice(p.length);
  if (rest !== 'online' && rest !== 'relay/0' && rest !== 'relay/0/power' && rest !== 'relay/0/energy') {
    return null;
  }
  const text = payloadText(payload);
  if (!text.ok) return text.bad;
  const v = text.value;
  if (rest === 'online') return onlineWord(v);
  if (rest === 'relay/0') {
    // The relay coming on again (someone restored the power) ends an overload; "off" says nothing about it.
    if (v === 'on') return update({ relay: 'on', conditions: [] });
    if (v === 'off') return update({ relay: 'off' });
    if (v === 'overpower') {
      return update({ relay: 'off', conditions: [condition('plug-overload', 'overpower')] });
    }
    return bad('bad-value', 'relay/0 is neither on, off nor overpower');
  }
  const n = numberText(v);
  if (n === null || n < 0) return bad('bad-value', `${rest} is not a non-negative number`);
  return rest === 'relay/0/power' ? update({ watts: n }) : update({ energyKWh: n / wattMinutesPerKWh });
}

export function onlineWord(v: string): Decoded {
  if (v === 'true') return update({ online: true });
  if (v === 'false') return update({ online: false });
  return bad('bad-value', 'online is neither true nor false');
}
