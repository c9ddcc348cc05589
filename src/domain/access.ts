import type { OverrideKind } from './desired-power.js';
import type { FaultKind } from './fault-kinds.js';
import { type Audience, defaultRoutes } from './routing.js';

/**
 * Who may do what (pure). Services take an Actor and ask these rules, so the API (bearer tokens) and
 * the pages (PIN sessions) enforce exactly the same thing. staff < technician < admin: a higher role
 * may do everything a lower one may.
 */
export const roles = ['staff', 'technician', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * Who is behind a request, as services see it and the audit log names it: a person signed in on the
 * pages or holding an API token (their role), the command line on the server (`cli`: it has the config
 * file, so an admin's power), or a device such as a hygiene button (`device`: no power at all).
 */
type ActorRole = Role | 'cli' | 'device';

export interface Actor {
  readonly name: string;
  readonly role: ActorRole;
  /** The client address, for the audit log ('' when local). */
  readonly remoteAddr: string;
  readonly via: 'api' | 'web' | 'cli' | 'mqtt';
  /** The `people[].id` of a person signed in on the pages (an API token is nobody in particular). */
  readonly personId?: string;
}

const rank: Readonly<Record<ActorRole, number>> = { device: 0, staff: 1, technician: 2, admin: 3, cli: 3 };

export function roleAtLeast(have: ActorRole, need: Role): boolean {
  return rank[have] >= rank[need];
}

/** The routing of a fault kind: the configured one (`alerts.routes`) or the default table. */
export function routeFor(
  routes: Partial<Record<FaultKind, readonly Audience[]>>,
  kind: FaultKind,
): readonly Audience[] {
  return routes[kind] ?? defaultRoutes[kind];
}

/**
 * Attendants close what is theirs (paper, toner, jams, cleaning); a fault routed to the technician
 * (device and system faults) is resolved by the technician, who deals with the vendor.
 */
export function mayResolve(
  actor: Pick<Actor, 'role'>,
  kind: FaultKind,
  routes: Partial<Record<FaultKind, readonly Audience[]>>,
): boolean {
  return !routeFor(routes, kind).includes('technician') || roleAtLeast(actor.role, 'technician');
}

/** Recording a vendor or service-provider contact is the technician's job. */
export function mayContactVendor(actor: Pick<Actor, 'role'>): boolean {
  return roleAtLeast(actor.role, 'technician');
}

/** Staff may keep the zone or a device on a while longer; forcing a device on or off needs a technician. */
export function mayOverride(actor: Pick<Actor, 'role'>, kind: OverrideKind): boolean {
  return kind === 'keep-on' || roleAtLeast(actor.role, 'technician');
}

/**
 * Complaints are handled by the technician, the lead (signed in with the technician's rights) and admins;
 * any staff member takes one in, accepts it and records the answer.
 */
export function mayHandleComplaints(actor: Pick<Actor, 'role'>): boolean {
  return roleAtLeast(actor.role, 'technician');
}

/**
 * The complainant's contact, in full, is for the people who handle complaints and the staff member the
 * complaint is assigned to (attachment 5: whoever leaks it is held responsible); everyone else sees it masked.
 */
export function mayViewContact(actor: Pick<Actor, 'role' | 'personId'>, assignedTo: string | null): boolean {
  return (
    mayHandleComplaints(actor) ||
    (actor.role === 'staff' && actor.personId !== undefined && actor.personId === assignedTo)
  );
}

/**
 * The rota (swaps, absences, their undo) is kept by the technician, the lead (signed in with the
 * technician's role) or an admin. The one-day absence of the first API (`POST /absences`) stays open to
 * staff, as it always was: an attendant may say who is away today.
 */
export function mayEditDuty(actor: Pick<Actor, 'role'>, oneDayAbsence = false): boolean {
  return roleAtLeast(actor.role, oneDayAbsence ? 'staff' : 'technician');
}

/** Only an admin records absences or swaps for dates already past (a correction of the record). */
export function mayBackdateDuty(actor: Pick<Actor, 'role'>): boolean {
  return roleAtLeast(actor.role, 'admin');
}
