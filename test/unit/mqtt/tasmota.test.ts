import { describe, expect, it } from 'vitest';
import { defaultTasmotaOptions, type TasmotaOptions } from '../../../src/config/sections/mqtt-device.js';
import { tasmotaRoute } from '../../../src/mqtt/dialects/tasmota.js';
import { type FixtureMessage, tasmotaMessages } from './fixture-messages.js';

const enc = (s: string) => new TextEncoder().encode(s);
const decodeTasmota = (t: string, topic: string, payload: Uint8Array, o?: Partial<TasmotaOptions>) =>
  tasmotaRoute(t, { ...defaultTasmotaOptions, ...o }).decode(topic, payload);
const route = (t: string, o: Partial<TasmotaOptions> = {}) =>
  tasmotaRoute(t, { ...defaultTasmotaOptions, ...o });
/** The plug's %topic% is the second level of tele/<t>/… and stat/<t>/…. */
const decodeFixture = (m: FixtureMessage) =>
  decodeTasmota(m.topic.split('/')[1] ?? '', m.topic, enc(m.payload));
const messages = tasmotaMessages();
const at = (line: number, topic: string, nth = 0) => {
  const found = messages.filter((m) => m.line === line && m.topic === topic)[nth];
  if (!found) throw new Error(`tasmota.md line ${line}: no message on ${topic}`);
  return decodeFixture(found);
};

describe('Tasmota decoder on ../shared/fixtures/mqtt/tasmota.md', () => {
  it('finds the documented messages in the fixture', () => {
    expect(messages.length).toBe(18);
  });

  it('decodes every fixture message (none is bad, none unmatched)', () => {
    for (const m of messages) {
      const d = decodeFixture(m);
      expect(d, `${m.file}:${m.line} ${m.topic}`).not.toBeNull();
      expect(d?.kind, `${m.file}:${m.line} ${m.topic}`).not.toBe('bad');
    }
  });

  it('LWT Offline/Online (tasmota.md lines 17, 18, 21)', () => {
    expect(at(17, 'tele/tasmota_XXXXXX/LWT')).toEqual({ kind: 'update', update: { online: false } });
    expect(at(18, 'tele/tasmota_XXXXXX/LWT')).toEqual({ kind: 'update', update: { online: true } });
    expect(at(21, 'tele/tasmota_XXXXXX/LWT')).toEqual({ kind: 'update', update: { online: true } });
  });

  it('stat RESULT and POWER (tasmota.md lines 28–37)', () => {
    expect(at(28, 'stat/tasmota_switch/RESULT')).toEqual({ kind: 'update', update: { relay: 'off' } });
    expect(at(29, 'stat/tasmota_switch/POWER')).toEqual({ kind: 'update', update: { relay: 'off' } });
    expect(at(33, 'stat/tasmota_switch/RESULT')).toEqual({ kind: 'update', update: { relay: 'on' } });
    expect(at(34, 'stat/tasmota_switch/POWER')).toEqual({ kind: 'update', update: { relay: 'on' } });
    expect(at(37, 'stat/tasmota/POWER')).toEqual({ kind: 'update', update: { relay: 'on' } });
  });

  it('multi-relay RESULT: POWER1 is relay 0, POWER2 says nothing about it (tasmota.md line 39)', () => {
    expect(at(39, 'stat/wemos2/RESULT', 0)).toEqual({ kind: 'update', update: { relay: 'off' } });
    expect(at(39, 'stat/wemos2/RESULT', 1)).toEqual({ kind: 'update', update: {} });
  });

  it('POWER_LOW and INFO1 are the plug’s topics but carry nothing we use (lines 40, 71)', () => {
    expect(at(40, 'tele/tasmota/POWER_LOW')).toEqual({ kind: 'ignore' });
    expect(at(71, 'tele/wemos2/INFO1')).toEqual({ kind: 'ignore' });
  });

  it('STATE carries the relay (tasmota.md lines 47, 51)', () => {
    expect(at(47, 'tele/demo-sensor/STATE')).toEqual({ kind: 'update', update: { relay: 'on' } });
    expect(at(51, 'tele/tasmota/STATE')).toEqual({ kind: 'update', update: { relay: 'off' } });
  });

  it('SENSOR / STATUS8 ENERGY: Power W and Total kWh (tasmota.md lines 58, 61, 67)', () => {
    expect(at(58, 'tele/pow1/SENSOR')).toEqual({ kind: 'update', update: { watts: 2635, energyKWh: 6.294 } });
    expect(at(61, 'stat/pow1/STATUS8')).toEqual({
      kind: 'update',
      update: { watts: 2629, energyKWh: 6.404 },
    });
    expect(at(67, 'tele/tasmota/SENSOR')).toEqual({ kind: 'update', update: {} });
  });

  it('ignores other plugs’ topics and deeper levels', () => {
    expect(decodeTasmota('pow1', 'tele/pow2/SENSOR', enc('{}'))).toBeNull();
    expect(decodeTasmota('pow1', 'tele/pow1/a/b', enc('{}'))).toBeNull();
    expect(decodeTasmota('pow1', 'cmnd/pow1/POWER', enc('ON'))).toBeNull();
  });

  it('rejects wrong values without guessing', () => {
    expect(decodeTasmota('p', 'stat/p/POWER', enc('TOGGLE'))).toMatchObject({
      kind: 'bad',
      reason: 'bad-value',
    });
    expect(decodeTasmota('p', 'tele/p/STATE', enc('{"POWER":1}'))).toMatchObject({
      kind: 'bad',
      reason: 'wrong-type',
    });
    expect(decodeTasmota('p', 'tele/p/SENSOR', enc('{"ENERGY":{"Power":"12"}}'))).toMatchObject({
      kind: 'bad',
      reason: 'wrong-type',
    });
    expect(decodeTasmota('p', 'tele/p/SENSOR', enc('{"ENERGY":{"Power":-3}}'))).toMatchObject({
      kind: 'bad',
    });
    expect(decodeTasmota('p', 'tele/p/SENSOR', enc('not json'))).toMatchObject({ reason: 'not-json' });
    expect(decodeTasmota('p', 'tele/p/LWT', enc('maybe'))).toMatchObject({ reason: 'bad-value' });
  });

  it('multi-channel ENERGY arrays (SetOption129): summed by default, or the relay’s own channel', () => {
    // arendst/Tasmota issue #17579: "Total":[2.092,243.196,191.497], "Power":[298,7,0]
    const sensor = enc('{"ENERGY":{"Total":[2.092,243.196,191.497],"Power":[298,7,0]}}');
    const sum = decodeTasmota('p', 'tele/p/SENSOR', sensor);
    expect(sum).toMatchObject({ kind: 'update', update: { watts: 305 } });
    expect((sum as { update: { energyKWh: number } }).update.energyKWh).toBeCloseTo(436.785, 6);
    expect(decodeTasmota('p', 'tele/p/SENSOR', sensor, { relay: 2, energy: 'channel' })).toEqual({
      kind: 'update',
      update: { watts: 7, energyKWh: 243.196 },
    });
    expect(decodeTasmota('p', 'tele/p/SENSOR', enc('{"ENERGY":{"Total":[1,"x"]}}'))).toMatchObject({
      kind: 'bad',
      reason: 'wrong-type',
    });
  });

  it('commands and subscriptions follow the default FullTopic (tasmota.md: cmnd/tasmota/POWER on|off)', () => {
    expect(route('plug1').command('on')).toEqual({ topic: 'cmnd/plug1/POWER', payload: 'ON' });
    expect(route('plug1').command('off')).toEqual({ topic: 'cmnd/plug1/POWER', payload: 'OFF' });
    expect(route('plug1').filters).toEqual(['tele/plug1/+', 'stat/plug1/+']);
    expect(route('plug1').stateQuery()).toEqual({ topic: 'cmnd/plug1/POWER', payload: '' });
  });
});

describe('Tasmota FullTopic layouts, relays and StateText (tasmota/docs docs/MQTT.md, docs/Commands.md)', () => {
  it('%topic%/%prefix%/ puts the topic first: plug1/tele/LWT, plug1/stat/POWER, plug1/cmnd/POWER', () => {
    const r = route('plug1', { fullTopic: '%topic%/%prefix%/' });
    expect(r.filters).toEqual(['plug1/tele/+', 'plug1/stat/+']);
    expect(r.decode('plug1/tele/LWT', enc('Online'))).toEqual({ kind: 'update', update: { online: true } });
    expect(r.decode('plug1/stat/POWER', enc('ON'))).toEqual({ kind: 'update', update: { relay: 'on' } });
    expect(r.command('off')).toEqual({ topic: 'plug1/cmnd/POWER', payload: 'OFF' });
    // the default layout's topics are not this plug's
    expect(r.decode('tele/plug1/LWT', enc('Online'))).toBeNull();
  });

  it('a multi-level FullTopic with custom prefixes (docs/MQTT.md: tasmota/bedroom/%topic%/%prefix%/)', () => {
    const r = route('lamp', {
      fullTopic: 'tasmota/bedroom/%topic%/%prefix%/',
      prefixes: { cmnd: 'befehl', stat: 'status', tele: 'telemetrie' },
    });
    expect(r.filters).toEqual(['tasmota/bedroom/lamp/telemetrie/+', 'tasmota/bedroom/lamp/status/+']);
    expect(r.command('on')).toEqual({ topic: 'tasmota/bedroom/lamp/befehl/POWER', payload: 'ON' });
  });

  it('relay 2 reads POWER2 and switches POWER2 (docs/API.md: stat/wemos2/RESULT = {"POWER2":"ON"})', () => {
    const r = route('wemos2', { relay: 2 });
    expect(r.decode('stat/wemos2/RESULT', enc('{"POWER2":"ON"}'))).toEqual({
      kind: 'update',
      update: { relay: 'on' },
    });
    // POWER1 is the other relay: nothing about ours
    expect(r.decode('stat/wemos2/RESULT', enc('{"POWER1":"OFF"}'))).toEqual({ kind: 'update', update: {} });
    expect(r.decode('stat/wemos2/POWER1', enc('OFF'))).toEqual({ kind: 'ignore' });
    expect(r.decode('stat/wemos2/POWER2', enc('OFF'))).toEqual({ kind: 'update', update: { relay: 'off' } });
    expect(r.command('on')).toEqual({ topic: 'cmnd/wemos2/POWER2', payload: 'ON' });
    expect(r.stateQuery()).toEqual({ topic: 'cmnd/wemos2/POWER2', payload: '' });
  });

  it('StateText words (StateText1 = off, StateText2 = on) are read as the device sends them', () => {
    const r = route('kitchen', { stateText: { off: 'AUS', on: 'EIN' } });
    expect(r.decode('stat/kitchen/POWER', enc('EIN'))).toEqual({ kind: 'update', update: { relay: 'on' } });
    expect(r.decode('tele/kitchen/STATE', enc('{"POWER":"AUS"}'))).toEqual({
      kind: 'update',
      update: { relay: 'off' },
    });
    expect(r.decode('stat/kitchen/POWER', enc('MAYBE'))).toMatchObject({ kind: 'bad', reason: 'bad-value' });
  });
});
