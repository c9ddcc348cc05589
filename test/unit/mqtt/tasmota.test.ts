import { describe, expect, it } from 'vitest';
import { decodeTasmota, tasmotaCommand, tasmotaFilters } from '../../../src/mqtt/dialects/tasmota.js';
import { type FixtureMessage, tasmotaMessages } from './fixture-messages.js';

const enc = (s: string) => new TextEncoder().encode(s);
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

  it('multi-channel ENERGY.Power arrays use the first channel', () => {
    expect(decodeTasmota('p', 'tele/p/SENSOR', enc('{"ENERGY":{"Power":[12,40]}}'))).toEqual({
      kind: 'update',
      update: { watts: 12 },
    });
  });

  it('commands and subscriptions follow the default FullTopic (tasmota.md: cmnd/tasmota/POWER on|off)', () => {
    expect(tasmotaCommand('plug1', 'on')).toEqual({ topic: 'cmnd/plug1/POWER', payload: 'ON' });
    expect(tasmotaCommand('plug1', 'off')).toEqual({ topic: 'cmnd/plug1/POWER', payload: 'OFF' });
    expect(tasmotaFilters('plug1')).toEqual(['tele/plug1/+', 'stat/plug1/+']);
  });
});
