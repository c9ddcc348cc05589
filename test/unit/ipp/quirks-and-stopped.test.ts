import { describe, expect, it } from 'vitest';
import { detailText, renderFaultMessage } from '../../../src/domain/messages.js';
import type { Observation } from '../../../src/domain/observation.js';
import { stoppedStep } from '../../../src/domain/printer-stopped.js';
import { decodeIppMessage } from '../../../src/probes/ipp/codec.js';
import { alertText, ippQuirks } from '../../../src/probes/ipp/quirks.js';
import { readPrinterAttributes } from '../../../src/probes/ipp/reading.js';
import { reasonsToConditions, splitReason } from '../../../src/probes/ipp/reasons.js';
import { createStoppedTracker } from '../../../src/probes/ipp/stopped.js';
import { encodeIpp, kw, text } from '../../helpers/ipp-replay.js';

describe('IPP quirk table (src/probes/ipp/quirks.ts)', () => {
  it('every row says what the printer does and what zoneops does', () => {
    for (const q of ippQuirks) {
      expect(q.behaviour.length).toBeGreaterThan(40);
      expect(q.handling.length).toBeGreaterThan(20);
    }
  });

  it.each([
    // OpenPrinting/cups backend/ipp.c: "+cups-ipp-conformance-failure-report,cups-ipp-missing-send-document"
    ['cups-ipp-missing-send-document', 'report', 'info'],
    ['cups-waiting-for-job-completed', 'report', 'info'],
    ['cups-remote-pending', 'report', 'info'],
    // CUPS names a warning where it means one (scheduler/colorman.c)
    ['cups-missing-filter-warning', 'warning', 'warning'],
    // RFC 8011 §5.4.12: without a suffix everything else is an error
    ['other', 'error', 'critical'],
    ['com.example.unknown-thing', 'error', 'critical'],
  ])('%s: severity %s → %s', (raw, reasonSeverity, severity) => {
    const r = splitReason(raw);
    expect(r?.severity).toBe(reasonSeverity);
    expect(reasonsToConditions(r ? [r] : [])[0]?.severity).toBe(severity);
  });

  it.each([
    [
      'printer-alert[0] = code=jam;severity=critical;group=mediaPath',
      'code=jam;severity=critical;group=mediaPath',
    ],
    ['printer-alert[12]=code=doorOpen', 'code=doorOpen'],
    ['code=jam;severity=critical;group=mediaPath', 'code=jam;severity=critical;group=mediaPath'],
    ['none', null],
    ['', null],
    ['printer-alert[0] = none', null],
  ])('printer-alert %j → %j', (raw, out) => {
    expect(alertText(raw)).toBe(out);
  });

  it('a printer answering printer-alert "none" has no alert, not one blank one', () => {
    const msg = decodeIppMessage(
      encodeIpp({
        status: 0,
        requestId: 1,
        printer: [
          ['printer-state-reasons', kw('none')],
          ['printer-alert', [{ tag: 'octetString', value: 'none' }]],
          ['printer-alert-description', text('')],
        ],
      }),
    );
    expect(readPrinterAttributes(msg).alerts).toEqual([]);
  });
});

const obs = (at: number, status: 'stopped' | 'idle', acceptingJobs: boolean): Observation => ({
  deviceId: 'hp-01',
  source: 'ipp',
  at,
  reachable: true,
  conditions: [],
  printer: { status, acceptingJobs, queuedJobs: 0, supplies: [], trays: [], alerts: [], pageCount: null },
});

describe('printer-stopped: stopped and refusing jobs for longer than one poll', () => {
  const reasons = ['other-error', 'spool-area-full-report'];

  it('the first stopped poll only remembers when; the second raises, with the reasons', () => {
    const first = stoppedStep(null, obs(1000, 'stopped', false), reasons);
    expect(first).toEqual({ since: 1000, condition: null });
    expect(stoppedStep(first.since, obs(61_000, 'stopped', false), reasons)).toEqual({
      since: 1000,
      condition: {
        name: 'printer-stopped',
        severity: 'critical',
        detail: 'other-error, spool-area-full-report',
      },
    });
  });

  it('stopped but still accepting jobs is paused, not stopped (Canon PRISMAsync: stopped + paused, accepting true)', () => {
    expect(stoppedStep(1000, obs(61_000, 'stopped', true), ['paused-report'])).toEqual({
      since: null,
      condition: null,
    });
  });

  it('a printer that starts again clears the memory; an unreachable poll keeps it', () => {
    const track = createStoppedTracker();
    const reading = { reasons: reasons.map((r) => splitReason(r)).filter((r) => r !== null) } as never;
    expect(track(obs(1000, 'stopped', false), reading).conditions).toEqual([]);
    const silent: Observation = {
      deviceId: 'hp-01',
      source: 'ipp',
      at: 31_000,
      reachable: false,
      conditions: [],
    };
    expect(track(silent, null)).toBe(silent);
    expect(track(obs(61_000, 'stopped', false), reading).conditions.map((c) => c.name)).toEqual([
      'printer-stopped',
    ]);
    expect(track(obs(121_000, 'idle', true), reading).conditions).toEqual([]);
    expect(track(obs(181_000, 'stopped', false), reading).conditions).toEqual([]);
  });
});

describe('fault texts name the reasons in words', () => {
  it('detailText turns the reason keywords into Chinese (English on request)', () => {
    expect(detailText('printer-stopped', 'other-error, spool-area-full-report', 'zh-CN')).toBe(
      '其他错误；打印缓存空间已满',
    );
    expect(detailText('printer-stopped', 'other-error, com.hp.xyz-warning', 'en')).toBe(
      'other error; other reason (com.hp.xyz)',
    );
    // other kinds: the printer's own phrase in Chinese (issue 16: 纸盒 1 无纸, not Tray 1 empty), English kept
    expect(detailText('jam', 'Paper jam in tray 2', 'zh-CN')).toBe('纸盒 2 卡纸');
    expect(detailText('jam', 'Paper jam in tray 2', 'en')).toBe('Paper jam in tray 2');
  });

  it('a plug overload tells the attendant and the technician, and to check before power returns', () => {
    const m = renderFaultMessage(
      'initial',
      { id: 7, kind: 'plug-overload', severity: 'critical', detail: '' },
      {
        id: 'plug-03',
        name: '插座 S-03',
        location: '查阅区',
        assetNo: 'ZS-03',
        vendor: { name: '厂家' },
        serviceProvider: { name: '服务商' },
        warrantyUntil: null,
      },
      ['on-duty', 'technician'],
      { siteName: '濯水镇政务公开专区', language: 'zh-CN', today: '2026-03-02' },
    );
    expect(m.text.split('\n')[0]).toBe(
      '【濯水镇政务公开专区】插座 S-03（查阅区）插座因过载已自动断电，请值班人员到现场查看，并告知党政办技术员。请先检查所接设备有无异常，确认后再恢复供电。',
    );
  });
});
