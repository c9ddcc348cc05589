import { describe, expect, it } from 'vitest';
import { faultKinds } from '../../../src/domain/fault-kinds.js';
import { faultLink, faultSummary, renderFaultMessage } from '../../../src/domain/messages.js';

/** The texts people read (src/domain/messages.ts): what each fault is called, and whole messages. */
const device = {
  id: 'p-01',
  name: '打印机 P-01',
  location: '一楼查阅区',
  assetNo: 'ZS-1',
  vendor: { name: '某某办公设备', phone: '400-000-0000' },
  serviceProvider: { name: '某某科技', contact: '孙师傅', phone: '023-0000' },
  warrantyUntil: '2025-12-31',
};
const zh = { siteName: '濯水镇政务公开专区', language: 'zh-CN' as const, today: '2025-05-06' };

describe('fault texts', () => {
  it('every kind has its Chinese words, as the attendants say them', () => {
    const words: Record<string, string> = {
      unreachable: '无法连接',
      'power-on-failed': '按计划开机后未能启动',
      'still-on-after-hours': '下班后仍未关机',
      'paper-low': '纸张不足',
      'paper-out': '缺纸',
      'toner-low': '墨粉不足',
      'toner-out': '墨粉已用完',
      jam: '卡纸',
      'door-open': '机盖未关好',
      offline: '处于脱机状态',
      'service-requested': '需要维修',
      'disk-full': '磁盘空间不足',
      'forbidden-software': '发现禁止安装的软件',
      'software-changed': '已安装的软件发生变化',
      'hardware-changed': '硬件配置发生变化',
      'cleaning-overdue': '清洁已逾期',
      'disinfection-overdue': '消毒已逾期',
      'public-report': '有群众报告故障',
      'supply-order-due': '耗材需要提前采购',
      'printer-stopped': '已停止工作且不接受打印任务',
      'spool-area-full': '打印缓存空间已满，无法接收新任务',
      'plug-overload': '插座因过载已自动断电',
    };
    expect(Object.keys(words).sort()).toEqual([...faultKinds].sort());
    for (const k of faultKinds)
      expect(faultSummary(k, device, 'zh-CN')).toBe(`打印机 P-01（一楼查阅区）${words[k]}`);
    expect(faultSummary('jam', device, 'en')).toBe('打印机 P-01 (一楼查阅区) has a paper jam');
  });

  it('a technician’s message carries the vendor, the service provider, the asset number and the warranty', () => {
    const m = renderFaultMessage(
      'initial',
      { id: 3, kind: 'jam', severity: 'critical', detail: ' 纸盒 2 ' },
      device,
      ['technician'],
      zh,
    );
    expect(m.text).toBe(
      [
        '【濯水镇政务公开专区】打印机 P-01（一楼查阅区）卡纸（纸盒 2），请党政办技术员及时联系厂家和技术服务商。',
        '厂家：某某办公设备 400-000-0000',
        '技术服务商：某某科技（孙师傅） 023-0000',
        '资产编号：ZS-1；保修：在保（至 2025-12-31）',
      ].join('\n'),
    );
    expect(m.title).toBe('【濯水镇政务公开专区】打印机 P-01（一楼查阅区）卡纸');
    expect(m.link).toBeUndefined();
    const expired = renderFaultMessage(
      'initial',
      { id: 3, kind: 'jam', severity: 'critical', detail: '' },
      device,
      ['technician'],
      {
        ...zh,
        today: '2026-01-01',
      },
    );
    expect(expired.text).toContain('保修：已过保（2025-12-31 到期）');
    const unknown = renderFaultMessage(
      'initial',
      { id: 3, kind: 'jam', severity: 'critical', detail: '' },
      { ...device, warrantyUntil: null },
      ['technician'],
      zh,
    );
    expect(unknown.text).toContain('保修：未登记');
    // On the last day of the warranty it is still in warranty.
    expect(
      renderFaultMessage(
        'initial',
        { id: 3, kind: 'jam', severity: 'critical', detail: '' },
        device,
        ['technician'],
        {
          ...zh,
          today: '2025-12-31',
        },
      ).text,
    ).toContain('在保');
  });

  it('escalations and reminders say so and how long nobody acknowledged; who acts depends on the route', () => {
    const f = { id: 9, kind: 'software-changed' as const, severity: 'warning' as const, detail: '' };
    expect(renderFaultMessage('escalate', f, device, ['lead'], zh, 15).text).toBe(
      '【濯水镇政务公开专区】【升级】打印机 P-01（一楼查阅区）已安装的软件发生变化，已 15 分钟无人确认，请专区负责人处理。',
    );
    expect(renderFaultMessage('remind', f, device, ['on-duty'], zh, 30).text).toBe(
      '【濯水镇政务公开专区】【提醒】打印机 P-01（一楼查阅区）已安装的软件发生变化，已 30 分钟无人确认，请值班人员处理。',
    );
    expect(renderFaultMessage('initial', f, device, ['technician', 'lead'], zh).text.split('\n')[0]).toBe(
      '【濯水镇政务公开专区】打印机 P-01（一楼查阅区）已安装的软件发生变化，请技术员与专区负责人核实（任何人不得擅自更新软件或更换硬件）。',
    );
  });

  it('the detail is cut at 80 characters, the cut marked with an ellipsis; the link comes last', () => {
    const m = renderFaultMessage(
      'initial',
      {
        id: 12,
        kind: 'offline',
        severity: 'warning',
        detail: `*[x](http://127.0.0.1/)*#${'长'.repeat(100)}`,
      },
      device,
      ['on-duty'],
      { ...zh, publicUrl: 'http://127.0.0.1:9464//' },
    );
    expect(m.link).toBe('http://127.0.0.1:9464/faults/12');
    expect(m.text.split('\n')).toHaveLength(2);
    expect(m.text.split('\n')[1]).toBe('详情：http://127.0.0.1:9464/faults/12');
    // 25 characters of markup-like text, then 54 of the 100 长 and the ellipsis: 80 in all.
    expect(m.text).toContain(`*[x](http://127.0.0.1/)*#${'长'.repeat(80 - 25 - 1)}…）`);
    const md = m.markdown.split('\n');
    expect(md.at(-1)).toBe('[详情](http://127.0.0.1:9464/faults/12)');
    expect(md).toHaveLength(2);
  });

  it('technician lines are quoted in markdown', () => {
    const m = renderFaultMessage(
      'initial',
      { id: 1, kind: 'jam', severity: 'critical', detail: '' },
      device,
      ['technician'],
      zh,
    );
    expect(m.markdown.split('\n').slice(1)).toEqual([
      '> 厂家：某某办公设备 400-000-0000',
      '> 技术服务商：某某科技（孙师傅） 023-0000',
      '> 资产编号：ZS-1；保修：在保（至 2025-12-31）',
    ]);
  });

  it('a link only with a public URL', () => {
    expect(faultLink(undefined, 1)).toBeUndefined();
    expect(faultLink('http://127.0.0.1:9464', 4)).toBe('http://127.0.0.1:9464/faults/4');
  });
});
