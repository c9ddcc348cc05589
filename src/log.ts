import { type Logger, pino } from 'pino';

export type { Logger };

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * Structured JSON logs on stdout. Secrets never reach here as plain strings: they are
 * `Secret` objects that serialise as "[redacted]" (see config/secret.ts); the redact paths
 * are a second line of defence for anything that slips through as a plain field.
 */
export function createLogger(level: LogLevel = 'info', destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { app: 'zoneops' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.community',
        '*.authKey',
        '*.privKey',
        '*.password',
        '*.secret',
        '*.webhookKey',
        '*.accessToken',
        '*.pin',
        'req.headers.authorization',
        'req.headers.cookie',
        'authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
