import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.js';
import { backoffMs } from '../../../src/mqtt/backoff.js';
import { type BadMessage, createBadMessageSink, emptyStats } from '../../../src/mqtt/bad-messages.js';
import { safeUrl } from '../../../src/mqtt/connection.js';
import { matchesFilter } from '../../../src/mqtt/topic-filter.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { captureLog } from '../../helpers/log-capture.js';
import { parseZone } from './config-fixture.js';

describe('bad MQTT messages', () => {
  it('are counted every time, logged once per topic per hour, and passed to the callback', async () => {
    const clock = new FakeClock('2025-03-03T09:00:00+08:00');
    const { lines, logger } = captureLog();
    const stats = emptyStats();
    const seen: BadMessage[] = [];
    const sink = createBadMessageSink({ clock, logger, stats, onBadMessage: (b) => seen.push(b) });
    const bad = { topic: 'tele/p/STATE', reason: 'not-json', detail: 'x' } as const;
    sink(bad);
    sink(bad);
    sink({ ...bad, topic: 'tele/q/STATE' });
    expect(stats.bad['not-json']).toBe(3);
    expect(seen).toHaveLength(3);
    expect(lines.map((l) => l.topic)).toEqual(['tele/p/STATE', 'tele/q/STATE']);
    await clock.advance(3_599_000);
    sink(bad);
    expect(lines).toHaveLength(2);
    await clock.advance(1000);
    sink(bad);
    expect(lines).toHaveLength(3);
  });
});

describe('mqtt config section', () => {
  it('defaults to the embedded broker on 127.0.0.1:1883 with HASS.Agent templates', () => {
    const c = parseZone();
    expect(c.mqtt).toMatchObject({
      embedded: { listen: { host: '127.0.0.1', port: 1883 } },
      commandTimeoutSeconds: 30,
      // HASS.Agent's default entity type is a Switch (hass-agent.md "Correction and additions")
      agent: {
        availabilityTopic: 'homeassistant/sensor/{topic}/availability',
        shutdownTopic: 'homeassistant/switch/{topic}/shutdown/set',
        shutdownPayload: 'ON',
        discoveryPrefix: 'homeassistant',
      },
    });
    expect(c.mqtt.url).toBeUndefined();
  });

  it('takes an external broker with a secret password that never prints', () => {
    const c = parseZone({
      mqtt: { url: 'mqtts://127.0.0.1:8883', username: 'zoneops', password: 's3cret', tls: {} },
    });
    expect(c.mqtt.url).toBe('mqtts://127.0.0.1:8883');
    expect(c.mqtt.password?.reveal()).toBe('s3cret');
    expect(JSON.stringify(c.mqtt)).not.toContain('s3cret');
    expect(safeUrl('mqtt://u:pw@127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
  });

  it('names the problem in a bad section', () => {
    const parse = (mqtt: unknown) =>
      configSchema({ env: {}, readFile: () => '' }).safeParse({
        site: 'demo',
        siteName: 'x',
        officeHours: { seasons: [{ name: 'a', from: '01-01', periods: ['09:00-17:00'] }] },
        mqtt,
      });
    const messages = (mqtt: unknown) => {
      const r = parse(mqtt);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ url: 'http://127.0.0.1' })).toEqual([
      'mqtt.url: expected an mqtt:// or mqtts:// URL, got "http://127.0.0.1"',
    ]);
    expect(messages({ username: 'u' })).toEqual(['mqtt.password: username and password go together']);
    expect(messages({ agent: { shutdownTopic: 'pc/shutdown' } })).toEqual([
      'mqtt.agent.shutdownTopic: expected a template containing {topic}, got "pc/shutdown"',
    ]);
    expect(messages({ tls: {} })).toEqual(['mqtt.tls: only used with url (an external broker)']);
  });
});

describe('small pure helpers', () => {
  it('back-off doubles from the minimum and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((a) => backoffMs(a, 1000, 30_000))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('topic filters match like a broker', () => {
    expect(matchesFilter('a/+/c', 'a/b/c')).toBe(true);
    expect(matchesFilter('a/+/c', 'a/b/c/d')).toBe(false);
    expect(matchesFilter('a/#', 'a/b/c')).toBe(true);
    expect(matchesFilter('zoneops/demo/devices/+/telemetry', 'zoneops/demo/devices/x/status')).toBe(false);
  });
});
