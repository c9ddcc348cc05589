import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attributesOf,
  decodeIppMessage,
  groupTags,
  IppDecodeError,
  type IppMessage,
  type IppValue,
} from '../../../src/probes/ipp/codec.js';

// Real printers' Get-Printer-Attributes answers, read in place (never copied): see SOURCES.md there.
const fixtures = join(import.meta.dirname, '../../../../shared/fixtures/ipp');
const bin = (name: string) => readFileSync(join(fixtures, name));
const binFiles = readdirSync(fixtures).filter((f) => f.endsWith('.bin'));

function value(msg: IppMessage, group: number, name: string): IppValue[] {
  return [...(attributesOf(msg, group).get(name)?.values ?? [])];
}

/** The response part of an ipptool -tv decode: `name (syntax) = values` lines after RECEIVED. */
function ipptoolLines(file: string): Array<{ name: string; syntax: string; text: string }> {
  const text = readFileSync(join(fixtures, file), 'utf8');
  const after = text.slice(text.indexOf('RECEIVED:'));
  const out: Array<{ name: string; syntax: string; text: string }> = [];
  for (const line of after.split('\n')) {
    const m = /^ {8}([a-z0-9-]+) \(([^)]+)\) = (.*)$/.exec(line);
    if (m) out.push({ name: m[1] as string, syntax: m[2] as string, text: m[3] as string });
  }
  return out;
}

describe('decodeIppMessage on real printers’ answers', () => {
  it('finds a .bin and an ipptool decode beside each', () => {
    expect(binFiles.sort()).toEqual([
      'get-jobs-kyocera-ecosys-m2540dn-000.bin',
      'get-printer-attributes-brother-mfcj5320dw.bin',
      'get-printer-attributes-epsonxp6000.bin',
      'get-printer-attributes-error-0x0503.bin',
      'get-printer-attributes-hp6830.bin',
      'get-printer-attributes-kyocera-ecosys-m2540dn-001.bin',
    ]);
  });

  // Every integer / boolean / keyword / plain text attribute the ipptool decode shows must come out
  // the same; expectations are ipptool's text, not ours.
  for (const file of binFiles) {
    it(`agrees with ipptool on ${file}`, () => {
      const msg = decodeIppMessage(bin(file));
      const all = new Map<string, IppValue[]>();
      for (const g of msg.groups)
        for (const a of g.attributes) if (!all.has(a.name)) all.set(a.name, [...a.values]);
      const lines = ipptoolLines(file.replace(/\.bin$/, '.ipptool.txt'));
      expect(lines.length).toBeGreaterThan(1);
      let compared = 0;
      for (const { name, syntax, text } of lines) {
        const values = all.get(name);
        expect(values, name).toBeDefined();
        const base = syntax.replace(/^1setOf /, '');
        const simple = [
          'integer',
          'boolean',
          'keyword',
          'uri',
          'charset',
          'naturalLanguage',
          'mimeMediaType',
        ];
        const plainText =
          ['textWithoutLanguage', 'nameWithoutLanguage'].includes(base) && !/[,\\]/.test(text);
        if (!simple.includes(base) && !plainText) continue;
        const shown = (values ?? []).map((v) =>
          v.kind === 'integer' || v.kind === 'boolean' || v.kind === 'string'
            ? String(v.value)
            : `?${v.kind}`,
        );
        expect(shown.join(','), name).toBe(text);
        compared++;
      }
      expect(compared).toBeGreaterThan(1);
    });
  }

  it('decodes status, version and groups (get-printer-attributes-kyocera-ecosys-m2540dn-001)', () => {
    const msg = decodeIppMessage(bin('get-printer-attributes-kyocera-ecosys-m2540dn-001.bin'));
    expect(msg.version).toEqual({ major: 2, minor: 0 });
    expect(msg.code).toBe(0x0001); // successful-ok-ignored-or-substituted-attributes
    expect(msg.groups.map((g) => g.tag)).toEqual([
      groupTags.operation,
      groupTags.unsupported,
      groupTags.printer,
    ]);
    expect(value(msg, groupTags.printer, 'printer-state-message')).toEqual([
      { kind: 'string', tag: 0x41, value: 'Sleeping...  ' },
    ]);
    expect(value(msg, groupTags.printer, 'printer-state')).toEqual([
      { kind: 'integer', tag: 0x23, value: 3 },
    ]);
  });

  it('decodes dateTime with its UTC offset (get-printer-attributes-epsonxp6000: 2022-10-04T02:21:58Z)', () => {
    const msg = decodeIppMessage(bin('get-printer-attributes-epsonxp6000.bin'));
    const [t] = value(msg, groupTags.printer, 'printer-current-time');
    expect(t?.kind).toBe('dateTime');
    expect(t?.kind === 'dateTime' && new Date(t.value).toISOString()).toBe('2022-10-04T02:21:58.000Z');
    // printer-geo-location (unknown) = unknown: an out-of-band value, kept as such, nothing printed.
    expect(value(msg, groupTags.printer, 'printer-geo-location')).toEqual([
      { kind: 'out-of-band', tag: 0x12 },
    ]);
  });

  it('keeps the language of nameWithLanguage values apart (get-printer-attributes-brother-mfcj5320dw)', () => {
    const msg = decodeIppMessage(bin('get-printer-attributes-brother-mfcj5320dw.bin'));
    // ipptool: printer-make-and-model (textWithLanguage) = Brother MFC-J5320DW[en]
    expect(value(msg, groupTags.printer, 'printer-make-and-model')).toEqual([
      { kind: 'string', tag: 0x35, language: 'en', value: 'Brother MFC-J5320DW' },
    ]);
    // marker-names (1setOf nameWithLanguage) = M[en],C[en],Y[en],BK[en]
    expect(value(msg, groupTags.printer, 'marker-names').map((v) => v.kind === 'string' && v.value)).toEqual([
      'M',
      'C',
      'Y',
      'BK',
    ]);
  });

  it('decodes a Get-Jobs answer: UTF-8 names, no-value, resolution, job groups (get-jobs-kyocera-ecosys-m2540dn-000)', () => {
    const msg = decodeIppMessage(bin('get-jobs-kyocera-ecosys-m2540dn-000.bin'));
    const job = attributesOf(msg, groupTags.job);
    expect(job.get('job-id')?.values).toEqual([{ kind: 'integer', tag: 0x21, value: 1000 }]);
    expect(job.get('job-name')?.values[0]).toMatchObject({ value: 'Microsoft Word - ТСД' });
    // ipptool shows the backslash escaped: CORP\\OFFICE20708$
    expect(job.get('job-originating-user-name')?.values[0]).toMatchObject({ value: 'CORP\\OFFICE20708$' });
    expect(job.get('job-impressions')?.values).toEqual([{ kind: 'out-of-band', tag: 0x13 }]);
    expect(job.get('printer-resolution')?.values).toEqual([
      { kind: 'resolution', tag: 0x32, x: 600, y: 600, units: 3 },
    ]);
    const created = job.get('date-time-at-creation')?.values[0];
    expect(created?.kind === 'dateTime' && new Date(created.value).toISOString()).toBe(
      '2021-09-28T09:37:15.000Z',
    );
  });

  it('decodes an error answer (get-printer-attributes-error-0x0503: IPP 1.1, server-error-version-not-supported)', () => {
    const msg = decodeIppMessage(bin('get-printer-attributes-error-0x0503.bin'));
    expect(msg.version).toEqual({ major: 1, minor: 1 });
    expect(msg.code).toBe(0x0503);
    expect(value(msg, groupTags.operation, 'attributes-natural-language')).toEqual([
      { kind: 'string', tag: 0x48, value: 'en-us' },
    ]);
  });
});

describe('decodeIppMessage on bad bytes', () => {
  it('refuses every truncation of a real answer (get-printer-attributes-kyocera-ecosys-m2540dn-001)', () => {
    const whole = bin('get-printer-attributes-kyocera-ecosys-m2540dn-001.bin');
    for (let n = 0; n < whole.length; n++) {
      expect(() => decodeIppMessage(whole.subarray(0, n)), `cut at ${n}`).toThrow(IppDecodeError);
    }
    expect(() => decodeIppMessage(whole)).not.toThrow();
  });

  it('names the problem and the offset', () => {
    const whole = bin('get-printer-attributes-epsonxp6000.bin');
    expect(() => decodeIppMessage(whole.subarray(0, 5000))).toThrow(/truncated in .* \(at byte \d+\)/);
    expect(() => decodeIppMessage(Buffer.from('HTTP/1.1 500 Internal Server Error\r\n\r\n'))).toThrow(
      'not an IPP message (version 72.84) (at byte 0)',
    );
    expect(() => decodeIppMessage(Buffer.from([2, 0]))).toThrow('too short for an IPP message (2 bytes)');
  });

  it('checks fixed value lengths', () => {
    // printer-state enum with 2 value bytes instead of 4
    const bad = Buffer.from([
      2,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      4,
      0x23,
      0,
      13,
      ...Buffer.from('printer-state'),
      0,
      2,
      0,
      3,
      3,
    ]);
    expect(() => decodeIppMessage(bad)).toThrow('printer-state: expected 4 value bytes, got 2');
  });

  it('throws nothing but IppDecodeError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeIppMessage(bytes);
        } catch (err) {
          if (!(err instanceof IppDecodeError)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but IppDecodeError on mutated real answers', () => {
    const whole = bin('get-printer-attributes-hp6830.bin');
    fc.assert(
      fc.property(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const copy = Buffer.from(whole);
        copy[at] = byte;
        try {
          decodeIppMessage(copy);
        } catch (err) {
          if (!(err instanceof IppDecodeError)) throw err;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
