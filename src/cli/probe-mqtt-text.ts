import type { AgentCommand } from '../config/sections/mqtt-device.js';
import { evidenceText } from '../domain/evidence-text.js';
import { formatLocal } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import type { ProbeProblem } from '../domain/observation.js';
import type { AgentCommandView } from '../mqtt/dialects/agent.js';
import { reasonZh } from './probe-text.js';

/**
 * What `zoneops probe mqtt` prints for a person, in Chinese (the default) or English. The topics and
 * payloads are the device's own (the technician types them into the device), so they stay as they are;
 * `--json` is never translated.
 */

export interface MqttProbeView {
  readonly broker: string;
  readonly family: string;
  readonly topic: string;
  readonly online: boolean;
  readonly relay: 'on' | 'off' | null;
  readonly watts: number | null;
  readonly energyKWh: number | null;
  readonly deviceOn: boolean | null;
  readonly lastSeen: string | null;
  readonly messages: number;
  readonly badMessages: number;
  readonly commands?: readonly AgentCommandView[];
  readonly problem?: ProbeProblem;
}

const familyZh: Record<string, string> = {
  tasmota: 'Tasmota 智能插座',
  shelly1: 'Shelly 第一代智能插座',
  shelly2: 'Shelly 第二代智能插座',
  agent: '电脑代理程序',
};
const commandZh: Record<AgentCommand, string> = {
  shutdown: '关机',
  restart: '重启',
  hibernate: '休眠',
  lock: '锁屏',
};

function english(r: MqttProbeView): string[] {
  const v = (x: unknown) => (x === null ? '-' : x === true ? 'yes' : x === false ? 'no' : String(x));
  const lines = [
    `broker     ${r.broker}`,
    `device     ${r.family} ${r.topic}`,
    `online     ${v(r.online)}`,
    `relay      ${v(r.relay)}`,
    `watts      ${v(r.watts)}`,
    `energyKWh  ${v(r.energyKWh)}`,
    `deviceOn   ${v(r.deviceOn)}`,
    `lastSeen   ${v(r.lastSeen)}`,
    `messages   ${r.messages} (${r.badMessages} bad)`,
  ];
  for (const c of r.commands ?? []) {
    lines.push(`${`${c.command}`.padEnd(11)}${c.topic} ${c.payload}  (from ${c.source})`);
  }
  if (r.problem) lines.push(`problem    ${r.problem.reason}: ${r.problem.message}`);
  return lines;
}

/** Where an agent's command topic came from: `config`, `template` or `discovery <config topic>`. */
function sourceZh(source: string): string {
  if (source === 'config') return '来自配置文件';
  if (source === 'template') return '来自默认模板';
  const m = /^discovery (.+)$/.exec(source);
  return m ? `来自代理程序的自动发现配置 ${m[1]}` : `来自 ${source}`;
}

/** The probe's own problem messages (src/cli/probe-mqtt.ts, src/mqtt/power-state.ts) in Chinese. */
function problemZh(p: ProbeProblem): string {
  const silent = /^no usable message from (\S+) "(.*)" in (\d+) s$/.exec(p.message);
  if (silent)
    return `${silent[3]} 秒内没有收到 ${familyZh[silent[1] as string] ?? silent[1]} "${silent[2]}" 的可用消息`;
  // The broker's own words stay below, for the technician to look up.
  const broker = /^broker: (.*)$/s.exec(p.message);
  if (broker) return `无法连接消息服务器（${reasonZh(p.reason)}）\n  原文：${broker[1]}`;
  const topic = /^mqtt\.topic (".*") must not contain \+ or #$/.exec(p.message);
  if (topic) return `设备主题 ${topic[1]} 不能含有 + 或 #`;
  return evidenceText('unreachable', p.message, 'zh-CN') || `${reasonZh(p.reason)}\n  原文：${p.message}`;
}

function chinese(r: MqttProbeView): string[] {
  const v = (x: unknown) => (x === null ? '—' : x === true ? '是' : x === false ? '否' : String(x));
  const unit = (x: number | null, u: string) => (x === null ? '—' : `${x} ${u}`);
  const relay = r.relay === 'on' ? '开' : r.relay === 'off' ? '关' : '—';
  const lastSeen =
    r.lastSeen === null
      ? '—'
      : formatLocal(Date.parse(r.lastSeen), Intl.DateTimeFormat().resolvedOptions().timeZone, {
          seconds: true,
        });
  const lines = [
    `消息服务器：${r.broker}`,
    `设备：${familyZh[r.family] ?? r.family} ${r.topic}`,
    `在线：${v(r.online)}`,
    `插座开关：${relay}`,
    `功率：${unit(r.watts, '瓦')}`,
    `累计用电：${unit(r.energyKWh, '千瓦时')}`,
    `${r.family === 'agent' ? '电脑开机' : '所接设备开机'}：${v(r.deviceOn)}`,
    `最后收到消息：${lastSeen}`,
    `收到消息：${r.messages} 条，其中无法识别 ${r.badMessages} 条`,
  ];
  for (const c of r.commands ?? []) {
    lines.push(
      `${commandZh[c.command] ?? c.command}命令：向 ${c.topic} 发送 ${c.payload}（${sourceZh(c.source)}）`,
    );
  }
  if (r.problem) lines.push(`问题：${problemZh(r.problem)}`);
  return lines;
}

export function formatProbe(r: MqttProbeView, lang: Language): string {
  return `${(lang === 'en' ? english(r) : chinese(r)).join('\n')}\n`;
}

/** The command's refusals of its options (exit 2) and its warnings on stderr. */
export const probeMqttWords = {
  seconds: (got: string, lang: Language) =>
    lang === 'en'
      ? `--seconds: expected 1..3600 seconds, got "${got}"`
      : `--seconds：应为 1 到 3600 之间的整数（秒），实际是 "${got}"`,
  relay: (got: string, lang: Language) =>
    lang === 'en'
      ? `--relay: expected a relay number 1..32, got "${got}"`
      : `--relay：应为 1 到 32 之间的继电器编号，实际是 "${got}"`,
  fullTopic: (got: string, lang: Language) =>
    lang === 'en'
      ? `--full-topic: expected a FullTopic with %prefix% and %topic%, e.g. "%topic%/%prefix%/", got "${got}"`
      : `--full-topic：应同时含有 %prefix% 和 %topic%、不含 + 或 #，例如 "%topic%/%prefix%/"，实际是 "${got}"`,
  queryNotSent: (why: string, lang: Language) =>
    lang === 'en' ? `state query not sent: ${why}` : `未能向设备发送状态查询：${why}`,
  disconnect: (why: string, lang: Language) =>
    lang === 'en' ? `MQTT disconnect: ${why}` : `断开与消息服务器的连接时出错：${why}`,
};
