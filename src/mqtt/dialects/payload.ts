import { bad, type Decoded } from './types.js';

/** Larger than any real plug/agent message (Tasmota STATUS0 is a few kB); bigger payloads are junk. */
const maxPayloadBytes = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

type Parsed<T> = { ok: true; value: T } | { ok: false; bad: Decoded };

/** Bytes → trimmed text, refusing oversized or non-UTF-8 payloads. */
export function payloadText(payload: Uint8Array): Parsed<string> {
  if (payload.byteLength > maxPayloadBytes) {
    return { ok: false, bad: bad('too-large', `${payload.byteLength} bytes (limit ${maxPayloadBytes})`) };
  }
  try {
    return { ok: true, value: utf8.decode(payload).trim() };
  } catch {
    return { ok: false, bad: bad('not-utf8', 'payload is not UTF-8 text') };
  }
}

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Bytes → a JSON object (not an array or scalar). */
export function payloadObject(payload: Uint8Array): Parsed<JsonObject> {
  const text = payloadText(payload);
  if (!text.ok) return text;
  let value: unknown;
  try {
    value = JSON.parse(text.value);
  } catch {
    return { ok: false, bad: bad('not-json', `not JSON: ${preview(text.value)}`) };
  }
  if (!isObject(value)) return { ok: false, bad: bad('wrong-type', 'expected a JSON object') };
  return { ok: true, value };
}

/** A finite, non-negative number: watts and kWh from a plug are never negative or NaN. */
export function isReading(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** A plain number in text form ("12.5"), as Shelly Gen1 publishes watts. */
export function numberText(text: string): number | null {
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A short, printable excerpt of a bad payload for the log (never the whole 1 MB). */
export function preview(text: string): string {
  const clean = text.replace(/[^\x20-\x7e\u4e00-\u9fff]/g, '?');
  return clean.length > 40 ? `${JSON.stringify(clean.slice(0, 40))}…` : JSON.stringify(clean);
}
