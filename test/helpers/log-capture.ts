import { createLogger, type Logger } from '../../src/log.js';

/** A real pino logger (the daemon's own, with its redaction) whose JSON lines the test reads back. */
export function captureLog(): { lines: Array<Record<string, unknown>>; logger: Logger } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) };
  return { lines, logger: createLogger('info', stream as unknown as NodeJS.WritableStream) };
}
