import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

/** What every line logged while a request is handled says about it. */
export interface RequestLogContext {
  reqId: string;
  /** Set once the request's session is known. */
  userId?: string;
}

const requestContext = new AsyncLocalStorage<RequestLogContext>();

/**
 * Runs a request's handling with its context, which createLogger's loggers add to every line. A child
 * logger per request said the same, but pino builds a child's bindings and level methods each time:
 * a fifth of an API request's CPU in the profile.
 */
export function withRequestLogContext<T>(context: RequestLogContext, run: () => T): T {
  return requestContext.run(context, run);
}

/** The context of the request being handled, if any: to add what is learnt on the way (the user). */
export function currentRequestLogContext(): RequestLogContext | undefined {
  return requestContext.getStore();
}

/**
 * What a logged error keeps besides its type, message and stack: codes and statuses (a socket's,
 * Twilio's, PostgreSQL's and where it failed), never an object it carries.
 */
const ERROR_FIELDS = [
  'code', 'status', 'statusCode', 'errno', 'syscall', 'address', 'port', 'moreInfo',
  'severity', 'constraint', 'table', 'column', 'routine',
] as const;

/**
 * The `err` of a log line. pino's own serializer copies every enumerable field of the error, and an
 * HTTP client's error carries its request: axios's (inside the twilio library) holds
 * `config.headers.Authorization` = `Basic base64(AccountSid:AuthToken)`, and the socket's raw header
 * text in `request._header`. Only what explains the failure is kept: type, message and stack (with
 * their causes'), the fields above, and the errors of an AggregateError, each kept the same way.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  // As pino tells an error (anything with a message), so that an error of another realm is kept the same way.
  if (typeof value !== 'object' || value === null || typeof (value as { message?: unknown }).message !== 'string') return value;
  const std = pino.stdSerializers.err(value as Error);
  const kept: Record<string, unknown> = { type: std.type, message: std.message, stack: std.stack };
  const fields = value as unknown as Record<string, unknown>;
  for (const field of ERROR_FIELDS) {
    const v = fields[field];
    if (typeof v === 'string' || typeof v === 'number') kept[field] = v;
  }
  if (Array.isArray(fields.errors) && depth < 2) kept.aggregateErrors = fields.errors.map((inner: unknown) => serializeError(inner, depth + 1));
  return kept;
}

/**
 * Structured JSON logs. Secrets never reach a log line: errors are reduced to what explains them
 * (serializeError), and known secret-bearing keys are redacted even when someone logs a whole object
 * (a request's headers or config) by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'yobidashi' },
      serializers: { err: (value: unknown) => serializeError(value) },
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
          'Authorization',
          '*.Authorization',
          'headers.authorization',
          'headers.Authorization',
          '*.headers.authorization',
          '*.headers.Authorization',
          'config.headers',
          '*.config.headers',
          '*.config.auth',
          '*.request._header',
          '*.response.config',
          '*.response.request',
          'refreshToken',
          '*.refreshToken',
          'accessToken',
          '*.accessToken',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => requestContext.getStore() ?? {},
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
