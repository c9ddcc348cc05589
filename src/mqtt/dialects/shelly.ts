import type { PowerAction } from '../../domain/power-switch.js';
import { isObject, isReading, type JsonObject, numberText, payloadObject, payloadText } from './payload.js';
import { bad, type Decoded, ignore, type MqttCommand, update } from './types.js';

/**
 * Shelly plugs (../shared/fixtures/mqtt/shelly.md).
 * Gen1: shellies/<id>/online true|false, shellies/<id>/relay/0 on|off, …/relay/0/power watts;
 *       command …/relay/0/command on|off.
 * Gen2+: <prefix>/online true|false, <prefix>/status/switch:0 (Switch.GetStatus JSON),
 *       <prefix>/events/rpc (NotifyStatus); command: RPC Switch.Set on <prefix>/rpc.
 */

/** A bare Gen1 device id (`shellyplug-s-C18B12`) gets the standard `shellies/` prefix. */
function shelly1Prefix(topic: string): string {
  return topic.includes('/') ? topic : `shellies/${topic}`;
}

export function shelly1Filters(topic: string): string[] {
  const p = shelly1Prefix(topic);
  return [`${p}/online`, `${p}/relay/0`, `${p}/relay/0/power`];
}

export function shelly1Command(topic: string, action: PowerAction): MqttCommand {
  return { topic: `${shelly1Prefix(topic)}/relay/0/command`, payload: action };
}

export function decodeShelly1(topic: string, msgTopic: string, payload: Uint8Array): Decoded | null {
  const p = `${shelly1Prefix(topic)}/`;
  if (!msgTopic.startsWith(p)) return null;
  const rest = msgTopic.slice(p.length);
  if (rest !== 'online' && rest !== 'relay/0' && rest !== 'relay/0/power') return null;
  const text = payloadText(payload);
  if (!text.ok) return text.bad;
  const v = text.value;
  if (rest === 'online') return onlineWord(v);
  if (rest === 'relay/0') {
    return v === 'on' || v === 'off'
      ? update({ relay: v })
      : bad('bad-value', 'relay/0 is neither on nor off');
  }
  const watts = numberText(v);
  return watts !== null && watts >= 0
    ? update({ watts })
    : bad('bad-value', 'relay/0/power is not a non-negative number');
}

function onlineWord(v: string): Decoded {
  if (v === 'true') return update({ online: true });
  if (v === 'false') return update({ online: false });
  return bad('bad-value', 'online is neither true nor false');
}

export function shelly2Filters(prefix: string): string[] {
  return [`${prefix}/online`, `${prefix}/status/switch:0`, `${prefix}/events/rpc`];
}

/** `src` names where the device sends its reply (`<src>/rpc`); zoneops does not need the reply. */
export function shelly2Command(prefix: string, action: PowerAction, src: string, id: number): MqttCommand {
  return {
    topic: `${prefix}/rpc`,
    payload: JSON.stringify({ id, src, method: 'Switch.Set', params: { id: 0, on: action === 'on' } }),
  };
}

export function decodeShelly2(prefix: string, msgTopic: string, payload: Uint8Array): Decoded | null {
  if (msgTopic === `${prefix}/online`) {
    const text = payloadText(payload);
    return text.ok ? onlineWord(text.value) : text.bad;
  }
  if (msgTopic === `${prefix}/status/switch:0`) {
    const parsed = payloadObject(payload);
    return parsed.ok ? switchStatus(parsed.value, true) : parsed.bad;
  }
  if (msgTopic === `${prefix}/events/rpc`) {
    const parsed = payloadObject(payload);
    if (!parsed.ok) return parsed.bad;
    const o = parsed.value;
    if (o.method !== 'NotifyStatus') return ignore;
    if (!isObject(o.params)) return bad('wrong-type', 'NotifyStatus params is not an object');
    const sw = o.params['switch:0'];
    if (sw === undefined) return ignore;
    return isObject(sw) ? switchStatus(sw, false) : bad('wrong-type', 'switch:0 is not an object');
  }
  return null;
}

/**
 * Switch.GetStatus: `output` (bool), on metering devices `apower` (W) and `aenergy.total` (Wh).
 * A full status must carry `output`; a NotifyStatus delta may omit any field.
 */
function switchStatus(o: JsonObject, full: boolean): Decoded {
  const out: { relay?: 'on' | 'off'; watts?: number; energyKWh?: number } = {};
  if (typeof o.output === 'boolean') out.relay = o.output ? 'on' : 'off';
  else if (full || o.output !== undefined) return bad('wrong-type', 'switch:0 output is not true/false');
  if (o.apower !== undefined) {
    if (!isReading(o.apower)) return bad('wrong-type', 'switch:0 apower is not a non-negative number');
    out.watts = o.apower;
  }
  if (o.aenergy !== undefined) {
    const total = isObject(o.aenergy) ? o.aenergy.total : undefined;
    if (!isReading(total)) return bad('wrong-type', 'switch:0 aenergy.total is not a non-negative number');
    out.energyKWh = total / 1000;
  }
  return update(out);
}
