import type { RequestHandler } from 'express';
import type { Clock } from '../clock.js';
import type { Role } from '../domain/access.js';
import type { AuditRepo } from '../store/audit-repo.js';
import { requireRole, type TokenConfig } from './auth.js';

/** `guard('technician')`: the middleware a route uses to require a role. */
export type Guard = (need: Role) => RequestHandler;

/**
 * Builds the guard for the configured tokens. A known token refused for its role on a
 * mutating call is written to the audit log: that is someone trying something they may not.
 */
export function createGuard(tokens: readonly TokenConfig[], audit: AuditRepo, clock: Clock): Guard {
  return (need) =>
    requireRole(tokens, need, async (req, principal) => {
      if (req.method === 'GET' || req.method === 'HEAD') return;
      await audit.append({
        at: clock.now(),
        actor: principal.name,
        role: principal.role,
        action: 'denied',
        target: `${req.method} ${req.originalUrl.split('?')[0]}`.slice(0, 200),
        remoteAddr: req.ip ?? '',
        detail: { needed: need },
      });
    });
}
