import QRCode from 'qrcode';
import { html, raw, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';

export interface QrItem {
  /** Device or hygiene target id. */
  id: string;
  name: string;
  location?: string;
  hygieneTarget?: string;
  reportDevice?: string;
  /** The satisfaction evaluation of this device (`/satisfaction?device=`), or of the whole zone (`''`). */
  rateDevice?: string;
}

/**
 * An SVG QR code for a URL (its caption links to the same URL, for staff trying it on screen). The SVG comes from the `qrcode` library (our own input: a URL we built
 * from config ids and encoded), so it is the one place markup is passed through with `raw`.
 */
async function qrSvg(url: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 160 });
  return raw(svg);
}

export async function qrBody(items: readonly QrItem[], base: string, s: Strings): Promise<SafeHtml> {
  const cards: SafeHtml[] = [];
  for (const it of items) {
    const codes: SafeHtml[] = [];
    if (it.hygieneTarget) {
      const url = `${base}/hygiene/record?target=${urlPart(it.hygieneTarget)}`;
      codes.push(
        html`<figure style="margin:0;text-align:center">${await qrSvg(url)}<figcaption><a href="${url}">${s.qrHygiene}</a></figcaption></figure>`,
      );
    }
    if (it.reportDevice) {
      const url = `${base}/report?device=${urlPart(it.reportDevice)}`;
      codes.push(
        html`<figure style="margin:0;text-align:center">${await qrSvg(url)}<figcaption><a href="${url}">${s.qrReport}</a></figcaption></figure>`,
      );
    }
    if (it.rateDevice !== undefined) {
      const url = `${base}/satisfaction${it.rateDevice ? `?device=${urlPart(it.rateDevice)}` : ''}`;
      codes.push(
        html`<figure style="margin:0;text-align:center">${await qrSvg(url)}<figcaption><a href="${url}">${s.qrRate}</a></figcaption></figure>`,
      );
    }
    cards.push(
      html`<section class="qr" style="break-inside:avoid"><h2>${it.name}</h2>${
        it.location
          ? html`<p class="muted">${it.location} · ${it.id}</p>`
          : it.id
            ? html`<p class="muted">${it.id}</p>`
            : ''
      }<div style="display:flex;gap:1rem;flex-wrap:wrap">${codes}</div></section>`,
    );
  }
  return html`<p class="noprint"><button type="button" data-print>🖨</button></p>${cards}`;
}
