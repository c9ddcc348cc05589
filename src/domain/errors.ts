/**
 * The one error type at the service boundary. A service (faults, hygiene, schedule, …) refuses a request
 * by throwing a ServiceError with a code; the HTTP layer turns the code into a status with one table
 * (src/http/problem.ts `statusOf`), for the API (problem+json) and the pages (an HTML message) alike.
 * The message is for the person who asked: it names what was wrong and never carries a secret.
 */
const errorCodes = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'too-large',
  'unsupported-type',
  'rate-limited',
  'unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra members for the problem document (e.g. `retryAfterSeconds`); never a secret. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
