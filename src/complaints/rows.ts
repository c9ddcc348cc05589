import type {
  AnswerMethod,
  ComplaintState,
  ComplaintType,
  NotAcceptedGround,
  ProblemKind,
  SatisfactionRating,
} from '../domain/complaint.js';
import type { SqlValue } from '../store/db.js';

/** One complaint as stored. `contact` is the complainant's phone: never shown unmasked outside its page. */
export interface ComplaintRow {
  readonly id: number;
  readonly caseNo: string;
  readonly type: ComplaintType;
  readonly problem: ProblemKind;
  readonly deviceId: string | null;
  readonly description: string;
  readonly contact: string | null;
  readonly source: 'web' | 'api';
  readonly state: ComplaintState;
  readonly receivedAt: number;
  readonly acceptDueAt: number;
  readonly answerDueAt: number;
  readonly assignedTo: string | null;
  readonly decidedAt: number | null;
  readonly decidedBy: string | null;
  readonly ground: NotAcceptedGround | null;
  readonly decisionNote: string | null;
  readonly answeredAt: number | null;
  readonly answeredBy: string | null;
  readonly answerMethod: AnswerMethod | null;
  readonly answerText: string | null;
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly satisfaction: SatisfactionRating | null;
  readonly satisfactionAt: number | null;
  readonly updatedAt: number;
}

export interface ComplaintEventRow {
  readonly id: number;
  readonly at: number;
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

export interface ComplaintFilter {
  readonly state?: ComplaintState | 'active';
  readonly type?: ComplaintType;
  readonly deviceId?: string;
  readonly caseNo?: string;
  readonly from?: number;
  readonly to?: number;
  readonly limit?: number;
}

export type Raw = Record<string, SqlValue>;

export const columns: Record<keyof Omit<ComplaintRow, 'id'>, string> = {
  caseNo: 'case_no',
  type: 'type',
  problem: 'problem',
  deviceId: 'device_id',
  description: 'description',
  contact: 'contact',
  source: 'source',
  state: 'state',
  receivedAt: 'received_at',
  acceptDueAt: 'accept_due_at',
  answerDueAt: 'answer_due_at',
  assignedTo: 'assigned_to',
  decidedAt: 'decided_at',
  decidedBy: 'decided_by',
  ground: 'ground',
  decisionNote: 'decision_note',
  answeredAt: 'answered_at',
  answeredBy: 'answered_by',
  answerMethod: 'answer_method',
  answerText: 'answer_text',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  satisfaction: 'satisfaction',
  satisfactionAt: 'satisfaction_at',
  updatedAt: 'updated_at',
};

export function toRow(r: Raw): ComplaintRow {
  const out: Record<string, unknown> = { id: Number(r.id) };
  for (const [k, col] of Object.entries(columns)) out[k] = r[col] ?? null;
  return out as unknown as ComplaintRow;
}

export type ComplaintChange = Partial<Omit<ComplaintRow, 'id' | 'caseNo' | 'receivedAt'>>;
