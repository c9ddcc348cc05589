import type { ErrorRequestHandler, Response } from 'express';
import { type ErrorCode, ServiceError } from '../domain/errors.js';
import type { Logger } from '../log.js';

/**
 * Errors as RFC 9457 problem details (`application/problem+json`): a status, a short title and a
 * detail that names what was wrong. Never a stack trace, never a secret.
 */
export function sendProblem(
  res: Response,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ status, title: titles[status] ?? 'Error', detail, ...extra }));
}

/** The one table from a service's error code to the HTTP status (the API and the pages both use it). */
export const statusOf: Readonly<Record<ErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'unsupported-type': 415,
  'rate-limited': 429,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * The API's error handler: a ServiceError becomes its status (`statusOf`), body-parser errors their
 * 4xx, a full database disk 503 (nothing stored), anything else 500 with the cause in the log only.
 */
export function apiErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof ServiceError)
      return sendProblem(res, statusOf[err.code], err.message, { ...err.extra });
    const e = err as BodyParserError;
    switch (e.type) {
      case 'entity.parse.failed':
        return sendProblem(res, 400, `malformed JSON body: ${(e.message ?? '').slice(0, 200)}`);
      case 'entity.too.large':
        return sendProblem(res, 413, 'request body is too large');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(res, 415, 'unsupported body encoding (use UTF-8 JSON)');
      case 'request.aborted':
        return;
    }
    if ((err as { code?: string }).code === 'SQLITE_FULL') {
      logger.error(
        { err: (err as Error).message, method: req.method, path: req.path },
        'database disk is full',
      );
      return sendProblem(
        res,
        503,
        'the database disk is full; nothing was stored — free space and try again',
      );
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendProblem(res, e.status, 'bad request');
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    sendProblem(res, 500, 'internal error; the technician can find details in the zoneops log');
  };
}
