import { describe, expect, it } from 'vitest';
import { decodeShelly1, shelly1Command, shelly1Filters } from '../../../src/mqtt/dialects/shelly-gen1.js';
import { shelly2Route } from '../../../src/mqtt/dialects/shelly-gen2.js';
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
      update: { relay: 'on', conditions: [] },
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
    expect(shelly1Filters(id)).toEqual([
      cfg.availability_topic,
      cfg.state_topic,
      `${cfg.state_topic}/power`,
      `${cfg.state_topic}/energy`,
    ]);
  });

  it('rejects unknown words and ignores other topics', () => {
    expect(decodeShelly1(id, `shellies/${id}/relay/0`, enc('overloaded'))).toMatchObject({ kind: 'bad' });
    expect(decodeShelly1(id, `shellies/${id}/online`, enc('1'))).toMatchObject({ kind: 'bad' });
    expect(decodeShelly1(id, `shellies/${id}/relay/1`, enc('on'))).toBeNull();
    expect(decodeShelly1(id, 'shellies/other/relay/0', enc('on'))).toBeNull();
  });
});

describe('Shelly Gen1 energy and overload (shelly.md "Additions")', () => {
  const id = 'shellyplug-s-BAR01';

  it('relay/0/energy is a watt-minute counter: 60000 = 1 kWh (shelly.md; ioBroker.shelly shellyplugs.js ÷ 60 → Wh)', () => {
    expect(decodeShelly1(id, `shellies/${id}/relay/0/energy`, enc('60000'))).toEqual({
      kind: 'update',
      update: { energyKWh: 1 },
    });
    expect(decodeShelly1(id, `shellies/${id}/relay/0/energy`, enc('-5'))).toMatchObject({ kind: 'bad' });
  });

  it('relay/0 "overpower": the relay is off and plug-overload is raised; "on" again ends it, "off" does not', () => {
    expect(decodeShelly1(id, `shellies/${id}/relay/0`, enc('overpower'))).toEqual({
      kind: 'update',
      update: {
        relay: 'off',
        conditions: [{ name: 'plug-overload', severity: 'critical', detail: 'overpower' }],
      },
    });
    expect(decodeShelly1(id, `shellies/${id}/relay/0`, enc('on'))).toEqual({
      kind: 'update',
      update: { relay: 'on', conditions: [] },
    });
    expect(decodeShelly1(id, `shellies/${id}/relay/0`, enc('off'))).toEqual({
      kind: 'update',
      update: { relay: 'off' },
    });
  });
});

describe('Shelly Gen2+ on ../shared/fixtures/mqtt/shelly.md', () => {
  const cfg = shellyGen2Config();
  const prefix = 'shellyplus1-<ID>';
  const decodeShelly2 = (_p: string, topic: string, payload: Uint8Array) =>
    shelly2Route(prefix, 'zoneops-demo_plug').decode(topic, payload);

  it('status/switch:0 output true/false (only `output` is confirmed by the fixture configs)', () => {
    expect(cfg.state_topic).toBe(`${prefix}/status/switch:0`);
    const topic = cfg.state_topic ?? '';
    expect(decodeShelly2(prefix, topic, enc('{"id":0,"output":true}'))).toEqual({
      kind: 'update',
      update: { relay: 'on', conditions: [] },
    });
    expect(decodeShelly2(prefix, topic, enc('{"id":0,"output":false}'))).toEqual({
      kind: 'update',
      update: { relay: 'off', conditions: [] },
    });
  });

  it('apower W and aenergy.total Wh → kWh (shelly.md Additions; gen2 Switch status: "total energy consumed in Watt-hours")', () => {
    const payload =
      '{"id":0,"source":"init","output":true,"apower":8.9,"voltage":229.1,"aenergy":{"total":1520.5}}';
    expect(decodeShelly2(prefix, `${prefix}/status/switch:0`, enc(payload))).toEqual({
      kind: 'update',
      update: { relay: 'on', watts: 8.9, energyKWh: 1.5205, conditions: [] },
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
    const r = shelly2Route(prefix, 'zoneops-demo_plug');
    const cmd = r.command('on');
    expect(cmd.topic).toBe(cfg.command_topic);
    const sent = JSON.parse(cmd.payload) as Record<string, unknown>;
    const documented = JSON.parse(cfg.command_on_template ?? '{}') as Record<string, unknown>;
    expect(sent.method).toBe(documented.method);
    expect(sent.params).toEqual(documented.params);
    expect(sent).toEqual({
      id: 1,
      src: 'zoneops-demo_plug',
      method: 'Switch.Set',
      params: { id: 0, on: true },
    });
    expect(JSON.parse(r.command('off').payload).params).toEqual({ id: 0, on: false });
    expect(r.filters).toEqual([
      `${prefix}/online`,
      `${prefix}/status/switch:0`,
      `${prefix}/events/rpc`,
      'zoneops-demo_plug/rpc',
    ]);
  });

  it('NotifyFullStatus carries the whole switch:0 status (shelly.md Additions)', () => {
    const full =
      '{"src":"shellyplusplugs-x","dst":"shellyplusplugs-x/events","method":"NotifyFullStatus","params":{"ts":1.5,"switch:0":{"id":0,"output":true,"apower":41.2,"aenergy":{"total":12345}}}}';
    expect(decodeShelly2(prefix, `${prefix}/events/rpc`, enc(full))).toEqual({
      kind: 'update',
      update: { relay: 'on', watts: 41.2, energyKWh: 12.345, conditions: [] },
    });
  });

  it('asks Switch.GetStatus with a src it listens on, and reads the reply on <src>/rpc (mongoose-os #291)', () => {
    const r = shelly2Route('shellyplusplugs-x', 'zoneops-demo_plug-s2');
    const q = r.stateQuery();
    expect(q.topic).toBe('shellyplusplugs-x/rpc');
    const sent = JSON.parse(q.payload) as { id: number; src: string; method: string; params: unknown };
    expect(sent).toMatchObject({
      src: 'zoneops-demo_plug-s2',
      method: 'Switch.GetStatus',
      params: { id: 0 },
    });
    const reply = {
      id: sent.id,
      src: 'shellyplusplugs-x',
      dst: 'zoneops-demo_plug-s2',
      result: { id: 0, source: 'init', output: false, apower: 0, aenergy: { total: 2500 } },
    };
    expect(r.decode('zoneops-demo_plug-s2/rpc', enc(JSON.stringify(reply)))).toEqual({
      kind: 'update',
      update: { relay: 'off', watts: 0, energyKWh: 2.5, conditions: [] },
    });
    // the same id again, or one never sent: refused
    expect(r.decode('zoneops-demo_plug-s2/rpc', enc(JSON.stringify(reply)))).toMatchObject({
      kind: 'bad',
      reason: 'unknown-rpc',
    });
    expect(r.decode('zoneops-demo_plug-s2/rpc', enc('{"id":999,"result":{}}'))).toMatchObject({
      reason: 'unknown-rpc',
    });
    const q2 = JSON.parse(r.stateQuery().payload) as { id: number };
    const error = {
      id: q2.id,
      src: 'shellyplusplugs-x',
      error: { code: -105, message: 'Argument id not found' },
    };
    expect(r.decode('zoneops-demo_plug-s2/rpc', enc(JSON.stringify(error)))).toMatchObject({
      kind: 'bad',
      reason: 'bad-value',
      detail: 'Switch.GetStatus failed: -105 Argument id not found',
    });
  });

  it('errors ["overpower"] raise plug-overload (gen2 Switch status: errors may contain overtemp, overpower, overvoltage)', () => {
    const st = '{"id":0,"output":false,"apower":0,"errors":["overpower"]}';
    expect(decodeShelly2(prefix, `${prefix}/status/switch:0`, enc(st))).toEqual({
      kind: 'update',
      update: {
        relay: 'off',
        watts: 0,
        conditions: [{ name: 'plug-overload', severity: 'critical', detail: 'overpower' }],
      },
    });
    const on = '{"src":"x","method":"NotifyStatus","params":{"ts":2,"switch:0":{"id":0,"output":true}}}';
    expect(decodeShelly2(prefix, `${prefix}/events/rpc`, enc(on))).toEqual({
      kind: 'update',
      update: { relay: 'on', conditions: [] },
    });
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
