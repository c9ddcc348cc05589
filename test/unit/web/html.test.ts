import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../../src/web/html.js';

describe('html tagged template', () => {
  it('escapes every interpolation', () => {
    const v = `<b>"x" & 'y'</b> a=\`1\``;
    expect(html`<p title="${v}">${v}</p>`.value).toBe(
      '<p title="&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; a&#61;&#96;1&#96;">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; a&#61;&#96;1&#96;</p>',
    );
  });

  it('passes nested html and raw() through, escapes arrays element by element, drops null/undefined/false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(
      html`${inner}${raw('<svg></svg>')}${['<a>', html`<c>`]}${null}${undefined}${false}${0}`.value,
    ).toBe('<b>&lt;i&gt;</b><svg></svg>&lt;a&gt;<c>0');
  });

  it('never lets a character that starts markup or ends an attribute through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = html`<div data-x="${s}">${s}</div>`.value;
        const inner = out.slice('<div data-x="'.length, out.length - '</div>'.length);
        expect(inner.replace('">', '')).not.toMatch(/[<>"'`]/);
        expect(escapeHtml(s).replace(/&(amp|lt|gt|quot|#39|#96|#61);/g, '')).not.toMatch(/[&<>"'`=]/);
      }),
    );
  });
});
