import { isIsoDate, zonedEpoch } from '../../domain/local-time.js';

/** Parsing what HTML form controls send (the browser's own formats), in the zone's time zone. */

/** `<input type="datetime-local">`: `2025-05-06T16:30` (seconds allowed) → epoch ms; undefined if malformed. */
export function parseLocalDateTime(v: string, tz: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,3})?)?$/.exec(v);
  if (!m || !isIsoDate(m[1] as string)) return undefined;
  return zonedEpoch(m[1] as string, Number(m[2]) * 60 + Number(m[3]), tz);
}

/** `<input type="time">`: `18:00` (seconds allowed) → minutes after midnight; undefined if malformed. */
export function parseClock(v: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/.exec(v.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** `<input type="month">`: `2026-10`; the year from 2000 on (a report needs stored history). */
export function isFormMonth(v: string): boolean {
  return /^(20\d\d)-(0[1-9]|1[0-2])$/.test(v);
}
