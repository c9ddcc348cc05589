import type { Response } from 'express';

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

/** Thrown by handlers for an expected client error; turned into a problem response by the error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
