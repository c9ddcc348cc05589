/** A typed subset of Grafana's dashboard JSON model (schemaVersion 39): what zoneops' dashboards use. */

export interface Target {
  refId: string;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
}

export type PanelType = 'stat' | 'timeseries' | 'table' | 'bargauge' | 'state-timeline';

export interface Panel {
  id: number;
  type: PanelType;
  title: string;
  description: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { type: 'prometheus'; uid: string };
  targets: Target[];
  fieldConfig: { defaults: { unit?: string; min?: number; max?: number; decimals?: number }; overrides: [] };
  options: Record<string, unknown>;
}

export interface TemplateVariable {
  name: string;
  label: string;
  type: 'query' | 'datasource';
  query: string | { query: string; refId: string };
  datasource?: { type: 'prometheus'; uid: string };
  includeAll: boolean;
  multi: boolean;
  allValue?: string;
  refresh: 1 | 2;
  current: Record<string, unknown>;
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: 'browser';
  schemaVersion: 39;
  editable: boolean;
  refresh: string;
  time: { from: string; to: string };
  templating: { list: TemplateVariable[] };
  panels: Panel[];
}

export const datasource = { type: 'prometheus', uid: '${datasource}' } as const;

export interface PanelSpec {
  type: PanelType;
  title: string;
  description: string;
  exprs: Array<{ expr: string; legend?: string }>;
  unit?: string;
  min?: number;
  max?: number;
  w?: number;
  h?: number;
}

/** Lays panels out left to right, 24 columns wide, and numbers them. */
export function dashboard(spec: {
  uid: string;
  title: string;
  description: string;
  panels: PanelSpec[];
}): Dashboard {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((p, i): Panel => {
    const w = p.w ?? 8;
    const h = p.h ?? 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    const defaults: Panel['fieldConfig']['defaults'] = {};
    if (p.unit !== undefined) defaults.unit = p.unit;
    if (p.min !== undefined) defaults.min = p.min;
    if (p.max !== undefined) defaults.max = p.max;
    return {
      id: i + 1,
      type: p.type,
      title: p.title,
      description: p.description,
      gridPos,
      datasource,
      targets: p.exprs.map((e, j) => ({
        refId: String.fromCharCode(65 + j),
        expr: e.expr,
        ...(e.legend !== undefined ? { legendFormat: e.legend } : {}),
        ...(p.type === 'table' || p.type === 'stat' || p.type === 'bargauge' ? { instant: true } : {}),
      })),
      fieldConfig: { defaults, overrides: [] },
      options: p.type === 'table' ? { showHeader: true } : {},
    };
  });
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['zoneops'],
    timezone: 'browser',
    schemaVersion: 39,
    editable: true,
    refresh: '1m',
    time: { from: 'now-24h', to: 'now' },
    templating: { list: variables() },
    panels,
  };
}

function variables(): TemplateVariable[] {
  return [
    {
      name: 'datasource',
      label: '数据源 Data source',
      type: 'datasource',
      query: 'prometheus',
      includeAll: false,
      multi: false,
      refresh: 1,
      current: {},
    },
    {
      name: 'site',
      label: '站点 Site',
      type: 'query',
      datasource,
      query: { query: 'label_values(zoneops_build_info, site)', refId: 'site' },
      includeAll: true,
      multi: true,
      allValue: '.+',
      refresh: 2,
      current: { text: 'All', value: '$__all' },
    },
    {
      name: 'device',
      label: '设备 Device',
      type: 'query',
      datasource,
      query: { query: 'label_values(zoneops_device_info{site=~"$site"}, device)', refId: 'device' },
      includeAll: true,
      multi: true,
      allValue: '.+',
      refresh: 2,
      current: { text: 'All', value: '$__all' },
    },
  ];
}
