import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';

const example = readFileSync(new URL('../../../config/zoneops.example.yaml', import.meta.url), 'utf8');
const withSecret = (secret: string) =>
  example.replace(/secret: whsec_\S+/, `secret: ${JSON.stringify(secret)}`);

describe('webhook secret (Standard Webhooks whsec_ form or plain text)', () => {
  it('accepts the example whsec_ secret and a plain one', () => {
    expect(parseConfig(example, 'zoneops.yaml').ok).toBe(true);
    expect(parseConfig(withSecret('a plain demo key'), 'zoneops.yaml').ok).toBe(true);
  });

  it('refuses a whsec_ secret that is not base64 of 24+ bytes, naming the rule and never the value', () => {
    const r = parseConfig(withSecret('whsec_tooShort'), 'zoneops.yaml');
    expect(r.ok).toBe(false);
    // The example says `language: zh-CN`, so the technician reads Chinese.
    const text = r.ok ? '' : r.error.join('\n');
    expect(text).toContain('notifiers 第 1 项（demo-webhook）的 secret');
    expect(text).toContain('24 到 64 个随机字节');
    expect(text).not.toContain('tooShort');
    const en = parseConfig(withSecret('whsec_tooShort'), 'zoneops.yaml', {}, { language: 'en' });
    const enText = en.ok ? '' : en.error.join('\n');
    expect(enText).toContain('notifiers #1 (demo-webhook) secret');
    expect(enText).toContain('24 to 64 random bytes');
    expect(enText).not.toContain('tooShort');
  });
});
