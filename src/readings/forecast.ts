import type { Language } from '../domain/messages.js';
import { daysLeft, type LevelSample, orderDue } from '../domain/supply-forecast.js';
import type { SupplySample } from './repo.js';

/**
 * The forecast of one supply from its stored history (pure). Levels are reported in whole percent and
 * sampled hourly, so the history is a staircase of long plateaus: only the first sample of each plateau
 * (and the latest sample) go to the estimator, so hundreds of identical hourly readings neither crowd
 * out the older steps (the estimator keeps the most recent samples only) nor flatten the trend.
 */
export function compressPlateaus(samples: readonly LevelSample[]): LevelSample[] {
  const out: LevelSample[] = [];
  for (const s of samples) {
    const prev = out.at(-1);
    if (prev === undefined || prev.percent !== s.percent) out.push(s);
  }
  const last = samples.at(-1);
  if (last !== undefined && out.at(-1) !== last) out.push(last);
  return out;
}

export interface SupplyForecast {
  readonly days: number | null;
  readonly due: boolean;
}

export function forecastSupply(
  history: readonly SupplySample[],
  now: number,
  leadTimeDays: number,
): SupplyForecast {
  const receptacle = history.at(-1)?.receptacle ?? false;
  const days = daysLeft(
    compressPlateaus(history.map((s) => ({ at: s.at, percent: s.percent }))),
    now,
    { receptacle },
  );
  return { days, due: orderDue(days, leadTimeDays) };
}

/** How the supply is called in a message: the device's own description, else its type and colour. */
export function supplyName(s: Pick<SupplySample, 'description' | 'type' | 'color'>): string {
  const d = s.description.trim().replace(/\s+/g, ' ').slice(0, 40);
  if (d !== '') return d;
  return s.color ? `${s.color} ${s.type}` : s.type;
}

/** The fault detail for one due supply, e.g. `Black Toner 预计 9 天后用完（采购周期 14 天）`. */
export function orderDetail(
  s: Pick<SupplySample, 'description' | 'type' | 'color' | 'receptacle'>,
  days: number,
  leadTimeDays: number,
  language: Language,
): string {
  const d = Math.floor(days);
  const name = supplyName(s);
  if (language === 'en') {
    return `${name}: ${s.receptacle ? 'full' : 'empty'} in about ${d} days (lead time ${leadTimeDays} days)`;
  }
  return `${name} 预计 ${d} 天后${s.receptacle ? '装满' : '用完'}（采购周期 ${leadTimeDays} 天）`;
}
