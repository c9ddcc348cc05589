import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { type Role, roleAtLeast } from '../domain/access.js';
import { sendProblem } from './problem.js';

export interface TokenConfig {
  name: string;
  sha256: string;
  role: Role;
}

export interface Principal {
  name: string;
  role: Role;
}

/**
 * Finds the configured token whose SHA-256 matches the presented bearer token. Only hashes are
 * configured, so a leaked config file does not leak tokens; comparison is constant-time.
 */
function findToken(tokens: readonly TokenConfig[], presented: string): TokenConfig | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: TokenConfig | undefined;
  for (const t of tokens) {
    if (timingSafeEqual(digest, Buffer.from(t.sha256, 'hex'))) found = t;
  }
  return found;
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/** Express middleware: 401 without a valid bearer token, 403 when the token's role is too low. */
export function requireRole(
  tokens: readonly TokenConfig[],
  need: Role,
  onDenied?: (req: Request, p: Principal) => Promise<void>,
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
    if (!match) {
      res.set('WWW-Authenticate', 'Bearer realm="zoneops"');
      return sendProblem(
        res,
        401,
        header === '' ? 'missing bearer token' : 'malformed Authorization header (expected "Bearer <token>")',
      );
    }
    const token = findToken(tokens, match[1] as string);
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer realm="zoneops", error="invalid_token"');
      return sendProblem(res, 401, 'invalid token');
    }
    const principal: Principal = { name: token.name, role: token.role };
    if (!roleAtLeast(token.role, need)) {
      if (onDenied) await onDenied(req, principal);
      return sendProblem(res, 403, `role ${token.role} may not do this (needs ${need})`);
    }
    res.locals.principal = principal;
    next();
  };
}
