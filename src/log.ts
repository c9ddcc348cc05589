import { type Logger, pino } from 'pino';

export type { Logger };

/** Field names that hold secrets wherever they appear (up to four levels deep). */
const secretKeys = [
  'community',
  'authKey',
  'privKey',
  'password',
  'secret',
  'key',
  'webhookKey',
  'accessToken',
  'pin',
  'token',
  'authorization',
];

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
        ...secretKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]),
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
