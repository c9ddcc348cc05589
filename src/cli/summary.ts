import type { Config } from '../config/schema.js';
import { hhmm } from '../domain/local-time.js';

function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
}

/** The human summary `zoneops check-config` prints for a valid file. No secrets, no phone numbers. */
export function summarizeConfig(config: Config): string[] {
  const d = config.devices;
  const protocols = d.flatMap((x) =>
    [x.snmp ? 'snmp' : '', x.ipp ? 'ipp' : '', x.mqtt ? 'mqtt' : ''].filter(Boolean),
  );
  const people = config.people.map((p) => (p.role === 'staff' ? `staff ${p.post ?? '?'}` : p.role));
  const hours = config.officeHours;
  return [
    `site: ${config.site} (${config.siteName}), timezone ${config.timezone}, language ${config.language}`,
    `devices: ${d.length}${d.length ? ` (${tally(d.map((x) => x.type))})` : ''}`,
    `  protocols: ${tally(protocols) || 'none'}; power: ${tally(d.map((x) => x.power.method)) || 'none'}`,
    `people: ${config.people.length}${people.length ? ` (${tally(people)})` : ''}`,
    `notifiers: ${config.notifiers.length}${config.notifiers.length ? ` (${tally(config.notifiers.map((n) => n.type))})` : ''}`,
    `office hours: ${hours.weekdays.join(' ')}; lunch break ${hours.lunchBreak}`,
    ...hours.seasons.map(
      (s) =>
        `  ${s.name} from ${s.from}: ${s.periods.map((p) => `${hhmm(p.from)}-${hhmm(p.to)}`).join(', ')}`,
    ),
    `api tokens: ${config.api.tokens.length}${config.api.tokens.length ? ` (${tally(config.api.tokens.map((t) => t.role))})` : ''}`,
    `http: ${config.http.listen.host}:${config.http.listen.port}; store: ${config.store.path}`,
  ];
}
