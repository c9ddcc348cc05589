import { complaintTypes, notAcceptedGrounds, satisfactionRatings } from '../domain/complaint.js';
import type { ComplaintFigures, ComplaintLine } from '../domain/complaint-figures.js';
import { complaintWords } from '../domain/complaint-texts.js';
import type { Language } from '../domain/messages.js';

interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

const words = {
  'zh-CN': {
    section: '服务情况：群众投诉和意见建议',
    grounds: '服务情况：不予受理的理由',
    satisfaction: '服务情况：满意度评价',
    line: [
      '类别',
      '收到',
      '受理',
      '不予受理',
      '待受理',
      '超期受理',
      '按时答复',
      '超期答复',
      '超期未答复',
      '未留联系方式',
      '未办结',
    ],
    total: '合计',
    ground: ['理由', '件数'],
    rating: ['评价', '件数'],
    rate: '满意率（满意＋基本满意）',
    count: '评价总数',
  },
  en: {
    section: 'Service: complaints and suggestions',
    grounds: 'Service: grounds for not accepting',
    satisfaction: 'Service: satisfaction evaluations',
    line: [
      'type',
      'received',
      'accepted',
      'not accepted',
      'undecided',
      'decided late',
      'answered on time',
      'answered late',
      'unanswered, overdue',
      'no contact left',
      'open',
    ],
    total: 'total',
    ground: ['ground', 'count'],
    rating: ['rating', 'count'],
    rate: 'satisfaction rate (satisfied + basically satisfied)',
    count: 'evaluations',
  },
} as const;

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

/**
 * The complaint figures as report tables (received, decided, answered on time or late, open; the
 * grounds for not accepting; satisfaction counts and rate). The monthly report's "服务情况" section
 * takes these tables as they are.
 */
export function complaintTables(f: ComplaintFigures | null, lang: Language): Table[] {
  if (f === null) return [];
  const w = words[lang];
  const W = complaintWords(lang);
  const row = (label: string, l: ComplaintLine) => [
    label,
    ...[
      l.received,
      l.accepted,
      l.notAccepted,
      l.undecided,
      l.decidedLate,
      l.answeredOnTime,
      l.answeredLate,
      l.unansweredOverdue,
      l.noContact,
      l.open,
    ].map(String),
  ];
  return [
    {
      title: w.section,
      headers: w.line,
      rows: [...complaintTypes.map((t) => row(W.types[t], f.byType[t])), row(w.total, f.total)],
    },
    {
      title: w.grounds,
      headers: w.ground,
      rows: notAcceptedGrounds.map((g) => [W.grounds[g], String(f.notAcceptedByGround[g])]),
    },
    {
      title: w.satisfaction,
      headers: w.rating,
      rows: [
        ...satisfactionRatings.map((r) => [W.ratings[r], String(f.satisfaction.counts[r])]),
        [w.count, String(f.satisfaction.total)],
        [w.rate, pct(f.satisfaction.rate)],
      ],
    },
  ];
}
