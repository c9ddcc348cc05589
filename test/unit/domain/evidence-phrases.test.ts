import { describe, expect, it } from 'vitest';
import { evidenceText } from '../../../src/domain/evidence-text.js';
import type { FaultKind } from '../../../src/domain/fault-kinds.js';

/**
 * The phrases printers and zoneops' own probes write, as the attendant and the technician read them in
 * Chinese (src/domain/evidence-text.ts). The device texts are the ones printers put in
 * prtAlertDescription; the probe texts are the messages of src/probes and src/mqtt.
 */

const zh = (kind: FaultKind, detail: string) => evidenceText(kind, detail, 'zh-CN');

describe('a tray named in a printer alert', () => {
  it.each<[FaultKind, string, string]>([
    ['paper-out', 'Tray 1 empty', '纸盒 1 无纸'],
    ['paper-out', 'TRAY2 out of paper', '纸盒 2 无纸'],
    ['paper-out', 'Load paper in Cassette 3', '纸盒 3 无纸'],
    ['paper-out', 'Add paper to the Bypass Tray', '手送纸盒 无纸'],
    ['paper-out', 'Manual feed empty', '手送纸盒 无纸'],
    ['paper-out', '2nd tray no paper', '纸盒 2 无纸'],
    ['paper-low', 'Tray 1 paper low', '纸盒 1 纸张不足'],
    ['paper-low', 'Tray 1 near end', '纸盒 1 纸张不足'],
    // "near empty" is low, not empty (was 纸盒 2 无纸 until 2026-12-02).
    ['paper-low', 'Tray 2 near empty', '纸盒 2 纸张不足'],
    ['jam', 'Paper jam in tray 2', '纸盒 2 卡纸'],
    ['jam', 'Bypass Tray jam', '手送纸盒 卡纸'],
    ['service-requested', 'Tray 2 missing', '纸盒 2 未装好'],
    ['service-requested', 'Tray 2 not inserted', '纸盒 2 未装好'],
    ['service-requested', 'Tray 2 not installed', '纸盒 2 未装好'],
    ['service-requested', 'Tray 2 not set', '纸盒 2 未装好'],
    ['service-requested', 'Tray 2 removed', '纸盒 2 未装好'],
    ['door-open', 'Tray 2 open', '纸盒 2 未关好'],
    ['service-requested', 'Tray 1 size mismatch', '纸盒 1 纸张规格不符'],
    ['service-requested', 'Tray 1 paper type', '纸盒 1 纸张规格不符'],
    ['service-requested', 'Tray 1 media mismatch', '纸盒 1 纸张规格不符'],
  ])('%s: "%s" → %s', (kind, detail, expected) => {
    expect(zh(kind, detail)).toBe(expected);
  });
  it('a tray with nothing wrong said about it is left out', () => {
    expect(zh('paper-out', 'Tray 1 ready')).toBe('');
  });
});

describe('a door or cover left open', () => {
  it.each([
    ['Front door open', '前门未关好'],
    ['Open the front cover', '前门未关好'],
    ['Rear cover open', '后门未关好'],
    ['Back door open', '后门未关好'],
    ['Top cover open', '上盖未关好'],
    ['Upper cover open', '上盖未关好'],
    ['Side door open', '侧门未关好'],
    ['Right cover open', '侧门未关好'],
    ['Left door open', '侧门未关好'],
    ['Cover open', '机盖未关好'],
  ])('"%s" → %s', (detail, expected) => {
    expect(zh('door-open', detail)).toBe(expected);
  });
});

describe('supplies and other printer alerts', () => {
  it.each<[FaultKind, string, string]>([
    ['jam', 'Paper jam', '卡纸'],
    ['service-requested', 'Waste toner almost full', '废粉盒将满'],
    ['service-requested', 'Waste toner box near full', '废粉盒将满'],
    ['service-requested', 'Waste toner full', '废粉盒已满'],
    ['toner-low', 'Black toner low', '黑色墨粉不足'],
    ['toner-low', 'Magenta ink low', '品红色墨水不足'],
    // Nearly used up is low, not used up (was 墨粉已用完 until 2026-12-02).
    ['toner-low', 'Toner near end', '墨粉不足'],
    ['toner-low', 'Black toner near empty', '黑色墨粉不足'],
    ['toner-out', 'Cyan cartridge empty', '青色墨粉盒已用完'],
    ['toner-out', 'Toner out', '墨粉已用完'],
    ['toner-out', 'Replace black toner', '黑色墨粉已用完'],
    ['service-requested', 'Drum end of life', '硒鼓已用完'],
    ['service-requested', 'Toner cartridge not installed', '未装墨粉盒'],
    ['service-requested', 'Install magenta toner', '未装品红色墨粉'],
    ['service-requested', 'Black toner missing', '未装黑色墨粉'],
    ['paper-out', 'Paper out', '缺纸'],
    ['paper-out', 'Media empty', '缺纸'],
    ['paper-out', 'Out of paper', '缺纸'],
    ['paper-out', 'No paper', '缺纸'],
    ['paper-out', 'Load paper', '缺纸'],
    ['paper-out', 'Add paper', '缺纸'],
    ['paper-low', 'Paper low', '纸张不足'],
    ['paper-low', 'Media low', '纸张不足'],
    ['service-requested', 'Output bin full', '出纸盘已满'],
    ['service-requested', 'Output tray is full', '出纸盘已满'],
    ['offline', 'Printer offline', '脱机'],
    ['offline', 'Warming up', '正在预热'],
    ['offline', 'Sleep mode', '节能休眠中'],
    ['offline', 'Energy saving', '节能休眠中'],
    ['offline', 'Power save mode', '节能休眠中'],
    ['service-requested', 'Fuser error', '定影器故障'],
    ['service-requested', 'Call for service', '需要维修'],
    ['service-requested', 'Service required', '需要维修'],
    ['service-requested', 'Error 50.1', '需要维修'],
    ['service-requested', 'SC542', '需要维修'],
    ['service-requested', 'Call the engineer', '需要维修'],
    ['service-requested', 'cover-open-report', '机盖打开'],
  ])('%s: "%s" → %s', (kind, detail, expected) => {
    expect(zh(kind, detail)).toBe(expected);
  });
  it('a waste box with no level said is named, not judged', () => {
    expect(zh('service-requested', 'Waste toner box replace')).toBe('废粉盒');
  });
});

describe('why a device cannot be reached, as the probes say it', () => {
  it.each([
    [
      'no answer after 2 tries of 1500 ms (or the community is wrong: agents ignore a wrong community)',
      '连续 2 次请求无应答（每次等待 1500 毫秒）；也可能是团体名配置不对',
    ],
    ['no answer after 1 try of 1000 ms', '连续 1 次请求无应答（每次等待 1000 毫秒）'],
    ['no answer from 10.0.0.5:631 within 5000 ms', '5000 毫秒内无应答'],
    ['no complete answer within 12 s', '12 秒内没有完整应答'],
    ['port closed (ICMP port unreachable)', '端口未开放，连接被拒绝'],
    ['no such host: printer-2.local', '找不到主机 printer-2.local'],
    ['SNMPv3 authentication failed: Authentication digest mismatch', 'SNMPv3 认证失败，请核对用户名和密钥'],
    ['invalid response: bad BER', '设备应答格式有误'],
    ['agent refused the request: noSuchName', '设备拒绝了请求'],
    ['cannot open SNMP session: bind EADDRINUSE', '无法建立 SNMP 会话'],
    ['partial data: walk of prtMarkerSupplies timed out', '只读到部分数据'],
    ['plug reported offline (MQTT availability/last will)', '设备通过 MQTT 报告已离线'],
    ['no live MQTT message from the plug yet (only retained ones)', '尚未收到设备的实时 MQTT 消息'],
    ['no MQTT message from the plug for 300 s (offlineAfterSeconds 120)', '已 300 秒没有收到 MQTT 消息'],
    ['MQTT offline', 'MQTT 离线'],
    ['no answer', '无应答'],
    ['bad IPP answer from 10.0.0.5: unexpected end of data', '打印机的 IPP 应答无法解析'],
    ['10.0.0.5 answered IPP 2.0 Get-Printer-Attributes with client-error-not-found', '打印机拒绝了 IPP 查询'],
    [
      'HTTP 404 Not Found from 10.0.0.5:631/ipp/print (not an IPP printer at this URI?)',
      '打印机返回 HTTP 404，该地址可能不是 IPP 打印机',
    ],
    [
      'TLS certificate of 10.0.0.5:631 not trusted (SELF_SIGNED_CERT_IN_CHAIN); to trust it set ipp.tls.fingerprint: AB:CD (or ipp.tls.acceptAnyCertificate: true)',
      '打印机证书校验未通过',
    ],
    ['connection refused by 10.0.0.5:631 (printer off or IPP disabled?)', '连接被拒绝'],
    ['connect ECONNREFUSED 10.0.0.5:161', '连接被拒绝'],
    ['10.0.0.5:631 unreachable (EHOSTUNREACH)', '网络不通'],
    ['connect ENETUNREACH 10.0.0.5:631', '网络不通'],
    ['connect EHOSTUNREACH 10.0.0.5:161', '网络不通'],
    ['getaddrinfo ENOTFOUND printer-2.local', '找不到主机'],
    ['getaddrinfo EAI_AGAIN printer-2.local', '找不到主机'],
    ['request timed out', '超时无应答'],
    ['Timeout', '超时无应答'],
    ['time out', '超时无应答'],
  ])('"%s" → %s', (detail, expected) => {
    expect(zh('unreachable', detail)).toBe(expected);
  });
  it('a message the probes do not write is left out', () => {
    expect(zh('unreachable', 'cannot resolve printer-2.local')).toBe('');
    expect(zh('unreachable', 'no answer yet')).toBe('');
    expect(zh('unreachable', 'the MQTT offline flag')).toBe('');
  });
  it('a device that does not come up after power-on is told in the same words', () => {
    expect(zh('power-on-failed', 'no answer from 10.0.0.5:631 within 3000 ms')).toBe('3000 毫秒内无应答');
    expect(zh('power-on-failed', 'MQTT offline')).toBe('MQTT 离线');
  });
  it('a probe message on a printer fault is said in words too', () => {
    expect(zh('offline', 'request timed out')).toBe('超时无应答');
  });
});
