import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { Observation, Supply } from '../../../src/domain/observation.js';
import { createDeviceMetrics } from '../../../src/metrics/device-metrics.js';

/**
 * The per-device families are kept as ready exposition text (Prometheus text format 0.0.4: one
 * `name{labels} value` line per series, label values with `\`, `"` and line feed escaped), each observation
 * re-rendering only its own device's lines. What a scrape shows must be what the device said last — a
 * condition that cleared reads 0, a supply whose level became unknown is gone — and another device's
 * lines stay as they were.
 */

const toner = (percent: number | null): Supply => ({
  index: 1,
  description: 'Black Toner',
  type: 'toner',
  color: 'black',
  level: percent ?? -2,
  max: percent === null ? -2 : 100,
  percent,
  state: percent === null ? 'unknown' : 'ok',
});

const printerObs = (device: string, over: Partial<Observation> = {}, supply = toner(40)): Observation => ({
  deviceId: device,
  source: 'snmp',
  at: Date.UTC(2026, 11, 1, 2, 0, 0),
  reachable: true,
  durationMs: 120,
  conditions: [],
  printer: {
    status: 'idle',
    queuedJobs: 2,
    supplies: [supply],
    trays: [],
    alerts: [],
    pageCount: 1234,
  },
  ...over,
});

const seriesOf = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`));

function zone() {
  const m = createDeviceMetrics(new Registry(), 'zhuoshui');
  m.setInventory([
    { id: 'copier-01', type: 'mfp' },
    { id: 'printer-02', type: 'printer' },
  ]);
  return m;
}

describe('device metrics kept as exposition text', () => {
  it('shows a printer’s conditions, supply, queue and pages with the device and site labels', () => {
    const m = zone();
    m.observe(
      { id: 'copier-01', type: 'mfp' },
      printerObs('copier-01', { conditions: [{ name: 'paper-out', severity: 'critical' }] }),
    );
    const text = m.text();
    expect(text).toContain(
      'zoneops_printer_condition{device="copier-01",condition="paper-out",site="zhuoshui"} 1\n',
    );
    expect(text).toContain(
      'zoneops_printer_condition{device="copier-01",condition="jam",site="zhuoshui"} 0\n',
    );
    expect(seriesOf(text, 'zoneops_printer_supply_level_ratio')).toEqual([
      'zoneops_printer_supply_level_ratio{device="copier-01",supply="1",type="toner",color="black",site="zhuoshui"} 0.4',
    ]);
    expect(seriesOf(text, 'zoneops_printer_queued_jobs')).toEqual([
      'zoneops_printer_queued_jobs{device="copier-01",site="zhuoshui"} 2',
    ]);
    expect(seriesOf(text, 'zoneops_printer_pages_total')).toEqual([
      'zoneops_printer_pages_total{device="copier-01",site="zhuoshui"} 1234',
    ]);
    expect(seriesOf(text, 'zoneops_device_info')).toEqual([
      'zoneops_device_info{device="copier-01",type="mfp",site="zhuoshui"} 1',
      'zoneops_device_info{device="printer-02",type="printer",site="zhuoshui"} 1',
    ]);
    // One HELP and one TYPE per family, as the text format wants.
    expect(text.match(/^# TYPE zoneops_printer_condition gauge$/gm)).toHaveLength(1);
    expect(text.match(/^# TYPE zoneops_printer_pages_total counter$/gm)).toHaveLength(1);
  });

  it('a later observation replaces the device’s lines: a cleared condition reads 0, an unknown level is gone', () => {
    const m = zone();
    const copier = { id: 'copier-01', type: 'mfp' } as const;
    m.observe(copier, printerObs('copier-01', { conditions: [{ name: 'paper-out', severity: 'critical' }] }));
    m.observe({ id: 'printer-02', type: 'printer' }, printerObs('printer-02'));
    m.observe(copier, printerObs('copier-01', {}, toner(null)));
    const text = m.text();
    expect(text).toContain(
      'zoneops_printer_condition{device="copier-01",condition="paper-out",site="zhuoshui"} 0\n',
    );
    expect(seriesOf(text, 'zoneops_printer_supply_level_ratio')).toEqual([
      'zoneops_printer_supply_level_ratio{device="printer-02",supply="1",type="toner",color="black",site="zhuoshui"} 0.4',
    ]);
    // No series twice after the re-render.
    const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(new Set(lines.map((l) => l.slice(0, l.lastIndexOf(' ')))).size).toBe(lines.length);
  });

  it('a poll without an answer sets up to 0 and keeps the last values it read', () => {
    const m = zone();
    const copier = { id: 'copier-01', type: 'mfp' } as const;
    m.observe(copier, printerObs('copier-01'));
    m.observe(copier, {
      deviceId: 'copier-01',
      source: 'snmp',
      at: Date.UTC(2026, 11, 1, 2, 1, 0),
      reachable: false,
      problem: { reason: 'timeout', message: 'no answer within 5 s' },
      conditions: [],
    });
    const text = m.text();
    expect(seriesOf(text, 'zoneops_device_up')).toEqual([
      'zoneops_device_up{device="copier-01",type="mfp",protocol="snmp",site="zhuoshui"} 0',
    ]);
    expect(seriesOf(text, 'zoneops_printer_pages_total')).toEqual([
      'zoneops_printer_pages_total{device="copier-01",site="zhuoshui"} 1234',
    ]);
    expect(seriesOf(text, 'zoneops_device_last_seen_timestamp_seconds')).toEqual([
      `zoneops_device_last_seen_timestamp_seconds{device="copier-01",type="mfp",site="zhuoshui"} ${Date.UTC(2026, 11, 1, 2, 0, 0) / 1000}`,
    ]);
  });

  it('escapes a label value with a quote, a backslash or a line feed (text format 0.0.4)', () => {
    const m = createDeviceMetrics(new Registry(), 'zhuoshui');
    m.setInventory([{ id: 'pc "a"\\b\nc', type: 'pc' }]);
    expect(seriesOf(m.text(), 'zoneops_device_info')).toEqual([
      'zoneops_device_info{device="pc \\"a\\"\\\\b\\nc",type="pc",site="zhuoshui"} 1',
    ]);
  });

  it('asks the schedule for expected-on at each scrape', () => {
    const m = zone();
    let on = true;
    m.setExpectedOnSource(() => [{ device: 'copier-01', type: 'mfp', on }]);
    expect(seriesOf(m.text(), 'zoneops_device_expected_on')).toEqual([
      'zoneops_device_expected_on{device="copier-01",type="mfp",site="zhuoshui"} 1',
    ]);
    on = false;
    expect(seriesOf(m.text(), 'zoneops_device_expected_on')).toEqual([
      'zoneops_device_expected_on{device="copier-01",type="mfp",site="zhuoshui"} 0',
    ]);
  });
});
