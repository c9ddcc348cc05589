import * as sdk from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboard } from './model.js';

/**
 * The district overview (区级总览) for the district office: every town side by side, from the central
 * Prometheus that federates the towns (deploy/district/). Each value links to that town's own zone
 * overview (Grafana data links: `${__field.labels.site}` is the series' site), and the dashboard links to
 * all zoneops dashboards. The availability panel uses the district recording rules
 * (config/prometheus/rules/district.rules.yml) over the dashboard's range, "this month so far" by default.
 */
const S = 'site=~"$site"';
const drill = [
  {
    title: '打开 ${__field.labels.site} 的专区总览 (town overview)',
    url: '/d/zoneops-overview?var-site=${__field.labels.site}&${datasource:queryparam}&${__url_time_range}',
  },
];

export const district = dashboard({
  uid: 'zoneops-district',
  title: '政务公开专区 · 区级总览',
  description:
    'District overview: every town side by side — open faults, equipment availability this month, paper and toner, cleaning, uncovered duty.',
  variables: 'site',
  time: { from: 'now/M', to: 'now' },
  links: [
    new sdk.DashboardLinkBuilder('各镇专区看板 Town dashboards')
      .type(sdk.DashboardLinkType.Dashboards)
      .tags(['zoneops'])
      .asDropdown(true)
      .includeVars(true)
      .keepTime(true),
  ],
  panels: [
    {
      type: 'bargauge',
      title: '各镇未处理故障（按类型）',
      description: 'Open faults per town and kind (0 where a town has none).',
      exprs: [{ expr: `sum by (site, kind) (zoneops_faults_open{${S}})`, legend: '{{site}} {{kind}}' }],
      links: drill,
      w: 12,
      h: 10,
    },
    {
      type: 'bargauge',
      title: '本月设备可用率',
      description:
        'Equipment availability over the range (default: this month): device-minutes answering ÷ device-minutes the schedule wanted on.',
      exprs: [
        {
          expr: `sum by (site) (sum_over_time(site:zoneops_devices_available:sum{${S}}[$__range])) / sum by (site) (sum_over_time(site:zoneops_devices_expected_on:sum{${S}}[$__range]))`,
          legend: '{{site}}',
        },
      ],
      unit: 'percentunit',
      min: 0,
      max: 1,
      links: drill,
      w: 12,
      h: 10,
    },
    {
      type: 'bargauge',
      title: '缺纸与缺墨粉',
      description:
        'Paper and toner needs per town: printers and copiers now reporting paper low/out or toner low/out.',
      exprs: [
        {
          expr: `sum by (site) (zoneops_printer_condition{${S}, condition=~"paper-low|paper-out|toner-low|toner-out"})`,
          legend: '{{site}}',
        },
      ],
      links: drill,
      w: 8,
    },
    {
      type: 'bargauge',
      title: '本月清洁消毒完成率',
      description:
        'Cleaning and disinfection compliance this month per town: tasks done on time ÷ tasks due.',
      exprs: [{ expr: `avg by (site) (zoneops_hygiene_compliance_ratio{${S}})`, legend: '{{site}}' }],
      unit: 'percentunit',
      min: 0,
      max: 1,
      links: drill,
      w: 8,
    },
    {
      type: 'bargauge',
      title: '值班缺岗',
      description: 'Duty slots no attendant covers now, per town (the duty roster).',
      exprs: [{ expr: `sum by (site) (zoneops_duty_uncovered{${S}})`, legend: '{{site}}' }],
      links: drill,
      w: 8,
    },
    {
      type: 'table',
      title: '各镇设备在线',
      description: 'Per town: devices answering now, and devices the schedule wants on now.',
      exprs: [
        { expr: `sum by (site) (max by (site, device) (zoneops_device_up{${S}}))`, legend: '在线 up' },
        { expr: `site:zoneops_devices_expected_on:sum{${S}}`, legend: '应开机 expected on' },
      ],
      links: drill,
      w: 24,
    },
  ],
});
