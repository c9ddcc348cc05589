import { type Condition, condition } from '../../domain/conditions.js';
import type { PowerAction } from '../../domain/power-switch.js';
import { isObject, isReading, type JsonObject, payloadObject, payloadText } from './payload.js';
import { onlineWord } from './shelly-gen1.js';
import {
  bad,
  type Decoded,
  type DeviceTopics,
  ignore,
  type MqttCommand,
  type PowerUpdate,
  update,
} from './types.js';

/**
 * Shelly Gen2+ (Plus / Pro / Gen3) plugs (../shared/fixtures/mqtt/shelly.md):
 * - `<prefix>/online` true|false; `<prefix>/status/switch:0` only when status_ntf is on (off by default);
 * - `<prefix>/events/rpc`: NotifyStatus (deltas) and NotifyFullStatus (the whole status), frames
 *   `{"src":…,"dst":…,"method":…,"params":{"ts":…,"switch:0":{…}}}` (shelly-api-docs gen2/General/Notifications);
 * - RPC over `<prefix>/rpc`: request `{"id","src","method","params"}` (gen2/General/RPCProtocol), the
 *   reply published on `<src>/rpc` (Shelly OS is Mongoose OS: cesanta/mongoose-os issue #291, "it actually
 *   sends the response to the {src}/rpc topic"; the maintainers kept the code and fixed the docs).
 * zoneops asks each plug Switch.GetStatus on every connect (a plug with status_ntf off would otherwise stay
 * unknown after a restart of zoneops) and whenever the plug comes online; replies to ids it never sent
 * are refused.
 *
 * Switch status (gen2/Components/FunctionalComponents/Switch): `output` bool, `apower` W,
 * `aenergy.total` Wh, `errors` [overtemp, overpower, overvoltage] when present.
 */
export interface Shelly2RoutePart {
  readonly filters: string[];
  /** The plug's own topics, for the broker's access rules: what it reports on, its replies; its rpc topic. */
  readonly topics: DeviceTopics;
  decode(topic: string, payload: Uint8Array): Decoded | null;
  command(action: PowerAction): MqttCommand;
  stateQuery(): MqttCommand;
}

const maxPending = 64;

/** `src` names the reply topic `<src>/rpc`, so it must be one plain topic level. */
export function rpcSource(clientId: string, deviceId: string): string {
  return `${clientId}_${deviceId}`.replace(/[^\w.:-]/g, '_');
}

export function shelly2Route(prefix: string, src: string): Shelly2RoutePart {
  const replies = `${src}/rpc`;
  const pending = new Map<number, string>();
  let nextId = 1;
  const request = (method: string, params: JsonObject): MqttCommand => {
    const id = nextId++;
    pending.set(id, method);
    if (pending.size > maxPending) pending.delete(pending.keys().next().value as number);
    return { topic: `${prefix}/rpc`, payload: JSON.stringify({ id, src, method, params }) };
  };
  return {
    filters: [`${prefix}/online`, `${prefix}/status/switch:0`, `${prefix}/events/rpc`, replies],
    topics: {
      publish: [`${prefix}/online`, `${prefix}/status/+`, `${prefix}/events/rpc`, replies],
      subscribe: [`${prefix}/rpc`],
    },
    decode(topic, payload) {
      if (topic === `${prefix}/online`) {
        const text = payloadText(payload);
        return text.ok ? onlineWord(text.value) : text.bad;
      }
      if (topic === `${prefix}/status/switch:0`) return withObject(payload, (o) => switchStatus(o, true));
      if (topic === `${prefix}/events/rpc`) return withObject(payload, notification);
      if (topic === replies) return withObject(payload, (o) => reply(o, pending, src));
      return null;
    },
    command: (action) => request('Switch.Set', { id: 0, on: action === 'on' }),
    stateQuery: () => request('Switch.GetStatus', { id: 0 }),
  };
}

function withObject(payload: Uint8Array, fn: (o: JsonObject) => Decoded): Decoded {
  const parsed = payloadObject(payload);
  return parsed.ok ? fn(parsed.value) : parsed.bad;
}

function notification(o: JsonObject): Decoded {
  if (o.method !== 'NotifyStatus' && o.method !== 'NotifyFullStatus') return ignore;
  if (!isObject(o.params)) return bad('wrong-type', `${o.method} params is not an object`);
  const sw = o.params['switch:0'];
  if (sw === undefined) return ignore;
  return isObject(sw)
    ? switchStatus(sw, o.method === 'NotifyFullStatus')
    : bad('wrong-type', 'switch:0 is not an object');
}

function reply(o: JsonObject, pending: Map<number, string>, src: string): Decoded {
  const id = o.id;
  const method = typeof id === 'number' ? pending.get(id) : undefined;
  if (method === undefined || (o.dst !== undefined && o.dst !== src)) {
    return bad('unknown-rpc', `reply to RPC id ${JSON.stringify(id)} that zoneops did not send`);
  }
  pending.delete(id as number);
  if (o.error !== undefined) {
    const e = isObject(o.error) ? o.error : {};
    return bad(
      'bad-value',
      `${method} failed: ${String(e.code ?? '?')} ${String(e.message ?? '').slice(0, 80)}`,
    );
  }
  if (!isObject(o.result)) return bad('wrong-type', `${method} reply has no result object`);
  if (method === 'Switch.GetStatus') return switchStatus(o.result, true);
  if (method === 'Shelly.GetStatus') {
    const sw = o.result['switch:0'];
    return isObject(sw) ? switchStatus(sw, true) : bad('wrong-type', 'Shelly.GetStatus has no switch:0');
  }
  // Switch.Set answers {"was_on": …}: the state before, not after; the relay's state comes with the status.
  return ignore;
}

const errorConditions: Readonly<Record<string, Condition>> = {
  overpower: condition('plug-overload', 'overpower'),
};

/** overpower is an overload; overtemp, overvoltage, … are kept verbatim as warnings. */
function errorCondition(e: string): Condition {
  const known = errorConditions[e];
  if (known) return known;
  return { name: `mqtt:shelly-${e.replace(/[^a-z0-9._-]/gi, '').slice(0, 40)}`, severity: 'warning' };
}

/**
 * A full status must carry `output`; a NotifyStatus delta may omit any field. Overload: an `errors`
 * list replaces the conditions; a full status without errors, or the relay coming on again, clears them.
 */
function switchStatus(o: JsonObject, full: boolean): Decoded {
  const out: { -readonly [K in keyof PowerUpdate]: PowerUpdate[K] } = {};
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
  if (o.errors !== undefined) {
    if (!Array.isArray(o.errors) || !o.errors.every((e) => typeof e === 'string')) {
      return bad('wrong-type', 'switch:0 errors is not a list of words');
    }
    out.conditions = (o.errors as string[]).slice(0, 8).map(errorCondition);
  } else if (full || out.relay === 'on') {
    out.conditions = [];
  }
  return update(out);
}
