import type { Contact } from '../../domain/device.js';
import type { DeviceRow } from '../../store/devices-repo.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import { facts, telLink } from './parts.js';

/** The asset card's parts, shared by the device page and the fault page (so the technician can dial at once). */

const dayMs = 86_400_000;

export function warrantyText(until: string | null, today: string, s: Strings): string {
  if (until === null) return s.noWarranty;
  if (today > until) return s.outOfWarranty(until);
  const days = Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs);
  return s.inWarranty(until, days);
}

function contact(role: string, c: Contact, s: Strings): SafeHtml {
  const who = [c.name, c.contact].filter((x) => x && x !== '—').join(s.list === '、' ? ' · ' : ', ');
  return html`<li><span class="muted">${role}</span><br><strong>${who || s.none}</strong><br>${telLink(c.phone, c.contact ?? c.name, s)}</li>`;
}

/** Vendor and service provider with their phones as `tel:` links. */
export function contactsBlock(d: DeviceRow, s: Strings, headingId: string): SafeHtml {
  return html`<section aria-labelledby="${headingId}"><h2 id="${headingId}">${s.contacts}</h2><ul class="plain">
${contact(s.vendor, d.vendor, s)}${contact(s.serviceProvider, d.serviceProvider, s)}</ul></section>`;
}

/** 规格型号, 国有资产编号, purchase date, warranty, custodian, location. */
export function assetFacts(d: DeviceRow, model: string | undefined, today: string, s: Strings): SafeHtml {
  return facts([
    [s.type, s.deviceTypes[d.type] ?? d.type],
    [s.model, model ?? s.notReported],
    [s.location, d.location],
    [s.assetNo, d.assetNo],
    [s.purchased, d.purchasedOn ?? s.noWarranty],
    [s.warranty, warrantyText(d.warrantyUntil, today, s)],
    [s.responsible, d.responsible],
    [s.powerMethod, s.powerMethods[d.powerMethod] ?? d.powerMethod],
  ]);
}

/** The model the config gives (规格型号), else what the printer says it is. */
export function modelOf(config: string | undefined, reported: string | undefined): string | undefined {
  const c = config?.trim();
  if (c) return c;
  const r = reported?.trim();
  return r ? r.slice(0, 120) : undefined;
}
