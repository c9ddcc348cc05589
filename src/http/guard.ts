import type { Request, RequestHandler } from 'express';
import type { Clock } from '../clock.js';
import type { Role } from '../domain/access.js';
import type { AuditRepo } from '../store/audit-repo.js';
import { requireRole, type TokenConfig } from './auth.js';

/** `guard('technician')`: the middleware a route uses to require a role. */
export type Guard = (need: Role) => RequestHandler;

/**
 * The one way a refused mutation is written to the audit log, on the API (a known token, or a role that
 * may call the route but not do this) and on the pages alike: `denied`, the method and path, who, from
 * where, the role it needed and whether it came through the API or a page. Reads are not audited.
 */
export async function auditDenied(
  audit: Pick<AuditRepo, 'append'>,
  clock: Clock,
  req: Request,
  who: { name: string; role: string },
  needed: string,
  via: 'api' | 'web',
): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') return;
  await audit.append({
    at: clock.now(),
    actor: who.name,
    role: who.role,
    action: 'denied',
    target: `${req.method} ${req.originalUrl.split('?')[0]}`.slice(0, 200),
    remoteAddr: req.ip ?? '',
    detail: { needed, via },
  });
}

/**
 * Builds the guard for the configured tokens. A known token refused for its role on a
 * mutating call is written to the audit log: that is someone trying something they may not.
 */
export function createGuard(tokens: readonly TokenConfig[], audit: AuditRepo, clock: Clock): Guard {
  return (need) =>
    requireRole(tokens, need, (req, principal) => auditDenied(audit, clock, req, principal, need, 'api'));
}
