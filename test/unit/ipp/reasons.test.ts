import { describe, expect, it } from 'vitest';
import { parseKeyValues } from '../../../src/probes/ipp/key-values.js';
import { reasonsToConditions, splitReason } from '../../../src/probes/ipp/reasons.js';

describe('printer-state-reasons', () => {
  it('splits keyword and severity; no suffix means error (RFC 8011 §5.4.12); none is nothing', () => {
    expect(splitReason('media-empty-warning')).toEqual({ keyword: 'media-empty', severity: 'warning' });
    expect(splitReason('cover-open-report')).toEqual({ keyword: 'cover-open', severity: 'report' });
    expect(splitReason('toner-empty-error')).toEqual({ keyword: 'toner-empty', severity: 'error' });
    expect(splitReason('media-jam')).toEqual({ keyword: 'media-jam', severity: 'error' });
    expect(splitReason('none')).toBeNull();
  });

  it.each([
    ['media-empty-report', 'paper-out', 'critical'],
    ['media-needed-warning', 'paper-out', 'critical'],
    ['media-low-report', 'paper-low', 'warning'],
    ['toner-empty-warning', 'toner-out', 'critical'],
    ['marker-supply-empty-report', 'toner-out', 'critical'],
    ['toner-low-report', 'toner-low', 'warning'],
    ['marker-supply-low-warning', 'toner-low', 'warning'],
    ['marker-supply-low-error', 'toner-low', 'critical'],
    ['media-jam-warning', 'jam', 'critical'],
    ['door-open-report', 'door-open', 'critical'],
    ['cover-open-warning', 'door-open', 'critical'],
    ['offline-report', 'offline', 'critical'],
    ['shutdown-error', 'offline', 'critical'],
    ['input-tray-missing-error', 'input-tray-missing', 'critical'],
    ['marker-waste-almost-full-report', 'waste-near-full', 'warning'],
    ['marker-waste-full-error', 'waste-full', 'critical'],
    ['output-area-full-warning', 'output-full', 'critical'],
    ['fuser-life-almost-over-report', 'maintenance-due', 'info'],
    ['spool-area-full-warning', 'spool-area-full', 'critical'],
    ['spool-area-full-report', 'spool-area-full', 'critical'],
    ['paused-report', 'ipp:paused', 'info'],
    ['interpreter-resource-unavailable-error', 'ipp:interpreter-resource-unavailable', 'critical'],
  ])('%s → %s (%s)', (raw, name, severity) => {
    const r = splitReason(raw);
    expect(r).not.toBeNull();
    expect(reasonsToConditions(r ? [r] : [])).toEqual([{ name, severity, detail: raw }]);
  });

  it('merges reasons with the same condition, keeping the most severe', () => {
    const reasons = ['media-empty-report', 'media-needed-error', 'toner-low-report'].map((r) =>
      splitReason(r),
    );
    expect(reasonsToConditions(reasons.filter((r) => r !== null))).toEqual([
      { name: 'paper-out', severity: 'critical', detail: 'media-empty-report, media-needed-error' },
      { name: 'toner-low', severity: 'warning', detail: 'toner-low-report' },
    ]);
  });
});

describe('key=value; strings', () => {
  it('reads escapes and keeps unknown keys (get-printer-attributes-epsonxp6000 printer-input-tray)', () => {
    const kv = parseKeyValues(
      'type=other;dimunit=micrometers;maxcapacity=-2;level=-2;status=0;name=Sheet\\ feeder\\ bin\\ 1;',
    );
    expect(Object.fromEntries(kv)).toEqual({
      type: 'other',
      dimunit: 'micrometers',
      maxcapacity: '-2',
      level: '-2',
      status: '0',
      name: 'Sheet feeder bin 1',
    });
    expect(Object.fromEntries(parseKeyValues('code=other'))).toEqual({ code: 'other' });
  });
});
