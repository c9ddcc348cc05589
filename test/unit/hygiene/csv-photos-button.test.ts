import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleHygieneButton } from '../../../src/hygiene/button.js';
import { escapeHtml } from '../../../src/hygiene/compliance-html.js';
import { csvCell, recordsCsv } from '../../../src/hygiene/csv.js';
import { checkPhoto, PhotoStore, sniffImage } from '../../../src/hygiene/photos.js';
import type { HygieneRecord } from '../../../src/hygiene/repo.js';
import { bj, testPlan } from '../../fixtures/hygiene/fake-calendar.js';

const record: HygieneRecord = {
  id: 7,
  target: 'reading-area',
  task: 'disinfect',
  actor: '李娟',
  recordedBy: '王芳',
  recordedAt: bj('2025-10-09 16:40'),
  doneAt: bj('2025-10-09 16:40'),
  method: '75% 酒精擦拭',
  agent: '含氯消毒液 500 mg/L',
  note: '桌面, "门把手"',
  photo: null,
  correctsId: null,
  correctedBy: null,
  backdated: false,
  source: 'api',
  firstRecordedAt: bj('2025-10-09 16:40'),
};

describe('CSV export', () => {
  it('starts with the UTF-8 BOM, encodes Chinese as UTF-8 and uses CRLF', () => {
    const buf = recordsCsv([record], new Map([['reading-area', '查阅区']]), 'Asia/Shanghai', 'zh-CN');
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // 查阅区 = U+67E5 U+9605 U+533A → E6 9F A5, E9 98 85, E5 8C BA in UTF-8.
    expect(buf.includes(Buffer.from([0xe6, 0x9f, 0xa5, 0xe9, 0x98, 0x85, 0xe5, 0x8c, 0xba]))).toBe(true);
    const text = buf.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '编号,对象,对象名称,任务,执行人,登记人,完成时间,登记时间,方式,消毒剂,备注,照片,更正的记录,被更正于,补登（迟报）,来源',
    );
    expect(lines[1]).toBe(
      '7,reading-area,查阅区,消毒,李娟,王芳,2025-10-09 16:40:00,2025-10-09 16:40:00,75% 酒精擦拭,含氯消毒液 500 mg/L,"桌面, ""门把手""",,,,,api',
    );
    expect(lines[2]).toBe('');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('普通文本')).toBe('普通文本');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<script>alert('x')</script>&"`)).toBe(
      '&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;&#38;&#34;',
    );
  });
});

describe('photos', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);

  it('recognises JPEG and PNG by their magic bytes only', () => {
    expect(sniffImage(jpeg)).toBe('image/jpeg');
    expect(sniffImage(png)).toBe('image/png');
    expect(sniffImage(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('rejects empty, oversize and wrong-type photos with the right status', () => {
    expect(checkPhoto(Buffer.alloc(0), 100)).toMatchObject({ ok: false, status: 400 });
    expect(checkPhoto(Buffer.concat([jpeg, Buffer.alloc(200)]), 100)).toMatchObject({
      ok: false,
      status: 413,
    });
    expect(checkPhoto(Buffer.from('<svg onload=alert(1)>'), 100)).toMatchObject({ ok: false, status: 415 });
    // SHA-256 of these ten bytes, from `printf '\xff\xd8\xff\xe0\x00\x10JFIF' | sha256sum`.
    expect(checkPhoto(jpeg, 100)).toEqual({
      ok: true,
      sha256: '45ae705277879f7f01d778f7c95a065bb0c06ab9936cf24307f375211fee13d1',
      mime: 'image/jpeg',
      bytes: 10,
    });
  });

  it('never builds a path from anything but a hex digest', () => {
    const store = new PhotoStore(mkdtempSync(join(tmpdir(), 'zoneops-photos-')));
    for (const evil of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64), `..${'a'.repeat(62)}`]) {
      expect(() => store.pathOf(evil, 'image/jpeg')).toThrow('not a SHA-256');
    }
    const sha = 'ab'.repeat(32);
    expect(store.pathOf(sha, 'image/png')).toBe(join(store.dir, 'ab', `${sha}.png`));
  });
});

describe('MQTT button', () => {
  const ctx = { site: 'testzone', plan: testPlan };
  it('accepts a press on zoneops/<site>/hygiene/<target>/<task>', () => {
    expect(handleHygieneButton('zoneops/testzone/hygiene/waiting-area/clean', '1', ctx)).toEqual({
      ok: true,
      target: 'waiting-area',
      task: 'clean',
      by: 'button',
    });
    expect(
      handleHygieneButton(
        'zoneops/testzone/hygiene/reading-area/disinfect',
        '{"action":"single","by":"王芳"}',
        ctx,
      ),
    ).toEqual({
      ok: true,
      target: 'reading-area',
      task: 'disinfect',
      by: '王芳',
    });
  });

  it('ignores other sites, unplanned tasks, retained, empty, release and malformed messages', () => {
    const no = (topic: string, payload: string, retained = false) =>
      handleHygieneButton(topic, payload, { ...ctx, retained }).ok;
    expect(no('zoneops/other/hygiene/waiting-area/clean', '1')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/disinfect', '1')).toBe(false);
    expect(no('zoneops/testzone/hygiene/nowhere/clean', '1')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/sweep', '1')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/clean/x', '1')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/clean', '1', true)).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/clean', '')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/clean', '{"action":"release"}')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/clean', '{"action":')).toBe(false);
    expect(no('zoneops/testzone/hygiene/waiting-area/clean', 'x'.repeat(2000))).toBe(false);
  });
});
