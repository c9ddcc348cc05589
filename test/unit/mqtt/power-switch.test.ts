import { describe, expect, it } from 'vitest';
import { defaultAgentTemplates } from '../../../src/config/sections/mqtt.js';
import { type DeviceRoute, deviceRoute } from '../../../src/mqtt/dialects/route.js';
import type { MqttCommand } from '../../../src/mqtt/dialects/types.js';
import { createOutbox } from '../../../src/mqtt/outbox.js';
import { createMqttPowerSwitch } from '../../../src/mqtt/power-switch.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { parseZone } from './config-fixture.js';

function setup(connected = true, overloaded: readonly string[] = []) {
  const config = parseZone();
  const clock = new FakeClock('2025-03-03T08:30:00+08:00');
  const routes = new Map<string, DeviceRoute>();
  for (const d of config.devices) {
    if (!d.mqtt) continue;
    const r = deviceRoute(d.id, d.mqtt, {
      site: 'demo',
      clientId: 'zoneops-demo',
      agent: defaultAgentTemplates,
    });
    if (!('problem' in r)) routes.set(d.id, r);
  }
  const sent: MqttCommand[] = [];
  const link = { connected };
  const outbox = createOutbox({ isConnected: () => link.connected, publish: (c) => sent.push(c) });
  const sw = createMqttPowerSwitch({
    devices: config.devices,
    routes,
    clock,
    outbox,
    defaultTimeoutMs: 30_000,
    ...(overloaded.length > 0
      ? {
          stateOf: (id: string) => ({
            online: true,
            relay: 'off' as const,
            overload: overloaded.includes(id),
          }),
        }
      : {}),
  });
  return { clock, sent, link, outbox, sw };
}

describe('MQTT power switch', () => {
  it('never switches on a plug that cut the power for an overload (shelly.md: relay/0 "overpower")', async () => {
    const { sent, sw } = setup(true, ['plug-s1']);
    await expect(sw.switch('plug-s1', 'on')).resolves.toEqual({
      ok: false,
      reason: 'rejected',
      message:
        'plug "plug-s1" cut the power for an overload: check the device, then switch it on at the plug',
    });
    expect(sent).toEqual([]);
    // switching it off is still allowed
    void sw.switch('plug-s1', 'off');
    expect(sent).toEqual([{ topic: 'shellies/shellyplug-s-C18B12/relay/0/command', payload: 'off' }]);
  });

  it('switches a copier through its Tasmota plug and resolves on the plug’s stat POWER', async () => {
    const { clock, sent, sw } = setup();
    const result = sw.switch('copier-1', 'on');
    expect(sent).toEqual([{ topic: 'cmnd/plug_copier/POWER', payload: 'ON' }]);
    await clock.advance(500);
    sw.observe('plug-copier', { watts: 300 });
    sw.observe('plug-copier', { relay: 'on' });
    await expect(result).resolves.toEqual({ ok: true, confirmedAt: clock.now() });
  });

  it('does not take the opposite state or another device’s state as confirmation, then times out clearly', async () => {
    const { clock, sw } = setup();
    const result = sw.switch('plug-s1', 'off');
    sw.observe('plug-s1', { relay: 'on' });
    sw.observe('plug-s2', { relay: 'off' });
    await clock.advance(30_000);
    await expect(result).resolves.toEqual({
      ok: false,
      reason: 'timeout',
      message: '"plug-s1" did not report relay off within 30 s of the command',
    });
  });

  it('sends an agent PC a shutdown for off and waits for it to go offline; on is unsupported', async () => {
    const { sent, sw } = setup();
    const off = sw.switch('pc-01', 'off');
    expect(sent).toEqual([{ topic: 'homeassistant/switch/OFFICE-PC01/shutdown/set', payload: 'ON' }]);
    sw.observe('pc-01', { online: false });
    await expect(off).resolves.toMatchObject({ ok: true });
    await expect(sw.switch('pc-01', 'on')).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('Shelly Gen2 gets a Switch.Set RPC', async () => {
    const { sent, sw } = setup();
    const p = sw.switch('plug-s2', 'on');
    expect(sent[0]?.topic).toBe('shellyplusplugs-abc/rpc');
    expect(JSON.parse(sent[0]?.payload ?? '{}')).toMatchObject({
      method: 'Switch.Set',
      params: { id: 0, on: true },
    });
    sw.observe('plug-s2', { relay: 'on' });
    await expect(p).resolves.toMatchObject({ ok: true });
  });

  it('unknown or non-MQTT devices are unsupported, with the reason', async () => {
    const { sw, sent } = setup();
    await expect(sw.switch('nope', 'on')).resolves.toEqual({
      ok: false,
      reason: 'unsupported',
      message: 'unknown device "nope"',
    });
    await expect(sw.switch('printer-1', 'on')).resolves.toEqual({
      ok: false,
      reason: 'unsupported',
      message: '"printer-1" is switched by power.method none, not over MQTT',
    });
    await expect(sw.switch('kiosk-1', 'off')).resolves.toMatchObject({ reason: 'unsupported' });
    expect(sent).toEqual([]);
  });

  it('a command issued while disconnected is sent once on reconnect, then confirmed', async () => {
    const { clock, sent, link, outbox, sw } = setup(false);
    const p = sw.switch('copier-1', 'off');
    // A confirmation-looking message before the command went out proves nothing.
    sw.observe('plug-copier', { relay: 'off' });
    await clock.advance(5000);
    expect(sent).toEqual([]);
    link.connected = true;
    outbox.flush();
    outbox.flush();
    expect(sent).toEqual([{ topic: 'cmnd/plug_copier/POWER', payload: 'OFF' }]);
    sw.observe('plug-copier', { relay: 'off' });
    await expect(p).resolves.toMatchObject({ ok: true });
  });

  it('a command still unsent at its deadline is reported not-connected and never sent later', async () => {
    const { clock, sent, link, outbox, sw } = setup(false);
    const p = sw.switch('copier-1', 'on', { timeoutMs: 10_000 });
    await clock.advance(10_000);
    await expect(p).resolves.toEqual({
      ok: false,
      reason: 'not-connected',
      message:
        'MQTT broker not reachable for 10 s: command cmnd/plug_copier/POWER for "copier-1" via plug "plug-copier" was not sent and will not be sent later',
    });
    link.connected = true;
    outbox.flush();
    expect(sent).toEqual([]);
  });

  it('close() fails waiting commands instead of leaving them hanging', async () => {
    const { sw } = setup(false);
    const p = sw.switch('plug-s1', 'on');
    sw.close();
    await expect(p).resolves.toEqual({
      ok: false,
      reason: 'not-connected',
      message: 'zoneops is stopping (the command was not sent)',
    });
  });
});
