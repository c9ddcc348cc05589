/**
 * Names a town office uses for the zone's weekdays and device types, shared by the CLI and the pages
 * so `zoneops calendar`, `check-config` and the staff pages say the same thing.
 */
export const weekdayNames = {
  'zh-CN': { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
} as const satisfies Record<string, Record<string, string>>;

export const deviceTypeNamesZh: Readonly<Record<string, string>> = {
  pc: '查阅电脑',
  kiosk: '自助机',
  printer: '打印机',
  copier: '复印机',
  mfp: '复印打印一体机',
  plug: '智能插座',
  other: '其他设备',
};
