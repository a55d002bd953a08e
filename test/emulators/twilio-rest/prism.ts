import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { RebasedRequestClient } from '../../../server/twilio/rest-client.ts';

const repoRoot = new URL('../../../', import.meta.url);
/**
 * Twilio's OpenAPI description, kept next to the repository (see shared/reference/twilio.md §6.1);
 * `TWILIO_API_SPEC` points elsewhere (a checkout whose `shared/` folder is not its sibling).
 */
export const TWILIO_API_SPEC = process.env.TWILIO_API_SPEC ?? fileURLToPath(new URL('../shared/twilio-oai/twilio_api_v2010.json', repoRoot));
const PRISM_CLI = fileURLToPath(new URL('node_modules/@stoplight/prism-cli/dist/index.js', repoRoot));

/**
 * Starts Stoplight Prism as a mock of the Twilio 2010 API. Prism validates every request against the
 * spec and answers 422 (with the violations) when one is invalid, and reports violations of a
 * request it accepted in the `sl-violations` header. Not `--errors`: that flag also fails *responses*
 * that break the spec, and Twilio's own examples do (`"voice_application_sid": ""` vs its SID pattern),
 * so every valid IncomingPhoneNumbers call would come back 500.
 */
export async function startPrism() {
  return startPrismCommand(['mock']);
}

/**
 * Starts Prism as a validating proxy in front of `upstream` (e.g. the call emulator's REST API): every
 * request and every response is checked against the spec, and what breaks it is reported in the
 * `sl-violations` header (locations starting with `response` are the upstream's answers).
 */
export async function startPrismProxy(upstream: string) {
  return startPrismCommand(['proxy'], [upstream]);
}

async function startPrismCommand(command: string[], trailing: string[] = []) {
  const port = await freePort();
  const prism = spawn(process.execPath, [PRISM_CLI, ...command, '-h', '127.0.0.1', '-p', String(port), TWILIO_API_SPEC, ...trailing], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  prism.stdout.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  prism.stderr.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await answers(url))) {
    if (prism.exitCode !== null || Date.now() > deadline) {
      prism.kill();
      throw new Error(`Prism did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      if (prism.exitCode !== null) return resolve();
      prism.once('exit', () => resolve());
      prism.kill();
    }),
  };
}

export type ContractExchange = {
  method: string;
  path: string;
  /** Form fields sent as "" to clear a setting; the spec's formats and SID patterns cannot express that. */
  clears: string[];
  status: number;
  /** Prism's findings about the request (never about its own example responses). */
  requestViolations: unknown[];
};

type Body = Record<string, unknown>;

/**
 * The twilio library's http client, recording every exchange with Prism. Clears are taken out of the
 * request before it reaches Prism (and listed, for the test to assert), so that Prism judges every
 * other field. `answer` lets a test shape Prism's stateless example answer (e.g. a number that has a
 * TwiML App) to drive the code path under test.
 */
export class ContractClient extends RebasedRequestClient {
  readonly exchanges: ContractExchange[] = [];
  answer: (exchange: ContractExchange, body: Body) => Body = (_exchange, body) => body;

  override async request<TData>(options: RequestClient.RequestOptions<TData>) {
    const data = (options.data ?? {}) as Record<string, unknown>;
    const clears = Object.keys(data).filter((key) => data[key] === '');
    const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !clears.includes(key)));
    const response = await super.request<TData>({ ...options, ...(options.data ? { data: kept as TData } : {}) });
    const exchange: ContractExchange = {
      method: options.method.toUpperCase(),
      path: new URL(options.uri).pathname,
      clears,
      status: response.statusCode,
      requestViolations: requestViolationsOf(response),
    };
    this.exchanges.push(exchange);
    const body: unknown = typeof response.body === 'string' && response.body ? JSON.parse(response.body) : response.body;
    if (response.statusCode < 300 && isBody(body)) response.body = this.answer(exchange, body) as never;
    return response;
  }
}

function requestViolationsOf(response: { statusCode: number; body: unknown; headers: unknown }): unknown[] {
  const header = (response.headers as Record<string, unknown>)['sl-violations'];
  const reported = typeof header === 'string' ? (JSON.parse(header) as unknown[]) : [];
  const rejected = response.statusCode === 422 && isBody(response.body) && Array.isArray(response.body.validation) ? response.body.validation : [];
  return [...reported, ...rejected].filter((v) => (v as { location?: string[] }).location?.[0] !== 'response');
}

function isBody(body: unknown): body is Body {
  return typeof body === 'object' && body !== null;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
