import { describe, expect, it } from 'vitest';
import {
  decodeShelly1,
  decodeShelly2,
  shelly1Command,
  shelly1Filters,
  shelly2Command,
  shelly2Filters,
} from '../../../src/mqtt/dialects/shelly.js';
import { shellyGen1Config, shellyGen2Config } from './fixture-messages.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('Shelly Gen1 on ../shared/fixtures/mqtt/shelly.md (third-party HA config, pastebin zWaNqRer)', () => {
  const cfg = shellyGen1Config();
  const id = 'shelly1-XXXXXX';

  it('reads the documented topics and payloads from the fixture', () => {
    expect(cfg.state_topic).toBe('shellies/shelly1-XXXXXX/relay/0');
    expect(cfg.availability_topic).toBe('shellies/shelly1-XXXXXX/online');
  });

  it('decodes relay/0 on/off and online true/false', () => {
    const state = cfg.state_topic ?? '';
    const avail = cfg.availability_topic ?? '';
    expect(decodeShelly1(id, state, enc(cfg.payload_on ?? ''))).toEqual({
      kind: 'update',
      update: { relay: 'on' },
    });
    expect(decodeShelly1(id, state, enc(cfg.payload_off ?? ''))).toEqual({
      kind: 'update',
      update: { relay: 'off' },
    });
    expect(decodeShelly1(id, avail, enc(cfg.payload_available ?? ''))).toEqual({
      kind: 'update',
      update: { online: true },
    });
    expect(decodeShelly1(id, avail, enc(cfg.payload_not_available ?? ''))).toEqual({
      kind: 'update',
      update: { online: false },
    });
  });

  it('relay/0/power is watts as a plain number string (shelly.md; no verbatim example in the fixture)', () => {
    expect(decodeShelly1(id, `shellies/${id}/relay/0/power`, enc('42.5'))).toEqual({
      kind: 'update',
      update: { watts: 42.5 },
    });
    expect(decodeShelly1(id, `shellies/${id}/relay/0/power`, enc('lots'))).toMatchObject({ kind: 'bad' });
    expect(decodeShelly1(id, `shellies/${id}/relay/0/power`, enc('-1'))).toMatchObject({ kind: 'bad' });
  });

  it('commands on the fixture command_topic with on/off; a full prefix is kept as given', () => {
    expect(shelly1Command(id, 'on')).toEqual({ topic: cfg.command_topic, payload: 'on' });
    expect(shelly1Command(`shellies/${id}`, 'off')).toEqual({ topic: cfg.command_topic, payload: 'off' });
    expect(shelly1Filters(id)).toEqual([cfg.availability_topic, cfg.state_topic, `${cfg.state_topic}/power`]);
  });

  it('rejects unknown words and ignores other topics', () => {
    expect(decodeShelly1(id, `shellies/${id}/relay/0`, enc('overpower'))).toMatchObject({ kind: 'bad' });
    expect(decodeShelly1(id, `shellies/${id}/online`, enc('1'))).toMatchObject({ kind: 'bad' });
    expect(decodeShelly1(id, `shellies/${id}/relay/1`, enc('on'))).toBeNull();
    expect(decodeShelly1(id, 'shellies/other/relay/0', enc('on'))).toBeNull();
  });
});

describe('Shelly Gen2+ on ../shared/fixtures/mqtt/shelly.md', () => {
  const cfg = shellyGen2Config();
  const prefix = 'shellyplus1-<ID>';

  it('status/switch:0 output true/false (only `output` is confirmed by the fixture configs)', () => {
    expect(cfg.state_topic).toBe(`${prefix}/status/switch:0`);
    const topic = cfg.state_topic ?? '';
    expect(decodeShelly2(prefix, topic, enc('{"id":0,"output":true}'))).toEqual({
      kind: 'update',
      update: { relay: 'on' },
    });
    expect(decodeShelly2(prefix, topic, enc('{"id":0,"output":false}'))).toEqual({
      kind: 'update',
      update: { relay: 'off' },
    });
  });

  it('apower W and aenergy.total Wh → kWh (field names UNVERIFIED in shelly.md: from memory)', () => {
    const payload =
      '{"id":0,"source":"init","output":true,"apower":8.9,"voltage":229.1,"aenergy":{"total":1520.5}}';
    expect(decodeShelly2(prefix, `${prefix}/status/switch:0`, enc(payload))).toEqual({
      kind: 'update',
      update: { relay: 'on', watts: 8.9, energyKWh: 1.5205 },
    });
  });

  it('online true/false (shellyteacher4domo pl_avail/pl_not_avail)', () => {
    expect(decodeShelly2(prefix, `${prefix}/online`, enc('true'))).toEqual({
      kind: 'update',
      update: { online: true },
    });
    expect(decodeShelly2(prefix, `${prefix}/online`, enc('false'))).toEqual({
      kind: 'update',
      update: { online: false },
    });
  });

  it('NotifyStatus on events/rpc carries switch:0 deltas (official Notifications page)', () => {
    const ntf =
      '{"src":"x","dst":"y","method":"NotifyStatus","params":{"ts":1.5,"switch:0":{"id":0,"output":false}}}';
    expect(decodeShelly2(prefix, `${prefix}/events/rpc`, enc(ntf))).toEqual({
      kind: 'update',
      update: { relay: 'off' },
    });
    const other = '{"method":"NotifyEvent","params":{"ts":1}}';
    expect(decodeShelly2(prefix, `${prefix}/events/rpc`, enc(other))).toEqual({ kind: 'ignore' });
  });

  it('Switch.Set RPC has the shape of the fixture command_on_template', () => {
    const cmd = shelly2Command(prefix, 'on', 'zoneops-demo', 7);
    expect(cmd.topic).toBe(cfg.command_topic);
    const sent = JSON.parse(cmd.payload) as Record<string, unknown>;
    const documented = JSON.parse(cfg.command_on_template ?? '{}') as Record<string, unknown>;
    expect(sent.method).toBe(documented.method);
    expect(sent.params).toEqual(documented.params);
    expect(sent).toEqual({ id: 7, src: 'zoneops-demo', method: 'Switch.Set', params: { id: 0, on: true } });
    expect(JSON.parse(shelly2Command(prefix, 'off', 's', 1).payload).params).toEqual({ id: 0, on: false });
    expect(shelly2Filters(prefix)).toEqual([
      `${prefix}/online`,
      `${prefix}/status/switch:0`,
      `${prefix}/events/rpc`,
    ]);
  });

  it('a status without a boolean output is bad, never a guessed relay', () => {
    expect(decodeShelly2(prefix, `${prefix}/status/switch:0`, enc('{"output":"on"}'))).toMatchObject({
      kind: 'bad',
    });
    expect(decodeShelly2(prefix, `${prefix}/status/switch:0`, enc('{"apower":3}'))).toMatchObject({
      kind: 'bad',
    });
    expect(decodeShelly2(prefix, `${prefix}/status/switch:0`, enc('[1,2]'))).toMatchObject({
      reason: 'wrong-type',
    });
  });
});
