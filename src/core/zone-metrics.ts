import { Counter, Gauge, type Registry } from 'prom-client';
import type { CalendarSources } from '../domain/calendar.js';
import { isYearKnown } from '../domain/calendar.js';
import { localTime } from '../domain/local-time.js';

/** Metrics of the features wired in app.ts that have no module of their own to hold them. */
export function createZoneMetrics(
  registry: Registry,
  calendar: () => { sources: CalendarSources; tz: string },
  now: () => number,
) {
  const r = [registry];
  const powerActions = new Counter({
    name: 'zoneops_power_actions_total',
    help: 'Power commands sent by the schedule or by staff, by action (on, soft-off, cut) and result.',
    labelNames: ['action', 'result'],
    registers: r,
  });
  for (const action of ['on', 'soft-off', 'cut'])
    for (const result of ['ok', 'failed']) powerActions.inc({ action, result }, 0);
  const mqttBad = new Counter({
    name: 'zoneops_mqtt_bad_messages_total',
    help: 'MQTT messages refused (too large, not UTF-8, not JSON, wrong type, bad value, unknown topic, a forged discovery config, an RPC reply nobody asked for).',
    labelNames: ['reason'],
    registers: r,
  });
  new Gauge({
    name: 'zoneops_calendar_year_known',
    help: 'Whether the holiday calendar covers the year (1) or the schedule falls back to Mon–Fri (0): this year and next.',
    labelNames: ['year'],
    registers: r,
    collect() {
      this.reset();
      const c = calendar();
      const year = Number(localTime(now(), c.tz).date.slice(0, 4));
      for (const y of [year, year + 1]) this.set({ year: String(y) }, isYearKnown(y, c.sources) ? 1 : 0);
    },
  });
  return {
    powerAction(action: string, result: 'ok' | 'failed'): void {
      powerActions.inc({ action, result });
    },
    badMqttMessage(reason: string): void {
      mqttBad.inc({ reason });
    },
  };
}
