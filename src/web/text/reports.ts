/** The words of the `/reports` page (the report's own are in src/report/) and of the public report form. */
const zh = {
  reportsTitle: '月报',
  month: '月份',
  show: '查看',
  files: '下载与打印',
  pdf: 'PDF（A4，报送用）',
  printable: '打印版网页',
  csv: '表格（CSV，可用 Excel 打开）',
  servicePage: '服务情况（网页）',
  serviceCsv: '服务情况（CSV）',
  complianceOpen: '清洁消毒检查表（打印版，附检查人签字栏）',
  formatOneOf: (list: readonly string[]) => `格式应为 ${list.join('、')} 之一。`,
  errMonth: '月份格式不对，请用月份选择框选择（例如 2026年10月）。',
  errMonthFuture: '这个月还没有到，不能出月报。',
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
  reportsTitle: 'Monthly report',
  month: 'Month',
  show: 'Show',
  files: 'Download',
  pdf: 'PDF (A4, to file)',
  printable: 'Printable page',
  csv: 'Tables (CSV, Excel)',
  servicePage: 'Service given (page)',
  serviceCsv: 'Service given (CSV)',
  complianceOpen: 'Cleaning inspection sheet (printable, with a line to sign)',
  formatOneOf: (list: readonly string[]) => `format: expected one of ${list.join(', ')}.`,
  errMonth: 'The month is not valid; choose one with the month picker (e.g. 2026-10).',
  errMonthFuture: 'That month has not come yet.',
  report: 'Report a problem',
  reportIntro: 'Something not working? Tell us and the staff will see to it.',
  whatsWrong: 'What is wrong?',
  phone: 'Phone (optional, so that we can reply)',
  submitReport: 'Send',
  reportThanks: (ref: number) => `Thank you! Report no. ${ref} received.`,
  tooMany: 'Too many reports; please try later or tell the staff on site.',
};

export const reports = { 'zh-CN': zh, en };
