/**
 * The one shape of "it worked, here is the value" or "it did not, here is why", for everything that
 * fails as a value rather than by throwing: loading the config and the calendar, resolving a secret,
 * an SNMP request, an IPP exchange, a lifecycle transition.
 */
export type Result<T, E = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
