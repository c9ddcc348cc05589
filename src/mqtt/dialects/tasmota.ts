import { defaultTasmotaOptions, type TasmotaOptions } from '../../config/sections/mqtt-device.js';
import type { PowerAction } from '../../domain/power-switch.js';
import { isObject, isReading, type JsonObject, payloadObject, payloadText } from './payload.js';
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
 * Tasmota plugs (../shared/fixtures/mqtt/tasmota.md; tasmota/docs docs/MQTT.md "FullTopic"):
 * topics are the FullTopic with %prefix% (cmnd / stat / tele, or the device's Prefix1..3) and %topic%
 * replaced, e.g. `tele/<t>/LWT` with the default `%prefix%/%topic%/` or `<t>/tele/LWT` with
 * `%topic%/%prefix%/`; LWT, STATE, SENSOR, POWER<n>, RESULT, STATUS8/10; command `POWER<n> ON|OFF`
 * (relay 1 is `POWER`, others `POWER<n>`, docs/API.md `{"POWER2":"ON"}`). POWER words are the
 * device's StateText1/2 (OFF/ON by default, docs/Commands.md). ENERGY.Total is kWh, a number or, with
 * SetOption129, one per channel (arendst/Tasmota issue #17579: `"Total":[2.092,243.196,191.497]`).
 */
export interface TasmotaRoutePart {
  readonly filters: string[];
  /** The plug's own topics, for the broker's access rules (src/mqtt/acl.ts). */
  readonly topics: DeviceTopics;
  decode(topic: string, payload: Uint8Array): Decoded | null;
  command(action: PowerAction): MqttCommand;
  stateQuery(): MqttCommand;
}

export function tasmotaTopic(o: TasmotaOptions, prefix: 'cmnd' | 'stat' | 'tele', t: string): string {
  return o.fullTopic.replaceAll('%prefix%', o.prefixes[prefix]).replaceAll('%topic%', t);
}

export function tasmotaRoute(t: string, o: TasmotaOptions = defaultTasmotaOptions): TasmotaRoutePart {
  const tele = tasmotaTopic(o, 'tele', t);
  const stat = tasmotaTopic(o, 'stat', t);
  const power = o.relay === 1 ? 'POWER' : `POWER${o.relay}`;
  const powerKeys = o.relay === 1 ? ['POWER', 'POWER1'] : [power];
  const commandTopic = `${tasmotaTopic(o, 'cmnd', t)}${power}`;
  const word = (v: unknown): 'on' | 'off' | null => {
    if (typeof v !== 'string') return null;
    const w = v.trim().toUpperCase();
    if (w === o.stateText.on.toUpperCase() || w === 'ON') return 'on';
    if (w === o.stateText.off.toUpperCase() || w === 'OFF') return 'off';
    return null;
  };
  const relayFrom = (obj: JsonObject): Decoded => {
    const key = powerKeys.find((k) => k in obj);
    if (key === undefined) return update({});
    const relay = word(obj[key]);
    return relay
      ? update({ relay })
      : bad('wrong-type', `${key} is neither "${o.stateText.on}" nor "${o.stateText.off}"`);
  };
  return {
    filters: [`${tele}+`, `${stat}+`],
    // It publishes its tele/ and stat/ topics and listens on its cmnd/ ones and the group topic
    // `tasmotas` (../shared/fixtures/mqtt/tasmota.md, INFO1's GroupTopic). Since Tasmota 9 it announces
    // itself, retained, on tasmota/discovery/<MAC>/config and …/sensors (arendst/Tasmota discussion
    // #21424: "the discovery payloads are even retained"); the MAC is not in the register, so any plug may
    // write there — zoneops never reads it.
    topics: {
      publish: [`${tele}+`, `${stat}+`, 'tasmota/discovery/+/config', 'tasmota/discovery/+/sensors'],
      subscribe: [`${tasmotaTopic(o, 'cmnd', t)}#`, `${tasmotaTopic(o, 'cmnd', 'tasmotas')}#`],
    },
    decode(topic, payload) {
      let kind: string;
      if (topic.startsWith(tele)) kind = `tele/${topic.slice(tele.length)}`;
      else if (topic.startsWith(stat)) kind = `stat/${topic.slice(stat.length)}`;
      else return null;
      if (kind === 'tele/LWT') return decodeLwt(payload);
      if (kind.startsWith('stat/') && powerKeys.includes(kind.slice(5))) {
        const text = payloadText(payload);
        if (!text.ok) return text.bad;
        const relay = word(text.value);
        return relay
          ? update({ relay })
          : bad('bad-value', `${power} is neither ${o.stateText.on} nor ${o.stateText.off}`);
      }
      switch (kind) {
        case 'tele/STATE':
        case 'stat/RESULT':
          return withObject(payload, relayFrom);
        case 'tele/SENSOR':
          return withObject(payload, (obj) => energyFrom(obj, o));
        case 'stat/STATUS8':
        case 'stat/STATUS10':
          return withObject(payload, (obj) =>
            isObject(obj.StatusSNS)
              ? energyFrom(obj.StatusSNS, o)
              : bad('wrong-type', 'StatusSNS is not an object'),
          );
        default:
          // INFO1, POWER_LOW, other relays' POWER<n>, …: the plug's own topics, nothing we use.
          return kind.slice(5).includes('/') ? null : ignore;
      }
    },
    command: (action) => ({ topic: commandTopic, payload: action === 'on' ? 'ON' : 'OFF' }),
    // An empty POWER command is Tasmota's status query: it answers stat/…/POWER at once, instead of
    // zoneops knowing the relay only at the next telemetry period (300 s by default).
    stateQuery: () => ({ topic: commandTopic, payload: '' }),
  };
}

function decodeLwt(payload: Uint8Array): Decoded {
  const text = payloadText(payload);
  if (!text.ok) return text.bad;
  const v = text.value.toLowerCase();
  if (v === 'online') return update({ online: true });
  if (v === 'offline') return update({ online: false });
  return bad('bad-value', 'LWT is neither Online nor Offline');
}

function withObject(payload: Uint8Array, fn: (o: JsonObject) => Decoded): Decoded {
  const parsed = payloadObject(payload);
  return parsed.ok ? fn(parsed.value) : parsed.bad;
}

/** One reading from a number or a per-channel array: their sum, or the relay's own channel. */
function channelValue(v: unknown, o: TasmotaOptions): number | null {
  if (!Array.isArray(v)) return isReading(v) ? v : null;
  if (v.length === 0 || !v.every(isReading)) return null;
  if (o.energy === 'channel') return (v[o.relay - 1] as number | undefined) ?? null;
  return v.reduce((a: number, b: number) => a + b, 0);
}

/** SENSOR / StatusSNS: ENERGY.Power (W) and ENERGY.Total (kWh); no ENERGY (e.g. a DS18B20) is fine. */
function energyFrom(obj: JsonObject, o: TasmotaOptions): Decoded {
  if (obj.ENERGY === undefined) return update({});
  if (!isObject(obj.ENERGY)) return bad('wrong-type', 'ENERGY is not an object');
  const e = obj.ENERGY;
  const out: { watts?: number; energyKWh?: number } = {};
  if (e.Power !== undefined) {
    const watts = channelValue(e.Power, o);
    if (watts === null)
      return bad('wrong-type', 'ENERGY.Power is not a non-negative number (or one per channel)');
    out.watts = watts;
  }
  if (e.Total !== undefined) {
    const total = channelValue(e.Total, o);
    if (total === null)
      return bad('wrong-type', 'ENERGY.Total is not a non-negative number (or one per channel)');
    out.energyKWh = total;
  }
  return update(out satisfies PowerUpdate);
}
