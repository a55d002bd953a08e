import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets never reach a log line: known secret-bearing keys are redacted even
 * when someone logs a whole object by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'yobidashi' },
      redact: {
        paths: [
          'password',
          '*.password',
          'authToken',
          '*.authToken',
          'apiKeySecret',
          '*.apiKeySecret',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'refreshToken',
          '*.refreshToken',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
