import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/**
 * zoneops' dashboards on Grafana's own dashboards-as-code SDK (`@grafana/grafana-foundation-sdk`, its
 * DashboardBuilder, the panel builders per visualisation and the Prometheus DataqueryBuilder). This
 * file only says what every zoneops dashboard shares (the data source, site and device variables, tags,
 * refresh) and turns a short panel spec into the SDK's builders; the SDK lays the panels out on the
 * 24-column grid and fills in Grafana's defaults.
 */
export type Dashboard = sdk.Dashboard;

export const datasource = { type: 'prometheus', uid: '${datasource}' } as const;

export type PanelType = 'stat' | 'timeseries' | 'table' | 'bargauge' | 'state-timeline';

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
  /** Data links on the panel's values (Grafana "data links": `${__field.labels.site}` is the series' site). */
  links?: Array<{ title: string; url: string }>;
}

type AnyPanel =
  | stat.PanelBuilder
  | timeseries.PanelBuilder
  | table.PanelBuilder
  | bargauge.PanelBuilder
  | statetimeline.PanelBuilder;

function panelOf(type: PanelType): AnyPanel {
  switch (type) {
    case 'stat':
      return new stat.PanelBuilder();
    case 'timeseries':
      return new timeseries.PanelBuilder();
    case 'table':
      return new table.PanelBuilder().showHeader(true);
    case 'bargauge':
      return new bargauge.PanelBuilder();
    case 'state-timeline':
      return new statetimeline.PanelBuilder();
  }
}

function panel(p: PanelSpec, id: number): cog.Builder<sdk.Panel> {
  // Tables, stats and bar gauges show the value now; time series and timelines show the range.
  const instant = p.type === 'table' || p.type === 'stat' || p.type === 'bargauge';
  const b = panelOf(p.type)
    .id(id)
    .title(p.title)
    .description(p.description)
    .datasource(datasource)
    .span(p.w ?? 8)
    .height(p.h ?? 8);
  p.exprs.forEach((e, j) => {
    const q = new prometheus.DataqueryBuilder().refId(String.fromCharCode(65 + j)).expr(e.expr);
    if (e.legend !== undefined) q.legendFormat(e.legend);
    if (instant) q.instant();
    b.withTarget(q);
  });
  if (p.unit !== undefined) b.unit(p.unit);
  if (p.min !== undefined) b.min(p.min);
  if (p.max !== undefined) b.max(p.max);
  if (p.links) b.dataLinks(p.links.map((l) => new sdk.DashboardLinkBuilder(l.title).url(l.url)));
  return b;
}

const allOption = { text: 'All', value: '$__all' };

function queryVariable(name: string, label: string, query: string): sdk.QueryVariableBuilder {
  return new sdk.QueryVariableBuilder(name)
    .label(label)
    .datasource(datasource)
    .query({ query, refId: name })
    .includeAll(true)
    .multi(true)
    .allValue('.+')
    .refresh(sdk.VariableRefresh.OnTimeRangeChanged)
    .current(allOption);
}

export function dashboard(spec: {
  uid: string;
  title: string;
  description: string;
  panels: PanelSpec[];
  /** Default: the data source, site and device variables. */
  variables?: 'site-and-device' | 'site';
  time?: { from: string; to: string };
  links?: cog.Builder<sdk.DashboardLink>[];
}): Dashboard {
  const b = new sdk.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['zoneops'])
    .timezone('browser')
    .editable()
    .refresh('1m')
    .time(spec.time ?? { from: 'now-24h', to: 'now' })
    .withVariable(
      new sdk.DatasourceVariableBuilder('datasource').label('数据源 Data source').type('prometheus'),
    )
    .withVariable(queryVariable('site', '站点 Site', 'label_values(zoneops_build_info, site)'));
  if (spec.variables !== 'site')
    b.withVariable(
      queryVariable('device', '设备 Device', 'label_values(zoneops_device_info{site=~"$site"}, device)'),
    );
  for (const l of spec.links ?? []) b.link(l);
  spec.panels.forEach((p, i) => {
    b.withPanel(panel(p, i + 1));
  });
  return b.build();
}
