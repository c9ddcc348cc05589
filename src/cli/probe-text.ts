import { conditionName } from '../domain/condition-names.js';
import { evidenceText } from '../domain/evidence-text.js';
import type { Language } from '../domain/messages.js';
import type { ProbeProblem } from '../domain/observation.js';
import { supplyLabel, trayLabel } from '../domain/supply-names.js';
import type { SnmpReading } from '../probes/snmp/read-device.js';

/**
 * What `zoneops probe snmp` prints for a person, in English or Chinese. The device's own words
 * (sysDescr, supply and tray names, alert texts) are kept next to the Chinese ones, so the technician
 * can still match them with the device's panel.
 */

const words = {
  kinds: { printer: '打印机', pc: '电脑', kiosk: '自助机', other: '其他设备' } as Record<string, string>,
  status: {
    idle: '空闲',
    printing: '正在打印',
    warmup: '预热中',
    stopped: '已停止',
    other: '其他',
    unknown: '未知',
  } as Record<string, string>,
  level: { ok: '正常', low: '偏低', empty: '已用完', 'some-remaining': '有余量', unknown: '未知' } as Record<
    string,
    string
  >,
  severity: { critical: '严重', warning: '警告', info: '提示' } as Record<string, string>,
  storage: {
    'fixed-disk': '硬盘',
    ram: '内存',
    'virtual-memory': '虚拟内存',
    removable: '移动存储',
    network: '网络盘',
    other: '其他存储',
  } as Record<string, string>,
  reasons: {
    timeout: '超时',
    unreachable: '网络不通',
    refused: '连接被拒绝',
    dns: '找不到主机',
    auth: '认证失败',
    protocol: '应答有误',
  } as Record<string, string>,
};

/** A probe's reason (`timeout`, `refused` …) as the office says it: 超时, 连接被拒绝 … */
export const reasonZh = (reason: string | undefined) => words.reasons[reason ?? ''] ?? '未知原因';

/** `无法连接（超时）：连续 2 次请求无应答…` / `unreachable (timeout): no answer after 2 tries…`. */
export function unreachableLine(p: ProbeProblem | undefined, lang: Language): string {
  if (lang === 'en') return `unreachable (${p?.reason}): ${p?.message}`;
  const said = evidenceText('unreachable', p?.message ?? '', 'zh-CN');
  return `无法连接（${reasonZh(p?.reason)}）：${said || '无应答'}${p?.message ? `\n  设备原文：${p.message}` : ''}`;
}

function english(r: SnmpReading): string[] {
  const o = r.observation;
  const lines = [
    `reachable  kind=${r.kind} (${r.evidence})  uptime=${r.uptimeSeconds ?? '?'} s`,
    `sysDescr: ${r.sysDescr}`,
    `sysObjectID: ${r.sysObjectID ?? '-'}`,
  ];
  if (r.context) lines.push(`context: ${r.context}`);
  if (r.sysName) lines.push(`sysName: ${r.sysName}`);
  if (o.problem) lines.push(`note: ${o.problem.message}`);
  const p = o.printer;
  if (p) {
    lines.push(
      `printer: status=${p.status} pages=${p.pageCount ?? '?'} errors=${r.errors.join(',') || 'none'}`,
    );
    for (const s of p.supplies) {
      const pct = s.percent === null ? '' : ` ${s.percent}%`;
      lines.push(
        `  supply ${s.index} ${s.description} [${s.type}] ${s.level}/${s.max ?? '?'}${pct} ${s.state}`,
      );
    }
    for (const t of p.trays)
      lines.push(`  tray ${t.index} ${t.description} ${t.level}/${t.max ?? '?'} ${t.state}`);
    for (const a of p.alerts) lines.push(`  alert ${a.severity} ${a.group} ${a.code} ${a.description}`);
  }
  const h = o.host;
  if (h) {
    lines.push(
      `host: cpu=${h.cpuLoadPercent ?? '?'}% processes=${h.processes.length} installed=${h.installed.length}`,
    );
    for (const s of h.storage) {
      lines.push(
        `  ${s.kind}${s.pseudo ? ' (pseudo filesystem, not judged)' : ''} ${s.description}: ${(s.usedBytes / 2 ** 30).toFixed(1)}/${(s.sizeBytes / 2 ** 30).toFixed(1)} GiB`,
      );
    }
  }
  for (const c of o.conditions)
    lines.push(`condition ${c.severity} ${c.name}${c.detail ? `: ${c.detail}` : ''}`);
  return lines;
}

function chinese(r: SnmpReading): string[] {
  const o = r.observation;
  const lines = [
    `可以连接  类型：${words.kinds[r.kind] ?? r.kind}（判断依据：${r.evidence}）  已运行 ${r.uptimeSeconds ?? '?'} 秒`,
    `系统描述（sysDescr）：${r.sysDescr ?? '—'}`,
    `系统标识（sysObjectID）：${r.sysObjectID ?? '—'}`,
  ];
  if (r.context) lines.push(`SNMP 上下文：${r.context}`);
  if (r.sysName) lines.push(`设备名称（sysName）：${r.sysName}`);
  if (o.problem)
    lines.push(`注意：${evidenceText('unreachable', o.problem.message, 'zh-CN') || o.problem.message}`);
  const p = o.printer;
  if (p) {
    lines.push(
      `打印机：${words.status[p.status] ?? p.status}，累计 ${p.pageCount ?? '?'} 页，错误位：${r.errors.join('、') || '无'}`,
    );
    for (const s of p.supplies) {
      const pct = s.percent === null ? '' : `，${s.percent}%`;
      lines.push(
        `  耗材 ${s.index} ${supplyLabel(s, 'zh-CN')}（${s.description}）：${s.level}/${s.max ?? '?'}${pct}，${words.level[s.state] ?? s.state}`,
      );
    }
    for (const t of p.trays)
      lines.push(
        `  纸盒 ${t.index} ${trayLabel(t.description, t.index, 'zh-CN')}（${t.description}）：${t.level}/${t.max ?? '?'}，${words.level[t.state] ?? t.state}`,
      );
    for (const a of p.alerts) {
      const said = evidenceText('service-requested', a.description, 'zh-CN');
      lines.push(
        `  告警：${words.severity[a.severity] ?? a.severity} ${said || a.code}（${a.code}，${a.description}）`,
      );
    }
  }
  const h = o.host;
  if (h) {
    lines.push(
      `电脑：处理器 ${h.cpuLoadPercent ?? '?'}%，进程 ${h.processes.length} 个，已安装软件 ${h.installed.length} 个`,
    );
    for (const s of h.storage) {
      lines.push(
        `  ${words.storage[s.kind] ?? s.kind}${s.pseudo ? '（虚拟文件系统，不判断是否已满）' : ''} ${s.description}：已用 ${(s.usedBytes / 2 ** 30).toFixed(1)} / ${(s.sizeBytes / 2 ** 30).toFixed(1)} GiB`,
      );
    }
  }
  for (const c of o.conditions) {
    const detail = c.detail ? evidenceText('service-requested', c.detail, 'zh-CN') || c.detail : '';
    lines.push(
      `情况：${words.severity[c.severity] ?? c.severity} ${conditionName(c.name, 'zh-CN')}${detail ? `：${detail}` : ''}`,
    );
  }
  return lines;
}

export function snmpLines(r: SnmpReading, lang: Language): string[] {
  if (!r.observation.reachable) return [unreachableLine(r.observation.problem, lang)];
  return lang === 'en' ? english(r) : chinese(r);
}
