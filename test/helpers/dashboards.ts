import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/** A committed Grafana dashboard (grafana/dashboards/*.json) as a test reads it: Grafana's JSON model. */
export interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly templating: { readonly list: ReadonlyArray<{ readonly name: string }> };
  readonly links?: ReadonlyArray<{ readonly type: string; readonly tags?: readonly string[] }>;
  readonly panels: ReadonlyArray<{
    readonly title: string;
    readonly description: string;
    readonly gridPos: { x: number; y: number; w: number; h: number };
    readonly targets: ReadonlyArray<{ readonly expr: string }>;
    readonly fieldConfig?: { readonly defaults?: { readonly links?: ReadonlyArray<{ url: string }> } };
  }>;
}

export const dashboardDir = join(repoRoot, 'grafana/dashboards');

/** Every committed dashboard by file name (without .json). */
export function committedDashboards(): Record<string, DashboardJson> {
  const out: Record<string, DashboardJson> = {};
  for (const f of readdirSync(dashboardDir).filter((x) => x.endsWith('.json')))
    out[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dashboardDir, f), 'utf8')) as DashboardJson;
  return out;
}
