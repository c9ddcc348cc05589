import { Gauge, type Registry } from 'prom-client';

interface SupplyForecastLabels {
  readonly device: string;
  readonly supply: string;
  readonly type: string;
  readonly color: string;
}

export interface ForecastMetrics {
  /** `days` null removes the series: no forecast is absent, never 0. */
  daysLeft(labels: SupplyForecastLabels, days: number | null): void;
}

export const noopForecastMetrics: ForecastMetrics = { daysLeft() {} };

/**
 * `zoneops_printer_supply_days_left`: labels as `zoneops_printer_supply_level_ratio` (device id from
 * the inventory, supply index, Printer-MIB type and colour), so the two join in PromQL.
 */
export function createForecastMetrics(registry: Registry): ForecastMetrics {
  const g = new Gauge({
    name: 'zoneops_printer_supply_days_left',
    help: 'Estimated days until the supply runs out (a waste receptacle: fills up); absent where there is too little history.',
    labelNames: ['device', 'supply', 'type', 'color'],
    registers: [registry],
  });
  return {
    daysLeft(labels, days) {
      const l = { ...labels };
      if (days === null) g.remove(l);
      else g.set(l, days);
    },
  };
}
