import {
  deviceProblems,
  type ProblemKind,
  problemKinds,
  type SatisfactionRating,
  satisfactionRatings,
} from './complaint.js';
import { parsePhone } from './complaint-contact.js';
import type { Language } from './messages.js';
import { err, ok, type Result } from './result.js';

/**
 * What a citizen sends (the form at /report, POST /api/v1/public-reports, the satisfaction page), checked
 * at the edge (pure). Every problem is said in the citizen's words, names the field, and never repeats the
 * contact back. Nothing is stored unless all of it passes.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface PublicReportInput {
  readonly problem: ProblemKind;
  /** A device id as sent (its existence is the service's check), or null: not about a device. */
  readonly deviceId: string | null;
  readonly description: string;
  /** The normalised phone, or null when none was left. */
  readonly contact: string | null;
}

export const descriptionMax = 500;
export const commentMax = 300;
/** The device choice "not about one device". */
export const noDevice = 'none';

const texts = {
  'zh-CN': {
    problem: '请选择问题类型。',
    device: '请选择是哪台设备（与设备无关的，请选“不涉及具体设备”）。',
    deviceBad: '没有找到这台设备，请从列表中选择。',
    describe: '请简单说一下是什么问题。',
    tooLong: (n: number, max: number) => `内容太长了（${n} 字），请不超过 ${max} 字。`,
    control: '内容中有无法识别的字符，请删掉后再提交。',
    markup: '请用文字描述，不要输入网页代码（尖括号 < > 括起来的标签）。',
    contact:
      '联系电话格式不对：请填写 11 位手机号，或“区号-号码”形式的座机号（如 023-6xxxxxxx）；不想留可以空着。',
    notText: '应为文字。',
    unknown: (f: string) => `不认识的内容“${f}”。`,
    rating: '请选择“满意”“基本满意”或“不满意”。',
    body: '提交的内容格式不对，请刷新页面后重试。',
  },
  en: {
    problem: 'Please choose what kind of problem it is.',
    device: 'Please choose the device (or "not about a device").',
    deviceBad: 'That device is not on the list; please choose one from the list.',
    describe: 'Please say briefly what is wrong.',
    tooLong: (n: number, max: number) => `That is too long (${n} characters); at most ${max}, please.`,
    control: 'The text contains characters that cannot be read; please remove them.',
    markup: 'Please describe it in words, without web markup (tags in < >).',
    contact:
      'That phone number does not look right: an 11-digit mobile, or a landline as area code-number (e.g. 023-6xxxxxxx); or leave it empty.',
    notText: 'must be text.',
    unknown: (f: string) => `unknown field "${f}".`,
    rating: 'Please choose satisfied, basically satisfied or dissatisfied.',
    body: 'The form was not sent in a readable way; please reload the page and try again.',
  },
} as const;

export const publicTexts = (lang: Language) => texts[lang];

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const markup = /<\s*[a-zA-Z!/?]/;

type Fields = Readonly<Record<string, unknown>>;

/** Fields a strict sender (the API) may not send. */
function unknownFields(body: Fields, allowed: readonly string[] | undefined, L: (typeof texts)[Language]) {
  const extra = allowed ? Object.keys(body).filter((k) => !allowed.includes(k)) : [];
  return extra.map((k) => ({ field: k.slice(0, 40), message: L.unknown(k.slice(0, 40)) }));
}

/** Free text of a citizen: trimmed, line breaks kept, at most `max` characters, no control characters or markup. */
function freeText(
  v: unknown,
  max: number,
  lang: Language,
): { ok: true; value: string } | { ok: false; message: string } {
  const L = texts[lang];
  if (v === undefined || v === null) return { ok: true, value: '' };
  if (typeof v !== 'string') return { ok: false, message: L.notText };
  const t = v.replace(/\r\n?/g, '\n').trim();
  const n = [...t].length;
  if (n > max) return { ok: false, message: L.tooLong(n, max) };
  if (control.test(t)) return { ok: false, message: L.control };
  if (markup.test(t)) return { ok: false, message: L.markup };
  return { ok: true, value: t };
}

/**
 * A report as the form or the API sends it. `names` maps our fields to the sender's (the API says
 * `deviceId`). `allowed` lists every field the sender may send; others are refused (the API's strict body).
 */
export function parsePublicReport(
  body: Fields,
  lang: Language,
  opts: { deviceField?: string; allowed?: readonly string[] } = {},
): Result<PublicReportInput, FieldError[]> {
  const L = texts[lang];
  const deviceField = opts.deviceField ?? 'device';
  const errors: FieldError[] = unknownFields(body, opts.allowed, L);
  const rawDevice = body[deviceField];
  const rawProblem = body.problem;
  let problem: ProblemKind | undefined;
  if (rawProblem === undefined || rawProblem === '') {
    // The old API body had no problem kind: a report about a device says it does not work.
    if (opts.allowed && typeof rawDevice === 'string' && rawDevice !== '') problem = 'device-broken';
  } else if (typeof rawProblem === 'string' && (problemKinds as readonly string[]).includes(rawProblem)) {
    problem = rawProblem as ProblemKind;
  }
  if (!problem) errors.push({ field: 'problem', message: L.problem });

  let deviceId: string | null = null;
  if (rawDevice !== undefined && rawDevice !== null && typeof rawDevice !== 'string') {
    errors.push({ field: deviceField, message: L.notText });
  } else if (typeof rawDevice === 'string' && rawDevice !== '' && rawDevice !== noDevice) {
    if (/^[a-z0-9][a-z0-9_-]{0,62}$/.test(rawDevice)) deviceId = rawDevice;
    else errors.push({ field: deviceField, message: L.deviceBad });
  } else if (problem && deviceProblems.has(problem)) {
    errors.push({ field: deviceField, message: L.device });
  }

  const description = freeText(body.description, descriptionMax, lang);
  if (!description.ok) errors.push({ field: 'description', message: description.message });
  else if (description.value === '' && problem && !deviceProblems.has(problem))
    errors.push({ field: 'description', message: L.describe });

  let contact: string | null = null;
  const rawContact = body.contact;
  if (rawContact !== undefined && rawContact !== null && rawContact !== '') {
    const phone = typeof rawContact === 'string' ? parsePhone(rawContact) : null;
    if (phone) contact = phone.normalized;
    else errors.push({ field: 'contact', message: L.contact });
  }
  if (errors.length > 0 || !problem || !description.ok) return err(errors);
  return ok({ problem, deviceId, description: description.value, contact });
}

export interface SatisfactionInput {
  readonly rating: SatisfactionRating;
  readonly deviceId: string | null;
  readonly comment: string;
}

/** One satisfaction evaluation: the rating, the device it is about (or the whole zone) and a comment. */
export function parseSatisfaction(
  body: Fields,
  lang: Language,
  opts: { deviceField?: string; allowed?: readonly string[] } = {},
): Result<SatisfactionInput, FieldError[]> {
  const L = texts[lang];
  const deviceField = opts.deviceField ?? 'device';
  const errors: FieldError[] = unknownFields(body, opts.allowed, L);
  const rating = body.rating;
  const okRating = typeof rating === 'string' && (satisfactionRatings as readonly string[]).includes(rating);
  if (!okRating) errors.push({ field: 'rating', message: L.rating });
  const rawDevice = body[deviceField];
  let deviceId: string | null = null;
  if (typeof rawDevice === 'string' && rawDevice !== '' && rawDevice !== noDevice) {
    if (/^[a-z0-9][a-z0-9_-]{0,62}$/.test(rawDevice)) deviceId = rawDevice;
    else errors.push({ field: deviceField, message: L.deviceBad });
  } else if (rawDevice !== undefined && rawDevice !== null && typeof rawDevice !== 'string') {
    errors.push({ field: deviceField, message: L.notText });
  }
  const comment = freeText(body.comment, commentMax, lang);
  if (!comment.ok) errors.push({ field: 'comment', message: comment.message });
  if (errors.length > 0 || !okRating || !comment.ok) return err(errors);
  return ok({ rating: rating as SatisfactionRating, deviceId, comment: comment.value });
}
