/**
 * The complainant's contact (pure): a Chinese phone number, validated, normalised and masked.
 *
 * China's numbering plan as libphonenumber records it (resources/PhoneNumberMetadata.xml, territory CN,
 * from the ITU's national plan): country code 86, international prefix 00, national (trunk) prefix 0; a
 * mobile number has 11 digits beginning with 1 (13x … 19x; we accept every 13–19 range, as new ones
 * are allocated); a fixed-line number is the area code — 10 and 2x with 8-digit local numbers, three
 * digits with 7 or 8; locally a number beginning 2–9 is dialled without the area code.
 * Separators people type (spaces, hyphens, brackets round the area code) are accepted and dropped.
 *
 * Attachment 5 holds whoever leaks a complainant's information responsible: outside the complaint page
 * of the people who handle it, the number is shown masked (`138****5678`).
 */
export type PhoneKind = 'mobile' | 'landline';

export interface Phone {
  readonly kind: PhoneKind;
  /** `13812345678`, `023-12345678`, or a local `12345678`. */
  readonly normalized: string;
}

export function parsePhone(input: string): Phone | null {
  const compact = input.trim().replace(/[\s\u3000]+/g, '');
  if (compact.length === 0 || compact.length > 24) return null;
  // Brackets only round an area code: (023)12345678 or （023）12345678.
  const bracket = /^[(（](0\d{2,3})[)）]-?(\d{7,8})$/.exec(compact);
  if (bracket) return parsePhone(`${bracket[1]}-${bracket[2]}`);
  if (!/^\+?[\d-]+$/.test(compact) || /--/.test(compact)) return null;
  let digits = compact.replaceAll('-', '');
  const international = digits.startsWith('+86') || digits.startsWith('0086');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('+')) return null;
  if (/^1[3-9]\d{9}$/.test(digits)) return { kind: 'mobile', normalized: digits };
  // Written internationally, a landline drops its trunk 0: +86 10 12345678 is 010-12345678.
  if (international && /^(?:10|[2-9])/.test(digits)) digits = `0${digits}`;
  if (digits.length === 13 && digits.startsWith('86') && /^1[3-9]\d{9}$/.test(digits.slice(2)))
    return { kind: 'mobile', normalized: digits.slice(2) };
  // A two-digit area code (010, 02x) has 8-digit local numbers; a three-digit one 7 or 8.
  const withArea = /^(0(?:10|2\d))(\d{8})$/.exec(digits) ?? /^(0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (withArea) return { kind: 'landline', normalized: `${withArea[1]}-${withArea[2]}` };
  if (/^[2-9]\d{6,7}$/.test(digits) && !compact.includes('-'))
    return { kind: 'landline', normalized: digits };
  return null;
}

/** `138****5678`, `023-****5678`, `****5678`: never more than the last four digits and the prefix. */
export function maskPhone(normalized: string): string {
  if (/^1\d{10}$/.test(normalized)) return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
  const dash = normalized.indexOf('-');
  if (dash > 0) return `${normalized.slice(0, dash)}-****${normalized.slice(-4)}`;
  return `****${normalized.slice(-4)}`;
}

// Phone-like runs in free text: a mobile (with an optional +86) or an area code with a local number.
const phoneInText =
  /(?<![\d])(?:(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d){8}|0\d{2,3}[-\s]?[2-9]\d{6,7})(?![\d])/g;

/**
 * Free text with every phone-like number masked: citizens write their number into the description too,
 * and the description goes on into the fault, its group-chat message and the register.
 */
export function maskPhonesIn(text: string): string {
  return text.replace(phoneInText, (m) => {
    const p = parsePhone(m.replace(/\s/g, ''));
    return p ? maskPhone(p.normalized) : '****';
  });
}
