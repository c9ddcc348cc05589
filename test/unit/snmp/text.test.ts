import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/probes/snmp/text.js';

describe('device text', () => {
  it('keeps UTF-8', () => {
    expect(decodeText(Buffer.from('黑色碳粉', 'utf8'))).toBe('黑色碳粉');
  });

  it('decodes GB18030/GBK bytes', () => {
    // "中文" in GBK is D6 D0 CE C4; "黑色碳粉盒" is BA DA C9 AB CC BC B7 DB BA D0
    expect(decodeText(Buffer.from('d6d0cec4', 'hex'))).toBe('中文');
    expect(decodeText(Buffer.from('badac9abccbcb7dbbad0', 'hex'))).toBe('黑色碳粉盒');
    // a four-byte GB18030 sequence (U+20AC € is A2 E3 in GB18030; 0x81308130 is U+0080)
    expect(decodeText(Buffer.from('a2e3', 'hex'))).toBe('€');
  });

  it('falls back to Windows-1252 for western names that are not valid GB18030', () => {
    // winxp-full-walk.snmprec hrSWInstalledName.1 contains 0x93 … 0x94 0x20 (curly quotes)
    expect(decodeText(Buffer.from('4c6567616379934472697665729420', 'hex'))).toBe('Legacy“Driver”');
  });

  it('decodes hex-encoded strings', () => {
    expect(decodeText('0xE4B8ADE69687')).toBe('中文');
    expect(decodeText('D6 D0 CE C4')).toBe('中文');
    // short hex-looking words stay text
    expect(decodeText('CAFE')).toBe('CAFE');
  });

  it('drops trailing NULs and control characters', () => {
    expect(decodeText(Buffer.from([0x41, 0x42, 0x07, 0x00, 0x00]))).toBe('AB');
  });
});
