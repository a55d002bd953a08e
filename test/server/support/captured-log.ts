import { Writable } from 'node:stream';
import { createLogger } from '../../../server/logger.ts';

/**
 * A logger at `level` whose lines the test reads: each JSON line as `read` gives it (the parsed line
 * unless told), in the order written, in `lines`, which fills as the code under test logs.
 */
export function capturedLog<T = Record<string, unknown>>(level: string, read: (line: Record<string, unknown>) => T = (line) => line as T) {
  const lines: T[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(read(JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  return { lines, logger: createLogger(level, sink) };
}
