/** The words of the reports page and of the public report form (`/report`, which issue 18 rebuilds). */
const zh = {
  reportsTitle: '月报',
  month: '月份',
  show: '查看',
  monthlyReport: '设备运行月报',
  monthlyReportOpen: '打开可打印的月报',
  complianceReport: '清洁消毒执行情况',
  complianceOpen: '打开可打印的清洁消毒执行情况表',
  pdf: '下载 PDF',
  csv: '下载表格（CSV，可用 Excel 打开）',
  reportOf: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`,
  errMonth: '月份格式不对，请用月份选择框选择（例如 2026年10月）。',
  errMonthFuture: '这个月还没有到，不能出月报。',
  errMonthOld: '这个月太早了，系统里没有那时的记录。',
  scrollHint: '表格较宽，可以左右滑动查看。',
  report: '报告问题',
  reportIntro: '设备出了问题？请告诉我们，工作人员会尽快处理。',
  whatsWrong: '哪里不对？',
  phone: '联系电话（可不填，填写后便于回复您）',
  submitReport: '提交',
  reportThanks: (ref: number) => `谢谢！已收到您的报告（编号 ${ref}）。`,
  tooMany: '提交次数过多，请稍后再试，或直接告诉现场工作人员。',
};

export type ReportStrings = typeof zh;

const en: ReportStrings = {
  reportsTitle: 'Reports',
  month: 'Month',
  show: 'Show',
  monthlyReport: 'Monthly equipment report',
  monthlyReportOpen: 'Open the printable monthly report',
  complianceReport: 'Cleaning and disinfection compliance',
  complianceOpen: 'Open the printable compliance table',
  pdf: 'Download PDF',
  csv: 'Download table (CSV, opens in Excel)',
  reportOf: (m: string) => m,
  errMonth: 'The month is not valid; choose one with the month picker (e.g. 2026-10).',
  errMonthFuture: 'That month has not come yet.',
  errMonthOld: 'That month is too early: there are no records from then.',
  scrollHint: 'The table is wide: swipe sideways to see all of it.',
  report: 'Report a problem',
  reportIntro: 'Something not working? Tell us and the staff will see to it.',
  whatsWrong: 'What is wrong?',
  phone: 'Phone (optional, so that we can reply)',
  submitReport: 'Send',
  reportThanks: (ref: number) => `Thank you! Report no. ${ref} received.`,
  tooMany: 'Too many reports; please try later or tell the staff on site.',
};

export const reports = { 'zh-CN': zh, en };
