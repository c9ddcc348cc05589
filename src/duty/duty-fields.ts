import type { PersonConfig } from '../config/schema.js';
import type { dutyTexts } from '../domain/duty-texts.js';
import { ServiceError } from '../domain/errors.js';
import { inInputYears, isIsoDate } from '../domain/local-time.js';

/** The request as it came (API JSON or page form): every field is checked here, for both alike. */
export type Input = Readonly<Record<string, unknown>>;

const plainText = (v: string) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** The rota's field checks: each refusal names the field in the zone's language (ServiceError 'invalid'). */
export function dutyFields(t: ReturnType<typeof dutyTexts>, people: readonly PersonConfig[]) {
  const bad = (msg: string) => new ServiceError('invalid', msg);
  const date = (input: Input, field: string): string => {
    const v = input[field];
    if (v === undefined || v === '') throw bad(t.required(field));
    if (typeof v !== 'string' || !isIsoDate(v)) throw bad(t.badDate(field, JSON.stringify(v).slice(0, 40)));
    if (!inInputYears(v)) throw bad(t.farDate(field, v));
    return v;
  };
  const text = (input: Input, field: string, max: number, required: boolean): string => {
    const v = input[field];
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) {
      if (required) throw bad(t.required(field));
      return '';
    }
    if (typeof v !== 'string' || v.trim().length > max || !plainText(v.trim()))
      throw bad(t.badText(field, max));
    return v.trim();
  };
  const flag = (input: Input, field: string): boolean => {
    const v = input[field];
    if (v === undefined || v === false || v === '') return false;
    if (v === true || v === 'true' || v === 'on' || v === '1') return true;
    throw bad(t.badBool(field));
  };
  /** A person id that must name an attendant (role staff): `personId`, or a post's holder `A[0]`. */
  const attendant = (field: string, id: unknown): PersonConfig => {
    if (id === undefined || id === '') throw bad(t.required(field));
    if (typeof id !== 'string') throw bad(t.unknownPerson(field, JSON.stringify(id).slice(0, 40)));
    const p = people.find((x) => x.id === id);
    if (!p) throw bad(t.unknownPerson(field, id.slice(0, 64)));
    if (p.role !== 'staff') throw bad(t.notStaff(field, p.name));
    return p;
  };
  const staff = (input: Input): PersonConfig => attendant('personId', input.personId);
  return { date, text, flag, staff, attendant, bad };
}
