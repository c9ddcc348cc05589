import QRCode from 'qrcode';
import { html, raw, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';

export interface QrLabel {
  /** The device's or area's name as people know it. */
  readonly name: string;
  /**
   * `report`: citizens report a problem; `rate`: citizens rate the service (issue 18's satisfaction
   * evaluation; id `''` for the whole zone); `hygiene`: staff record a cleaning.
   */
  readonly kind: 'report' | 'rate' | 'hygiene';
  /** The device id (report, rate) or the hygiene target id. */
  readonly id: string;
}

/** Devices the public or the staff touch get a code; plugs and other gear do not. */
export const labelledTypes: ReadonlySet<string> = new Set(['pc', 'kiosk', 'printer', 'copier', 'mfp']);

/** The label's address: always built from `http.publicUrl`, never from the host the sheet was opened at. */
export function labelUrl(base: string, l: QrLabel): string {
  const root = base.replace(/\/+$/, '');
  if (l.kind === 'report') return `${root}/report?device=${urlPart(l.id)}`;
  if (l.kind === 'rate') return `${root}/satisfaction${l.id ? `?device=${urlPart(l.id)}` : ''}`;
  return `${root}/hygiene/record?target=${urlPart(l.id)}`;
}

/**
 * An SVG QR code for a URL. The SVG comes from the `qrcode` library (our own input: a URL built from
 * the configured public address and config ids), so it is the one place markup is passed with `raw`.
 */
async function qrSvg(url: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return raw(svg.replace('<svg ', '<svg aria-hidden="true" focusable="false" '));
}

/** A4 portrait, 10 mm margins: 3 × 4 labels of 63 × 68 mm, so at least 12 codes a page. */
export const qrStyle = `
.labels{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(11rem,100%),1fr));gap:.6rem}
.qr-label{margin:0;background:#fff;border:1px dashed #888;border-radius:4px;padding:.5rem;text-align:center;break-inside:avoid}
.qr-label .zone{font-size:.8rem;color:#444;margin:0}
.qr-label .name{font-weight:700;font-size:1.05rem;margin:.15rem 0}
.qr-label svg{width:100%;max-width:9rem;height:auto;display:block;margin:0 auto}
.qr-label .how{margin:.15rem 0 0;font-size:.95rem}
@media print{@page{size:A4 portrait;margin:10mm}main{max-width:none;padding:0}h1,.intro{display:none}
.labels{grid-template-columns:repeat(3,63mm);gap:0;justify-content:center}
.qr-label{height:68mm;border-radius:0;padding:3mm;overflow:hidden;display:flex;flex-direction:column;justify-content:center}
.qr-label svg{width:38mm;max-width:none}}
`;

export async function qrBody(
  labels: readonly QrLabel[],
  base: string | undefined,
  siteName: string,
  s: Strings,
): Promise<SafeHtml> {
  if (base === undefined)
    return html`<section role="alert" class="msg warn"><h2>${s.qrNoUrl}</h2><p>${s.qrNoUrlWhy}</p></section>`;
  if (labels.length === 0) return html`<p>${s.qrNone}</p>`;
  const cards: SafeHtml[] = [];
  for (const l of labels) {
    cards.push(
      // The instruction links to the code's own address, for staff trying a code on screen.
      html`<figure class="qr-label"><p class="zone">${siteName}</p><p class="name">${l.name}</p>${await qrSvg(
        labelUrl(base, l),
      )}<figcaption class="how"><a href="${labelUrl(base, l)}">${{ report: s.qrReport, rate: s.qrRate, hygiene: s.qrHygiene }[l.kind]}</a></figcaption></figure>`,
    );
  }
  return html`<div class="intro noprint"><p>${s.qrIntro(labels.length)}</p><p><button type="button" data-print>${s.qrPrint}</button></p></div>
<div class="labels">${cards}</div>`;
}
