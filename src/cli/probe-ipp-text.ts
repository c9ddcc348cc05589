import { conditionName } from '../domain/condition-names.js';
import { reasonName } from '../domain/ipp-reason-names.js';
import { supplyLabel } from '../domain/supply-names.js';
import type { jsonView } from './probe-ipp.js';

const stateZh: Record<string, string> = { idle: '空闲', processing: '正在打印', stopped: '已停止' };
const levelZh: Record<string, string> = {
  ok: '正常',
  low: '偏低',
  empty: '已用完',
  'some-remaining': '有余量',
  unknown: '未知',
};
const severityZh: Record<string, string> = { error: '错误', warning: '警告', report: '提示' };

/** `zoneops probe ipp` for a Chinese reader; the printer's own keywords stay in brackets. */
export function chineseIppView(v: ReturnType<typeof jsonView>): string {
  const lines = [
    `${v.uri}：可以连接`,
    `  型号：${v.makeAndModel ?? '（打印机没有报告）'}`,
    `  状态：${stateZh[v.state] ?? v.state}${v.acceptingJobs === false ? '，不接受新任务' : ''}，排队任务 ${v.queuedJobs ?? '?'} 个`,
    `  打印机消息：${v.message ?? ''}`,
    `  原因：${v.reasons.map((x) => `${reasonName(x.keyword, 'zh-CN')}（${x.keyword}，${severityZh[x.severity] ?? x.severity}）`).join('；') || '无'}`,
    `  情况：${v.conditions.map((c) => conditionName(c, 'zh-CN')).join('、') || '无'}`,
    `  UUID：${v.uuid ?? '（没有报告）'}，已运行 ${v.upTimeSeconds ?? '?'} 秒`,
  ];
  for (const m of v.markers) {
    const level = m.percent === null ? `数值 ${m.level}` : `${m.percent}%`;
    const name = supplyLabel({ type: m.type, color: m.color, description: m.name }, 'zh-CN');
    lines.push(`  耗材：${name}（${m.name}）：${level}，${levelZh[m.state] ?? m.state}`);
  }
  for (const a of v.alerts)
    lines.push(`  告警：${[a.code, a.severity, a.group].filter(Boolean).join('/')} ${a.description}`);
  return `${lines.join('\n')}\n`;
}
