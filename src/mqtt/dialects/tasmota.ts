import type { PowerAction } from '../../domain/power-switch.js';
import { isObject, isReading, type JsonObject, payloadObject, payloadText } from './payload.js';
import { bad, type Decoded, ignore, type MqttCommand, type PowerUpdate, update } from './types.js';

/**
 * Tasmota plugs with the default FullTopic `%prefix%/%topic%/` (../shared/fixtures/mqtt/tasmota.md):
 * tele/<t>/LWT, tele/<t>/STATE, tele/<t>/SENSOR, stat/<t>/POWER, stat/<t>/RESULT, stat/<t>/STATUS8;
 * command cmnd/<t>/POWER ON|OFF.
 */
export function tasmotaFilters(t: string): string[] {
  return [`tele/${t}/+`, `stat/${t}/+`];
}

export function tasmotaCommand(t: string, action: PowerAction): MqttCommand {
  return { topic: `cmnd/${t}/POWER`, payload: action === 'on' ? 'ON' : 'OFF' };
}

/** Decodes one message; null when the topic is not this plug's. */
export function decodeTasmota(t: string, topic: string, payload: Uint8Array): Decoded | null {
  const tele = `tele/${t}/`;
  const stat = `stat/${t}/`;
  let kind: string;
  if (topic.startsWith(tele)) kind = `tele/${topic.slice(tele.length)}`;
  else if (topic.startsWith(stat)) kind = `stat/${topic.slice(stat.length)}`;
  else return null;
  switch (kind) {
    case 'tele/LWT':
      return decodeLwt(payload);
    case 'stat/POWER':
    case 'stat/POWER1':
      return decodePowerText(payload);
    case 'tele/STATE':
    case 'stat/RESULT':
      return withObject(payload, relayFromObject);
    case 'tele/SENSOR':
      return withObject(payload, energyFromObject);
    case 'stat/STATUS8':
    case 'stat/STATUS10':
      return withObject(payload, (o) =>
        isObject(o.StatusSNS)
          ? energyFromObject(o.StatusSNS)
          : bad('wrong-type', 'StatusSNS is not an object'),
      );
    default:
      // INFO1, POWER_LOW, UPTIME, …: the plug's own topics, nothing we use.
      return kind.slice(5).includes('/') ? null : ignore;
  }
}

function decodeLwt(payload: Uint8Array): Decoded {
  const text = payloadText(payload);
  if (!text.ok) return text.bad;
  const v = text.value.toLowerCase();
  if (v === 'online') return update({ online: true });
  if (v === 'offline') return update({ online: false });
  return bad('bad-value', 'LWT is neither Online nor Offline');
}

function decodePowerText(payload: Uint8Array): Decoded {
  const text = payloadText(payload);
  if (!text.ok) return text.bad;
  const relay = relayWord(text.value);
  return relay ? update({ relay }) : bad('bad-value', 'POWER is neither ON nor OFF');
}

function relayWord(v: unknown): 'on' | 'off' | null {
  if (typeof v !== 'string') return null;
  const w = v.toUpperCase();
  return w === 'ON' ? 'on' : w === 'OFF' ? 'off' : null;
}

function withObject(payload: Uint8Array, fn: (o: JsonObject) => Decoded): Decoded {
  const parsed = payloadObject(payload);
  return parsed.ok ? fn(parsed.value) : parsed.bad;
}

/** STATE and RESULT carry "POWER" (single relay) or "POWER1" (first of several). */
function relayFromObject(o: JsonObject): Decoded {
  const raw = 'POWER' in o ? o.POWER : o.POWER1;
  if (raw === undefined) return update({});
  const relay = relayWord(raw);
  return relay ? update({ relay }) : bad('wrong-type', 'POWER is neither "ON" nor "OFF"');
}

/** SENSOR / StatusSNS: ENERGY.Power (W) and ENERGY.Total (kWh); no ENERGY (e.g. a DS18B20) is fine. */
function energyFromObject(o: JsonObject): Decoded {
  if (o.ENERGY === undefined) return update({});
  if (!isObject(o.ENERGY)) return bad('wrong-type', 'ENERGY is not an object');
  const e = o.ENERGY;
  const out: { watts?: number; energyKWh?: number } = {};
  if (e.Power !== undefined) {
    // Multi-channel meters give an array per channel; relay 0's channel comes first.
    const power = Array.isArray(e.Power) ? e.Power[0] : e.Power;
    if (!isReading(power)) return bad('wrong-type', 'ENERGY.Power is not a non-negative number');
    out.watts = power;
  }
  if (e.Total !== undefined) {
    if (!isReading(e.Total)) return bad('wrong-type', 'ENERGY.Total is not a non-negative number');
    out.energyKWh = e.Total;
  }
  return update(out satisfies PowerUpdate);
}
