import type { ComplaintNotice } from './complaint-deadlines.js';

interface Person {
  readonly id: string;
  readonly role: 'staff' | 'technician' | 'lead' | 'admin';
}

/**
 * Who hears a complaint's notice (pure), given the on-duty chain of the moment (level 0 first, absent
 * people already left out) and the staff member it is assigned to:
 * - the first notice of a complaint no fault announced: the on-duty post;
 * - a reminder before a deadline: the on-duty post and the lead;
 * - a missed deadline: the whole chain, the lead and the technician (who handle complaints).
 * The assigned staff member hears each one. Nobody at all → the admins, rather than silence.
 */
export function noticeRecipients<P extends Person>(
  notice: ComplaintNotice,
  chain: readonly (readonly P[])[],
  people: readonly P[],
  assignedTo: string | null,
): P[] {
  const role = (r: Person['role']) => people.filter((p) => p.role === r);
  const assigned = people.filter((p) => p.id === assignedTo);
  const first = chain[0] ?? [];
  const list =
    notice === 'received'
      ? [...first, ...assigned]
      : notice.endsWith('-remind')
        ? [...first, ...role('lead'), ...assigned]
        : [...chain.flat(), ...role('lead'), ...role('technician'), ...assigned];
  const seen = new Set<string>();
  const out = list.filter((p) => !seen.has(p.id) && seen.add(p.id));
  return out.length > 0 ? out : role('admin');
}
