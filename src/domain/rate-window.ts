/**
 * A sliding-window limit over stored times (pure): `mine` are the times this visitor was counted, `all`
 * the whole zone's, both within the window. Only what was accepted is counted, so a refused or mistyped
 * attempt never uses up anybody's allowance. Returns how long to wait when over a limit.
 */
export function windowLimit(
  mine: readonly number[],
  all: readonly number[],
  now: number,
  windowMs: number,
  perVisitor: number,
  total: number,
): { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number; readonly zoneWide: boolean } {
  const since = now - windowMs;
  const m = mine.filter((t) => t > since).sort((a, b) => a - b);
  const a = all.filter((t) => t > since).sort((x, y) => x - y);
  if (m.length >= perVisitor)
    return {
      ok: false,
      retryAfterMs: Math.max(1000, (m[m.length - perVisitor] as number) + windowMs - now),
      zoneWide: false,
    };
  if (a.length >= total)
    return {
      ok: false,
      retryAfterMs: Math.max(1000, (a[a.length - total] as number) + windowMs - now),
      zoneWide: true,
    };
  return { ok: true };
}
