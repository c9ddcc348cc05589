import { writeFileSync } from 'node:fs';
import { district } from './district.js';
import { type Dashboard, dashboard } from './model.js';

/**
 * zoneops' Grafana dashboards, built with Grafana's foundation SDK (scripts/grafana/model.ts) into
 * grafana/dashboards/*.json by `npm run dashboards`. A test checks the committed JSON is current and
 * runs every panel's query against a real Prometheus. Titles in Chinese, English in the descriptions.
 */
const S = 'site=~"$site"';
const SD = 'site=~"$site", device=~"$device"';

export const dashboards: Record<string, Dashboard> = {
  'zone-overview': dashboard({
    uid: 'zoneops-overview',
    title: '政务公开专区 · 总览',
    description:
      'Zone overview: devices up vs expected, open faults, supplies needing attention, schedule and hygiene.',
    panels: [
      {
        type: 'stat',
        title: '在线设备',
        description: 'Devices that answered their last poll (any protocol).',
        exprs: [{ expr: `count(max by (site, device) (zoneops_device_up{${SD}}) == 1) or vector(0)` }],
        w: 6,
        h: 5,
      },
      {
        type: 'stat',
        title: '应开机设备',
        description: 'Devices the power schedule says should be on now.',
        exprs: [{ expr: `sum(zoneops_device_expected_on{${SD}}) or vector(0)` }],
        w: 6,
        h: 5,
      },
      {
        type: 'stat',
        title: '未处理故障',
        description: 'Open faults (not yet resolved or cleared).',
        exprs: [{ expr: `sum(zoneops_faults_open{${S}}) or vector(0)` }],
        w: 6,
        h: 5,
      },
      {
        type: 'stat',
        title: '需更换耗材',
        description: 'Supplies below 20 % of capacity.',
        exprs: [{ expr: `count(zoneops_printer_supply_level_ratio{${SD}} < 0.2) or vector(0)` }],
        w: 6,
        h: 5,
      },
      {
        type: 'table',
        title: '设备状态',
        description: 'Each device: answering now (1/0) and expected on by the schedule (1/0).',
        exprs: [
          { expr: `max by (site, device, type) (zoneops_device_up{${SD}})`, legend: 'up' },
          { expr: `max by (site, device, type) (zoneops_device_expected_on{${SD}})`, legend: 'expected on' },
        ],
        w: 12,
        h: 9,
      },
      {
        type: 'table',
        title: '今日清洁消毒',
        description: 'Hygiene tasks: overdue (1) or not (0), per target and task.',
        exprs: [{ expr: `max by (site, target, task) (zoneops_hygiene_overdue{${S}})` }],
        w: 12,
        h: 9,
      },
      {
        type: 'timeseries',
        title: '在线与应开机设备数',
        description: 'Devices up vs devices expected on over time: the gap is what the public could not use.',
        exprs: [
          {
            expr: `sum by (site) (max by (site, device) (zoneops_device_up{${SD}}))`,
            legend: '{{site}} 在线 up',
          },
          { expr: `sum by (site) (zoneops_device_expected_on{${SD}})`, legend: '{{site}} 应开机 expected' },
        ],
        w: 24,
      },
    ],
  }),
  printers: dashboard({
    uid: 'zoneops-printers',
    title: '政务公开专区 · 打印机与复印机',
    description: 'Printers & copiers: supply levels over time, conditions, pages per day.',
    panels: [
      {
        type: 'timeseries',
        title: '耗材余量',
        description: 'Supply level as a fraction of capacity (absent where the device does not measure it).',
        exprs: [
          { expr: `zoneops_printer_supply_level_ratio{${SD}}`, legend: '{{device}} {{type}} {{color}}' },
        ],
        unit: 'percentunit',
        min: 0,
        max: 1,
        w: 12,
      },
      {
        type: 'table',
        title: '当前状况',
        description: 'Active printer conditions (paper-out, jam, toner-low, …) — 1 while active.',
        exprs: [{ expr: `zoneops_printer_condition{${SD}} == 1 or on() vector(0)` }],
        w: 12,
      },
      {
        type: 'timeseries',
        title: '每日打印页数',
        description:
          'Pages printed per day from the devices’ lifetime counters (the free printing service given).',
        exprs: [{ expr: `increase(zoneops_printer_pages_total{${SD}}[1d])`, legend: '{{device}}' }],
        w: 12,
      },
      {
        type: 'timeseries',
        title: '排队作业',
        description: 'Print jobs waiting or printing.',
        exprs: [{ expr: `zoneops_printer_queued_jobs{${SD}}`, legend: '{{device}}' }],
        w: 12,
      },
    ],
  }),
  pcs: dashboard({
    uid: 'zoneops-pcs',
    title: '政务公开专区 · 电脑与自助机',
    description: 'PCs & kiosks: up, CPU, storage, forbidden-software events.',
    panels: [
      {
        type: 'state-timeline',
        title: '在线状态',
        description: 'Whether each PC or kiosk answered its polls.',
        exprs: [
          { expr: `max by (device) (zoneops_device_up{${SD}, type=~"pc|kiosk"})`, legend: '{{device}}' },
        ],
        w: 24,
      },
      {
        type: 'timeseries',
        title: '处理器负载',
        description: 'Average processor load.',
        exprs: [{ expr: `zoneops_pc_cpu_load_ratio{${SD}}`, legend: '{{device}}' }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        w: 12,
      },
      {
        type: 'bargauge',
        title: '磁盘与内存使用',
        description: 'Used fraction of fixed disks and memory.',
        exprs: [{ expr: `zoneops_pc_storage_used_ratio{${SD}}`, legend: '{{device}} {{storage}}' }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        w: 12,
      },
      {
        type: 'timeseries',
        title: '违规软件与软硬件变更',
        description:
          'Forbidden-software, software-changed and hardware-changed faults opened (seed rule: no games, no unauthorised installs).',
        exprs: [
          {
            expr: `sum by (kind) (increase(zoneops_faults_opened_total{${S}, kind=~"forbidden-software|software-changed|hardware-changed"}[1d])) or vector(0)`,
            legend: '{{kind}}',
          },
        ],
        w: 24,
      },
    ],
  }),
  operations: dashboard({
    uid: 'zoneops-operations',
    title: '政务公开专区 · 运维',
    description:
      'Operations: faults by kind, time to acknowledge/resolve, notifications, power actions vs plan, hygiene compliance.',
    panels: [
      {
        type: 'bargauge',
        title: '未处理故障（按类型）',
        description: 'Open faults by kind and severity.',
        exprs: [
          {
            expr: `sum by (kind, severity) (zoneops_faults_open{${S}}) or vector(0)`,
            legend: '{{kind}} {{severity}}',
          },
        ],
        w: 12,
      },
      {
        type: 'timeseries',
        title: '响应与修复时间',
        description: 'Median time to acknowledge and to resolve faults over the last 7 days.',
        exprs: [
          {
            expr: `histogram_quantile(0.5, sum by (le) (rate(zoneops_fault_ack_seconds_bucket{${S}}[7d])))`,
            legend: '确认 ack p50',
          },
          {
            expr: `histogram_quantile(0.5, sum by (le) (rate(zoneops_fault_resolve_seconds_bucket{${S}}[7d])))`,
            legend: '修复 resolve p50',
          },
        ],
        unit: 's',
        w: 12,
      },
      {
        type: 'timeseries',
        title: '通知发送',
        description: 'Notifications by channel and result, and the outbox waiting to be sent.',
        exprs: [
          {
            expr: `sum by (channel, result) (increase(zoneops_notifications_total{${S}}[1h])) or vector(0)`,
            legend: '{{channel}} {{result}}',
          },
          { expr: `sum(zoneops_notification_outbox_pending{${S}})`, legend: '待发送 pending' },
        ],
        w: 12,
      },
      {
        type: 'timeseries',
        title: '开关机执行',
        description: 'Power actions by action and result, against the devices the schedule expects on.',
        exprs: [
          {
            expr: `sum by (action, result) (increase(zoneops_power_actions_total{${S}}[1h])) or vector(0)`,
            legend: '{{action}} {{result}}',
          },
          { expr: `sum(zoneops_device_expected_on{${S}})`, legend: '应开机 expected on' },
        ],
        w: 12,
      },
      {
        type: 'stat',
        title: '本月清洁消毒完成率',
        description: 'Hygiene compliance this month: tasks done on time / tasks due.',
        exprs: [{ expr: `avg(zoneops_hygiene_compliance_ratio{${S}})` }],
        unit: 'percentunit',
        w: 12,
        h: 6,
      },
      {
        type: 'timeseries',
        title: '轮询耗时与失败',
        description: 'Poll duration p95 by protocol, and failed polls per hour by reason.',
        exprs: [
          {
            expr: `histogram_quantile(0.95, sum by (le, protocol) (rate(zoneops_poll_duration_seconds_bucket{${S}}[5m])))`,
            legend: '{{protocol}} p95',
          },
          {
            expr: `sum by (protocol, reason) (increase(zoneops_poll_failures_total{${S}}[1h])) or vector(0)`,
            legend: '{{protocol}} {{reason}}',
          },
        ],
        w: 12,
        h: 6,
      },
    ],
  }),
  district,
};

if (process.argv[1]?.endsWith('dashboards.ts')) {
  for (const [name, d] of Object.entries(dashboards)) {
    writeFileSync(
      new URL(`../../grafana/dashboards/${name}.json`, import.meta.url),
      `${JSON.stringify(d, null, 2)}\n`,
    );
  }
}
