import {
  type ProblemKind,
  problemKinds,
  type SatisfactionRating,
  satisfactionRatings,
} from '../../domain/complaint.js';
import { complaintWords } from '../../domain/complaint-texts.js';
import type { Language } from '../../domain/messages.js';
import { descriptionMax, type FieldError, noDevice } from '../../domain/public-input.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import { complaintStrings } from './complaint-strings.js';

/** Large tap targets for the choices (phone first: at least 48 px, readable at 200 % text). */
export const choiceCss = html`<style>
.choices{border:0;padding:0;margin:.9rem 0 0}.choices legend{font-weight:600;padding:0;margin-bottom:.3rem}
.choices label{display:flex;align-items:center;gap:.6rem;min-height:48px;margin:.35rem 0;padding:.55rem .8rem;border:2px solid #999;border-radius:6px;font-weight:400;background:#fff}
.choices input{width:1.3rem;height:1.3rem;flex:none;margin:0}
.choices label:has(input:checked){border-color:#9e1b1b;background:#fbeaea;font-weight:600}
.hint{color:#555;font-size:.9rem;margin:.1rem 0 .3rem}.field-err{color:#9b1c1c;font-weight:600;margin:.2rem 0}
.case{font-size:1.6rem;font-weight:700;letter-spacing:.04em;margin:.3rem 0}
</style>`;

const notice = (n: { readonly text: string; readonly error: boolean } | undefined) =>
  n
    ? html`<p class="${n.error ? 'msg err' : 'msg'}" role="${n.error ? 'alert' : 'status'}">${n.text}</p>`
    : '';

export interface DeviceChoice {
  readonly id: string;
  readonly label: string;
  readonly area: boolean;
}

export interface FormValues {
  readonly [field: string]: string | undefined;
}

/** The error summary at the top (links to each field) and the per-field messages. */
export function fieldErrors(errors: readonly FieldError[], labels: Record<string, string>, title: string) {
  const of = (f: string) => errors.filter((e) => e.field === f);
  const summary =
    errors.length === 0
      ? html``
      : html`<div class="msg err" role="alert"><p style="margin:0"><strong>${title}</strong></p><ul style="margin:.3rem 0 0;padding-left:1.2rem">${errors.map(
          (e) =>
            html`<li><a href="#${labels[e.field] ? e.field : 'form-top'}">${labels[e.field] ?? ''}${labels[e.field] ? '：' : ''}${e.message}</a></li>`,
        )}</ul></div>`;
  const at = (f: string) =>
    of(f).length === 0
      ? html``
      : html`<p class="field-err" id="err-${f}">${of(f)
          .map((e) => e.message)
          .join(' ')}</p>`;
  const describedBy = (f: string, hint = false) => {
    const ids = [hint ? `hint-${f}` : '', of(f).length > 0 ? `err-${f}` : ''].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${of(f).length > 0 ? html` aria-invalid="true"` : ''}`;
  };
  return { summary, at, describedBy };
}

export interface ReportFormView {
  readonly devices: readonly DeviceChoice[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly notice?: { readonly text: string; readonly error: boolean } | undefined;
  readonly csrf: string;
  readonly nonce: string;
}

/** The public report form: device (from the QR code or the list), the kind of problem, details, phone. */
export function reportFormBody(v: ReportFormView, lang: Language): SafeHtml {
  const s = complaintStrings(lang);
  const W = complaintWords(lang);
  const labels: Record<string, string> = {
    device: s.device,
    problem: s.problem,
    description: s.description,
    contact: s.contact,
  };
  const e = fieldErrors(v.errors, labels, s.errorsTitle);
  const selected = v.values.device ?? '';
  const option = (d: DeviceChoice) =>
    html`<option value="${d.id}"${d.id === selected ? html` selected` : ''}>${d.label}</option>`;
  const devices = v.devices.filter((d) => !d.area);
  const areas = v.devices.filter((d) => d.area);
  const problem = v.values.problem as ProblemKind | undefined;
  return html`${choiceCss}${notice(v.notice)}${e.summary}
<section><p id="form-top">${s.reportIntro}</p><form method="post" action="/report" novalidate data-one-tap>
<input type="hidden" name="csrf" value="${v.csrf}"><input type="hidden" name="nonce" value="${v.nonce}">
<label for="device">${s.device}</label>${e.at('device')}
<select id="device" name="device"${e.describedBy('device')}><option value=""${selected === '' ? html` selected` : ''}>${s.choose}</option>
<optgroup label="${s.devicesGroup}">${devices.map(option)}</optgroup>${
    areas.length > 0 ? html`<optgroup label="${s.areasGroup}">${areas.map(option)}</optgroup>` : ''
  }<option value="${noDevice}"${selected === noDevice ? html` selected` : ''}>${s.noDevice}</option></select>
<fieldset class="choices" id="problem"${e.describedBy('problem')}><legend>${s.problem}</legend>${e.at('problem')}${problemKinds.map(
    (p) =>
      html`<label><input type="radio" name="problem" value="${p}"${p === problem ? html` checked` : ''}> ${W.problems[p]}</label>`,
  )}</fieldset>
<label for="description">${s.description}</label><p class="hint" id="hint-description">${s.descriptionHint}</p>${e.at('description')}
<textarea id="description" name="description" maxlength="${descriptionMax}" rows="3"${e.describedBy('description', true)}>${v.values.description ?? ''}</textarea>
<label for="contact">${s.contact}</label><p class="hint" id="hint-contact">${s.contactHint}</p>${e.at('contact')}
<input id="contact" name="contact" type="tel" inputmode="tel" maxlength="30" autocomplete="tel" value="${v.values.contact ?? ''}"${e.describedBy('contact', true)}>
<button type="submit">${s.submit}</button></form></section>`;
}

/** The confirmation after a report: the case number, what happens next and by when. */
export function reportReceivedBody(
  v: { caseNo: string; acceptBy: string; nextSteps: string; device?: string | undefined },
  lang: Language,
): SafeHtml {
  const s = complaintStrings(lang);
  const again = v.device ? `/report?device=${urlPart(v.device)}` : '/report';
  const rate = v.device ? `/satisfaction?device=${urlPart(v.device)}` : '/satisfaction';
  return html`${choiceCss}<section><p class="msg" role="status">${s.received}</p>
<p style="margin:.8rem 0 0">${s.caseNo}</p><p class="case">${v.caseNo}</p><p>${s.keepCaseNo}</p>
<p><strong>${v.nextSteps}</strong></p><p class="muted">${s.acceptBy(v.acceptBy)}</p></section>
<p><a href="${again}">${s.another}</a> · <a href="${rate}">${s.rateUs}</a></p>`;
}

export interface SatisfactionFormView {
  readonly devices: readonly DeviceChoice[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly notice?: { readonly text: string; readonly error: boolean } | undefined;
  readonly csrf: string;
  /** The "rate our answer" token and the case it is about. */
  readonly token?: string | undefined;
  readonly caseNo?: string | undefined;
}

/** The satisfaction evaluation (attachment 4): 满意 / 基本满意 / 不满意 and an optional comment. */
export function satisfactionBody(v: SatisfactionFormView, lang: Language): SafeHtml {
  const s = complaintStrings(lang);
  const W = complaintWords(lang);
  const labels: Record<string, string> = { device: s.device, rating: s.rating, comment: s.comment };
  const e = fieldErrors(v.errors, labels, s.errorsTitle);
  const selected = v.values.device ?? '';
  const rating = v.values.rating as SatisfactionRating | undefined;
  const target = v.token
    ? html`<input type="hidden" name="c" value="${v.token}"><p><strong>${s.satisfactionFor(v.caseNo ?? '')}</strong></p>`
    : html`<label for="device">${s.device}</label>${e.at('device')}<select id="device" name="device"${e.describedBy('device')}>
<option value=""${selected === '' ? html` selected` : ''}>${s.whole}</option>${v.devices.map(
        (d) => html`<option value="${d.id}"${d.id === selected ? html` selected` : ''}>${d.label}</option>`,
      )}</select>`;
  return html`${choiceCss}${notice(v.notice)}${e.summary}
<section><p id="form-top">${s.satisfactionIntro}</p><form method="post" action="/satisfaction" novalidate data-one-tap>
<input type="hidden" name="csrf" value="${v.csrf}">${target}
<fieldset class="choices" id="rating"${e.describedBy('rating')}><legend>${s.rating}</legend>${e.at('rating')}${satisfactionRatings.map(
    (r) =>
      html`<label><input type="radio" name="rating" value="${r}"${r === rating ? html` checked` : ''}> ${W.ratings[r]}</label>`,
  )}</fieldset>
<label for="comment">${s.comment}</label>${e.at('comment')}
<textarea id="comment" name="comment" maxlength="300" rows="2"${e.describedBy('comment')}>${v.values.comment ?? ''}</textarea>
<button type="submit">${s.submit}</button></form></section>`;
}
