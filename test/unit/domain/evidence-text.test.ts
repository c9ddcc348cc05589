import { describe, expect, it } from 'vitest';
import { evidenceText, shortenAtWord } from '../../../src/domain/evidence-text.js';

/**
 * A fault's evidence as the staff read it (src/domain/evidence-text.ts): shortened only at a word
 * boundary, in Chinese when the phrase is known, left out when it is not. The expected texts were worked
 * out by hand from the rules in the module's comments.
 */

describe('shortenAtWord: a text that fits is kept as it is', () => {
  it('a text of exactly the limit is not cut, spaces round it are trimmed', () => {
    expect(shortenAtWord('abcde', 5)).toBe('abcde');
    expect(shortenAtWord('  abcde  ', 5)).toBe('abcde');
    expect(shortenAtWord('abc def', 8)).toBe('abc def');
    expect(shortenAtWord('abc defg', 8)).toBe('abc defg');
  });
  it('one character over the limit is cut, with … inside the limit', () => {
    expect(shortenAtWord('abc defg', 7)).toBe('abc…');
  });
  it('an emoji counts as one character', () => {
    expect(shortenAtWord('😀😀', 2)).toBe('😀😀');
    expect(shortenAtWord('😀😀😀', 2)).toBe('😀…');
  });
});

describe('shortenAtWord: cuts at a word boundary', () => {
  it('at a space, without the space before the …', () => {
    expect(shortenAtWord('Tray 1 empty and toner low', 14)).toBe('Tray 1 empty…');
    expect(shortenAtWord('abc   defgh', 8)).toBe('abc…');
  });
  it.each([
    [',', 'ab,…'],
    [';', 'ab;…'],
    [':', 'ab:…'],
    ['，', 'ab，…'],
    ['；', 'ab；…'],
    ['：', 'ab：…'],
    ['、', 'ab、…'],
    ['。', 'ab。…'],
    [')', 'ab)…'],
    ['）', 'ab）…'],
    ['\t', 'ab…'],
  ])('after the punctuation %j, which stays', (sep, expected) => {
    expect(shortenAtWord(`ab${sep}cdefgh`, 6)).toBe(expected);
  });
  it('a hyphen or a dot is inside a word, not a boundary', () => {
    expect(shortenAtWord('ab-cdefgh', 6)).toBe('ab-cd…');
    expect(shortenAtWord('ab.cdefgh', 6)).toBe('ab.cd…');
  });
  it('a comma right after a word is the boundary, the comma kept', () => {
    expect(shortenAtWord('Tray 1 empty, toner low', 14)).toBe('Tray 1 empty,…');
  });
});

describe('shortenAtWord: Chinese is cut between characters', () => {
  it('all Chinese: cut after the last character that fits', () => {
    expect(shortenAtWord('打印机纸盒一无纸请尽快处理', 10)).toBe('打印机纸盒一无纸请…');
  });
  it('a Latin word just before a Chinese character ends there', () => {
    expect(shortenAtWord('ab cde中文字', 7)).toBe('ab cde…');
  });
  it('a Latin word right after a Chinese character is not cut in the middle', () => {
    expect(shortenAtWord('a b中defgh', 7)).toBe('a b中…');
  });
});

describe('shortenAtWord: no boundary near the end', () => {
  it('one word longer than the limit is cut hard', () => {
    expect(shortenAtWord('abcdefghijkl', 5)).toBe('abcd…');
  });
  it('looks back 24 characters at most: a comma exactly 24 back is used', () => {
    expect(shortenAtWord(`a,${'b'.repeat(30)}`, 26)).toBe('a,…');
  });
  it('a comma 25 characters back is too far: the text is cut hard', () => {
    expect(shortenAtWord(`a,${'b'.repeat(30)}`, 27)).toBe(`a,${'b'.repeat(24)}…`);
  });
  it('a long last word is dropped whole back to the space before it', () => {
    expect(shortenAtWord(`ab ${'x'.repeat(40)}`, 30)).toBe('ab…');
  });
});

describe('evidenceText: what is shown as it is', () => {
  it('a blank detail is nothing, in both languages', () => {
    expect(evidenceText('jam', '   ', 'zh-CN')).toBe('');
    expect(evidenceText('jam', '', 'en')).toBe('');
  });
  it('IPP reasons of a stopped printer or a full spool area are named in words', () => {
    expect(evidenceText('spool-area-full', 'spool-area-full-report', 'zh-CN')).toBe('打印缓存空间已满');
    expect(evidenceText('printer-stopped', 'media-jam-error, paused', 'en')).toBe('paper jam; paused');
    expect(evidenceText('printer-stopped', ' other-error ', 'zh-CN')).toBe('其他错误');
  });
  it('in English the device’s own words are kept', () => {
    expect(evidenceText('paper-out', 'Tray 1 empty', 'en')).toBe('Tray 1 empty');
    expect(evidenceText('unreachable', ' no answer ', 'en')).toBe('no answer');
    expect(evidenceText('disk-full', 'C:\\ 93%', 'en')).toBe('C:\\ 93%');
    expect(evidenceText('software-changed', 'added: Foo', 'en')).toBe('added: Foo');
  });
  it('in English a long detail is shortened at a word', () => {
    expect(evidenceText('unreachable', 'no answer after 2 tries of 1500 ms', 'en', 20)).toBe(
      'no answer after 2…',
    );
  });
  it('the limit is 120 characters unless told', () => {
    expect(evidenceText('jam', 'x'.repeat(120), 'en')).toBe('x'.repeat(120));
    expect(evidenceText('jam', 'x'.repeat(121), 'en')).toBe(`${'x'.repeat(119)}…`);
    const words = Array.from({ length: 30 }, () => 'word').join(' ');
    expect(evidenceText('jam', words, 'en')).toBe(`${Array.from({ length: 23 }, () => 'word').join(' ')}…`);
  });
  it('a detail already in Chinese is kept as the device said it', () => {
    expect(evidenceText('jam', '纸盒1卡纸，请处理', 'zh-CN')).toBe('纸盒1卡纸，请处理');
    expect(evidenceText('paper-out', 'Tray 1 空', 'zh-CN')).toBe('Tray 1 空');
    expect(evidenceText('jam', '打印机纸盒一无纸请尽快处理', 'zh-CN', 10)).toBe('打印机纸盒一无纸请…');
  });
});

describe('evidenceText: software and hardware in a Chinese list', () => {
  it('forbidden software: the names as they are, joined with 、', () => {
    expect(evidenceText('forbidden-software', 'WeChat, QQ, Steam', 'zh-CN')).toBe('WeChat、QQ、Steam');
    expect(evidenceText('forbidden-software', 'Foo,Bar', 'zh-CN')).toBe('Foo,Bar');
    expect(evidenceText('forbidden-software', 'WeChat, QQ', 'en')).toBe('WeChat, QQ');
  });
  it('software changes: 新增 and 移除, the parts joined with ；', () => {
    expect(evidenceText('software-changed', 'added: Foo 1.2, Bar; removed: Baz', 'zh-CN')).toBe(
      '新增：Foo 1.2、Bar；移除：Baz',
    );
    expect(evidenceText('software-changed', 'removed: Old Tool', 'zh-CN')).toBe('移除：Old Tool');
    expect(evidenceText('software-changed', 'removed: a;added: b', 'zh-CN')).toBe('移除：a；新增：b');
    expect(evidenceText('software-changed', 'added: a; added: b', 'zh-CN')).toBe('新增：a；新增：b');
  });
  it('hardware changes the same way', () => {
    expect(evidenceText('hardware-changed', 'removed: RAM 8 GB; added: RAM 16 GB', 'zh-CN')).toBe(
      '移除：RAM 8 GB；新增：RAM 16 GB',
    );
  });
  it('"added:" or "removed:" inside a name is part of the name', () => {
    expect(evidenceText('software-changed', 'added: Tool (removed: old plugin)', 'zh-CN')).toBe(
      '新增：Tool (removed: old plugin)',
    );
  });
});

describe('evidenceText: a full disk', () => {
  it('a Windows drive is named 盘, with its percentage', () => {
    expect(evidenceText('disk-full', 'C:\\ Label:  Serial Number 1234abcd 93%', 'zh-CN')).toBe(
      'C 盘已用 93%',
    );
    expect(evidenceText('disk-full', 'd:\\ 100%', 'zh-CN')).toBe('D 盘已用 100%');
    expect(evidenceText('disk-full', 'E:\\ 5%', 'zh-CN')).toBe('E 盘已用 5%');
  });
  it('any other disk is named by its mount point, a space before the Chinese', () => {
    expect(evidenceText('disk-full', '/home 91%', 'zh-CN')).toBe('/home 已用 91%');
    expect(evidenceText('disk-full', '/ 100%', 'zh-CN')).toBe('/ 已用 100%');
  });
  it('a disk detail without a percentage at its end is not guessed at', () => {
    expect(evidenceText('disk-full', 'disk almost full', 'zh-CN')).toBe('');
    expect(evidenceText('disk-full', 'C:\\ 93% used', 'zh-CN')).toBe('');
  });
});

describe('evidenceText: a detail of several parts', () => {
  it('parts are split at ; and said once each, joined with ；', () => {
    expect(evidenceText('jam', 'Paper jam; Paper jam in tray 2', 'zh-CN')).toBe('卡纸；纸盒 2 卡纸');
    expect(evidenceText('jam', 'Paper jam;paper jam;', 'zh-CN')).toBe('卡纸');
  });
  it('IPP keywords listed with commas are split too', () => {
    expect(evidenceText('jam', 'media-jam-error, toner-low-warning', 'zh-CN')).toBe('卡纸；墨粉不足');
    expect(evidenceText('service-requested', 'marker-waste-almost-full-warning', 'zh-CN')).toBe(
      '废粉（废墨）盒将满',
    );
  });
  it('a comma inside one alert is part of that alert', () => {
    expect(evidenceText('jam', 'Paper jam, tray 2', 'zh-CN')).toBe('纸盒 2 卡纸');
  });
  it('a condition name is said as the pages say it', () => {
    expect(evidenceText('service-requested', 'input-tray-missing', 'zh-CN')).toBe('纸盒未装好');
    expect(evidenceText('service-requested', 'waste-full', 'zh-CN')).toBe('废粉盒已满');
    expect(evidenceText('paper-out', 'paper-out', 'zh-CN')).toBe('缺纸');
  });
  it('what is not known is left out', () => {
    expect(evidenceText('jam', 'Something odd happened', 'zh-CN')).toBe('');
    expect(evidenceText('jam', 'Paper jam; Something odd happened', 'zh-CN')).toBe('卡纸');
  });
  it('a plug over its power limit', () => {
    expect(evidenceText('plug-overload', 'overpower', 'zh-CN')).toBe('功率超过插座上限');
    expect(evidenceText('unreachable', 'overpower', 'zh-CN')).toBe('');
  });
  it('an unreachable device is never described by printer alerts', () => {
    expect(evidenceText('unreachable', 'Paper jam', 'zh-CN')).toBe('');
    expect(evidenceText('power-on-failed', 'Tray 1 empty', 'zh-CN')).toBe('');
    expect(evidenceText('power-on-failed', 'no answer', 'zh-CN')).toBe('无应答');
  });
  it('a supply’s own name (toner-low, toner-out, a full waste box) is said in Chinese', () => {
    expect(evidenceText('toner-out', 'Black Cartridge HP CF410A', 'zh-CN')).toBe('黑色墨粉盒');
    expect(evidenceText('toner-low', 'Toner (Black)', 'zh-CN')).toBe('黑色墨粉');
    expect(evidenceText('toner-low', 'CANON Cyan Ink Tank', 'zh-CN')).toBe('青色墨水');
    expect(evidenceText('service-requested', 'Waste Toner Box', 'zh-CN')).toBe('废粉盒');
  });
  it('the Chinese evidence is shortened at the limit too', () => {
    expect(evidenceText('jam', 'Paper jam; Tray 1 empty; Front door open', 'zh-CN', 12)).toBe(
      '卡纸；纸盒 1 无纸；…',
    );
  });
});
