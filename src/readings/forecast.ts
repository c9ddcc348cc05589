import type { Language } from '../domain/messages.js';
import { compressPlateaus, supplyName } from '../domain/report-counters.js';
import { daysLeft, orderDue } from '../domain/supply-forecast.js';
import { supplyLabel } from '../domain/supply-names.js';
import type { SupplySample } from './repo.js';

interface SupplyForecast {
  readonly days: number | null;
  readonly due: boolean;
}

/** The forecast of one supply from its stored history (pure; see compressPlateaus for why plateaus). */
export function forecastSupply(
  history: readonly SupplySample[],
  now: number,
  leadTimeDays: number,
): SupplyForecast {
  const receptacle = history.at(-1)?.receptacle ?? false;
  const days = daysLeft(compressPlateaus(history.map((s) => ({ at: s.at, percent: s.percent }))), now, {
    receptacle,
  });
  return { days, due: orderDue(days, leadTimeDays) };
}

/** The fault detail for one due supply, e.g. `黑色墨粉 预计 9 天后用完（采购周期 14 天）`. */
export function orderDetail(
  s: Pick<SupplySample, 'description' | 'type' | 'color' | 'receptacle'>,
  days: number,
  leadTimeDays: number,
  language: Language,
): string {
  const d = Math.floor(days);
  const name = language === 'en' ? supplyName(s) : supplyLabel(s, language);
  if (language === 'en') {
    return `${name}: ${s.receptacle ? 'full' : 'empty'} in about ${d} days (lead time ${leadTimeDays} days)`;
  }
  return `${name} 预计 ${d} 天后${s.receptacle ? '装满' : '用完'}（采购周期 ${leadTimeDays} 天）`;
}
