import type { Language } from './messages.js';

/**
 * Words for IPP printer-state-reasons keywords (RFC 8011 §5.4.12, plus `offline` of PWG 5100.9), so a
 * fault detail such as `other-error, spool-area-full-report` reaches the technician as 其他错误；打印缓存空间已满
 * instead of protocol text. The severity suffix is dropped (the fault has its own severity).
 */
const names: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  other: { 'zh-CN': '其他错误', en: 'other error' },
  'media-needed': { 'zh-CN': '需要装纸', en: 'media needed' },
  'media-jam': { 'zh-CN': '卡纸', en: 'paper jam' },
  'moving-to-paused': { 'zh-CN': '正在暂停', en: 'pausing' },
  paused: { 'zh-CN': '已暂停', en: 'paused' },
  shutdown: { 'zh-CN': '已停止服务', en: 'shut down' },
  'connecting-to-device': { 'zh-CN': '正在连接打印设备', en: 'connecting to the device' },
  'timed-out': { 'zh-CN': '连接打印设备超时', en: 'timed out' },
  stopping: { 'zh-CN': '正在停止', en: 'stopping' },
  'stopped-partly': { 'zh-CN': '部分功能已停止', en: 'partly stopped' },
  'toner-low': { 'zh-CN': '墨粉不足', en: 'toner low' },
  'toner-empty': { 'zh-CN': '墨粉已用完', en: 'toner empty' },
  'spool-area-full': { 'zh-CN': '打印缓存空间已满', en: 'spool area full' },
  'cover-open': { 'zh-CN': '机盖打开', en: 'cover open' },
  'interlock-open': { 'zh-CN': '安全联锁打开', en: 'interlock open' },
  'door-open': { 'zh-CN': '机门打开', en: 'door open' },
  'input-tray-missing': { 'zh-CN': '纸盒未装好', en: 'input tray missing' },
  'media-low': { 'zh-CN': '纸张不足', en: 'paper low' },
  'media-empty': { 'zh-CN': '缺纸', en: 'out of paper' },
  'output-tray-missing': { 'zh-CN': '出纸盘未装好', en: 'output tray missing' },
  'output-area-almost-full': { 'zh-CN': '出纸盘将满', en: 'output area almost full' },
  'output-area-full': { 'zh-CN': '出纸盘已满', en: 'output area full' },
  'marker-supply-low': { 'zh-CN': '耗材不足', en: 'supply low' },
  'marker-supply-empty': { 'zh-CN': '耗材已用完', en: 'supply empty' },
  'marker-waste-almost-full': { 'zh-CN': '废粉（废墨）盒将满', en: 'waste almost full' },
  'marker-waste-full': { 'zh-CN': '废粉（废墨）盒已满', en: 'waste full' },
  'fuser-over-temp': { 'zh-CN': '定影器温度过高', en: 'fuser over temperature' },
  'fuser-under-temp': { 'zh-CN': '定影器温度过低', en: 'fuser under temperature' },
  'opc-near-eol': { 'zh-CN': '感光鼓寿命将尽', en: 'drum near end of life' },
  'opc-life-over': { 'zh-CN': '感光鼓寿命已尽', en: 'drum life over' },
  'developer-low': { 'zh-CN': '显影剂不足', en: 'developer low' },
  'developer-empty': { 'zh-CN': '显影剂已用完', en: 'developer empty' },
  'interpreter-resource-unavailable': {
    'zh-CN': '打印语言资源不可用',
    en: 'interpreter resource unavailable',
  },
  offline: { 'zh-CN': '脱机', en: 'offline' },
};

const unknown: Readonly<Record<Language, (k: string) => string>> = {
  'zh-CN': (k) => `打印机报告的其他原因（${k}）`,
  en: (k) => `other reason (${k})`,
};

/** `media-jam-warning` → 卡纸; an unknown keyword is named as the printer's own reason. */
export function reasonName(keyword: string, language: Language): string {
  const bare = keyword.trim().replace(/-(error|warning|report)$/, '');
  return names[bare]?.[language] ?? unknown[language](bare);
}

/** A comma-separated reason list (as stored in a fault's detail) in words, joined the language's way. */
export function reasonList(detail: string, language: Language): string {
  const words = detail
    .split(/[,;]\s*/)
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k) => reasonName(k, language));
  return [...new Set(words)].join(language === 'en' ? '; ' : '；');
}
