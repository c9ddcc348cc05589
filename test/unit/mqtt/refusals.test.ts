import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createRefusalCounter, createRefusalLog } from '../../../src/mqtt/refusals.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { captureLog } from '../../helpers/log-capture.js';

describe('refusals of the embedded broker', () => {
  it('are counted every time but logged at most once a minute per reason and address, with what was left out', async () => {
    const clock = new FakeClock('2025-03-03T09:00:00+08:00');
    const { lines, logger } = captureLog();
    const registry = new Registry();
    const count = createRefusalCounter(registry);
    const report = createRefusalLog({ clock, logger, onRefused: count });
    // A hostile client hammering with no credentials: 500 refusals in one minute.
    for (let i = 0; i < 500; i++) report({ reason: 'no-credentials', address: '127.0.0.9' });
    // Another address and another reason each get their own first line.
    report({ reason: 'no-credentials', address: '127.0.0.10' });
    report({ reason: 'bad-credentials', address: '127.0.0.9', username: 'plug-a' });
    expect(lines.map((l) => [l.reason, l.address])).toEqual([
      ['no-credentials', '127.0.0.9'],
      ['no-credentials', '127.0.0.10'],
      ['bad-credentials', '127.0.0.9'],
    ]);
    await clock.advance(60_000);
    report({ reason: 'no-credentials', address: '127.0.0.9' });
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ reason: 'no-credentials', suppressedSinceLastLine: 499 });
    const text = await registry.metrics();
    expect(text).toContain('zoneops_mqtt_refused_total{reason="no-credentials"} 502');
    expect(text).toContain('zoneops_mqtt_refused_total{reason="bad-credentials"} 1');
    // Every reason is exported from the start, at 0, so a dashboard sees the series before the first refusal.
    expect(text).toContain('zoneops_mqtt_refused_total{reason="retained-limit"} 0');
    // No password field is ever logged.
    expect(JSON.stringify(lines)).not.toMatch(/password/i);
  });

  it('a flood from many addresses cannot grow the memory of who was logged without bound', () => {
    const clock = new FakeClock('2025-03-03T09:00:00+08:00');
    const { lines, logger } = captureLog();
    const report = createRefusalLog({ clock, logger });
    for (let i = 0; i < 5000; i++)
      report({ reason: 'no-credentials', address: `127.1.${i >> 8}.${i & 255}` });
    // 1000 addresses remembered (src/mqtt/refusals.ts maxRemembered); the rest are counted, not logged.
    expect(lines).toHaveLength(1000);
  });
});
