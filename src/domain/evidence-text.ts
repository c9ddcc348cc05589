import { conditionName, isNamedCondition } from './condition-names.js';
import type { FaultKind } from './fault-kinds.js';
import { reasonList, reasonName } from './ipp-reason-names.js';
import type { Language } from './messages.js';
import { colourName, supplyLabel, supplyTypeName, trayIn } from './supply-names.js';

/**
 * A fault's evidence as people read it (pure): what the device or the probe said, in the reader's
 * language. Devices speak English protocol text (`Tray 1 empty`, an SNMP timeout, IPP keywords); in
 * Chinese the known phrases are said in Chinese (`纸盒 1 无纸`) and the unknown ones left out — the fault
 * kind already names the problem, and the page keeps the original for the technician. Nothing is ever
 * cut in the middle of a word.
 */

const cjk = /[\u3400-\u9fff]/;

/** Shortens to at most `max` characters at a word boundary (or between CJK characters), with `…`. */
export function shortenAtWord(text: string, max: number): string {
  const chars = Array.from(text.trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1);
  for (let i = cut.length - 1; i >= Math.max(0, cut.length - 24); i--) {
    const c = cut[i] as string;
    const next = chars[i + 1] ?? '';
    if (/[\s,;:，；：、。)）]/.test(c))
      return `${cut
        .slice(0, i + 1)
        .join('')
        .trimEnd()}…`;
    if (cjk.test(c) || cjk.test(next)) return `${cut.slice(0, i + 1).join('')}…`;
  }
  return `${cut.join('').replace(/\S+$/, '').trimEnd() || cut.join('')}…`;
}

/** The messages zoneops' own probes write for an unreachable device (src/probes, src/mqtt), in Chinese. */
const problems: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [
    /^no answer after (\d+) tr(?:y|ies) of (\d+) ms( \(or the community is wrong)?/,
    (m) => `连续 ${m[1]} 次请求无应答（每次等待 ${m[2]} 毫秒）${m[3] ? '；也可能是团体名配置不对' : ''}`,
  ],
  [/^no answer from .+ within (\d+) ms/, (m) => `${m[1]} 毫秒内无应答`],
  [/^no complete answer within (\d+) s/, (m) => `${m[1]} 秒内没有完整应答`],
  [/^port closed/, () => '端口未开放，连接被拒绝'],
  [/^no such host: (\S+)/, (m) => `找不到主机 ${m[1]}`],
  [/^SNMPv3 authentication failed/, () => 'SNMPv3 认证失败，请核对用户名和密钥'],
  [/^invalid response/, () => '设备应答格式有误'],
  [/^agent refused the request/, () => '设备拒绝了请求'],
  [/^cannot open SNMP session/, () => '无法建立 SNMP 会话'],
  [/^partial data/, () => '只读到部分数据'],
  [/reported offline \(MQTT/, () => '设备通过 MQTT 报告已离线'],
  [/^no live MQTT message/, () => '尚未收到设备的实时 MQTT 消息'],
  [/^no MQTT message from .+ for (\d+) s/, (m) => `已 ${m[1]} 秒没有收到 MQTT 消息`],
  [/^MQTT offline$/, () => 'MQTT 离线'],
  [/^no answer$/, () => '无应答'],
  [/^bad IPP answer/, () => '打印机的 IPP 应答无法解析'],
  [/answered IPP .+ with/, () => '打印机拒绝了 IPP 查询'],
  [/^HTTP (\d{3})/, (m) => `打印机返回 HTTP ${m[1]}，该地址可能不是 IPP 打印机`],
  [/certificate|fingerprint|self[- ]signed/i, () => '打印机证书校验未通过'],
  [/ECONNREFUSED|connection refused/i, () => '连接被拒绝'],
  [/EHOSTUNREACH|ENETUNREACH|unreachable/i, () => '网络不通'],
  [/ENOTFOUND|EAI_AGAIN/, () => '找不到主机'],
  [/timed? ?out/i, () => '超时无应答'],
];

function problemText(p: string): string | undefined {
  for (const [re, say] of problems) {
    const m = re.exec(p);
    if (m) return say(m);
  }
  return undefined;
}

const doorWhere = (p: string) =>
  /front/i.test(p)
    ? '前门'
    : /rear|back/i.test(p)
      ? '后门'
      : /top|upper/i.test(p)
        ? '上盖'
        : /side|right|left/i.test(p)
          ? '侧门'
          : '机盖';

/** A printer's alert text (prtAlertDescription) in Chinese, when it is one of the phrases printers use. */
function alertPhrase(p: string): string | undefined {
  const tray = trayIn(p);
  if (tray) {
    const r = tray.rest;
    if (/jam/i.test(r)) return `${tray.name} 卡纸`;
    // "near empty" is low, not empty: the nearness is asked first.
    if (/low|near/i.test(r)) return `${tray.name} 纸张不足`;
    if (/empty|out\b|no paper|load|add/i.test(r)) return `${tray.name} 无纸`;
    if (/missing|not (installed|inserted|set)|remove/i.test(r)) return `${tray.name} 未装好`;
    if (/open/i.test(r)) return `${tray.name} 未关好`;
    if (/size|mismatch|type/i.test(r)) return `${tray.name} 纸张规格不符`;
    return undefined;
  }
  if (/jam/i.test(p)) return '卡纸';
  if (/(door|cover)\b.*\bopen|open\b.*\b(door|cover)/i.test(p)) return `${doorWhere(p)}未关好`;
  if (/waste/i.test(p))
    return /almost|near/i.test(p) ? '废粉盒将满' : /full/i.test(p) ? '废粉盒已满' : undefined;
  if (/toner|ink|cartridge|drum/i.test(p)) {
    const what = `${colourName(null, p)}${supplyTypeName('', p) || '墨粉'}`;
    if (/missing|not installed|install/i.test(p)) return `未装${what}`;
    // "Toner near end" / "near empty" is low, not used up: the nearness is asked first.
    if (/low|near/i.test(p)) return `${what}不足`;
    if (/empty|out\b|end\b|replace/i.test(p)) return `${what}已用完`;
    return undefined;
  }
  if (/(paper|media)\s*(out|empty)|out of paper|no paper|(load|add)\s*paper/i.test(p)) return '缺纸';
  if (/(paper|media)\s*low/i.test(p)) return '纸张不足';
  if (/output (bin|tray).*full/i.test(p)) return '出纸盘已满';
  if (/offline/i.test(p)) return '脱机';
  if (/warm/i.test(p)) return '正在预热';
  if (/sleep|energy sav|power sav/i.test(p)) return '节能休眠中';
  if (/fuser/i.test(p)) return '定影器故障';
  if (/service|call|error \d|sc\d{3}/i.test(p)) return '需要维修';
  return undefined;
}

/** One part of a detail (details of several occurrences are joined with `; `). */
function partText(kind: FaultKind, part: string): string | undefined {
  if (/^[a-z]+(-[a-z]+)*-(error|warning|report)$/.test(part)) return reasonName(part, 'zh-CN');
  if (isNamedCondition(part, 'zh-CN')) return conditionName(part, 'zh-CN');
  if (kind === 'unreachable' || kind === 'power-on-failed') return problemText(part);
  if (part === 'overpower') return '功率超过插座上限';
  const alert = alertPhrase(part);
  if (alert) return alert;
  // toner-low, toner-out, waste, maintenance: the detail is the supply's own name.
  if (supplyTypeName('', part) !== '') return supplyLabel({ description: part }, 'zh-CN');
  return problemText(part);
}

function changeText(detail: string): string {
  return detail
    .replace(/(^|;\s*)added: /g, '$1新增：')
    .replace(/(^|;\s*)removed: /g, '$1移除：')
    .replace(/;\s*/g, '；')
    .replace(/, /g, '、');
}

/** The evidence of a fault in the reader's language; '' when there is nothing worth saying. */
export function evidenceText(kind: FaultKind, detail: string, language: Language, max = 120): string {
  const d = detail.trim();
  if (d === '') return '';
  if (kind === 'printer-stopped' || kind === 'spool-area-full') return reasonList(d, language);
  if (language === 'en' || cjk.test(d)) return shortenAtWord(d, max);
  // Names of installed software are names: shown as they are, in a Chinese list.
  if (kind === 'forbidden-software') return shortenAtWord(d.replace(/, /g, '、'), max);
  if (kind === 'software-changed' || kind === 'hardware-changed') return shortenAtWord(changeText(d), max);
  if (kind === 'disk-full') {
    const m = /^(.*?)\s+(\d{1,3})%$/.exec(d);
    if (m) {
      const drive = /^([A-Za-z]):\\/.exec(m[1] as string);
      return drive
        ? `${(drive[1] as string).toUpperCase()} 盘已用 ${m[2]}%`
        : `${(m[1] as string).split(/\s+/)[0]} 已用 ${m[2]}%`;
    }
  }
  const said = d
    .split(/;\s*|,\s+(?=[a-z]+(?:-[a-z]+)*-(?:error|warning|report)\b)/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => partText(kind, p))
    .filter((p): p is string => p !== undefined && p !== '');
  return shortenAtWord([...new Set(said)].join('；'), max);
}
