import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
let dataDir: string | null = null;
let group: number | null = null;
afterEach(async () => {
  // Whatever a failed test left behind goes with its process group.
  if (group) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** `npm start` as the README says, minus the extension build; resolves once the server listens. */
async function npmStart(): Promise<{ npm: ChildProcess; port: number; output: () => string }> {
  dataDir = await mkdtemp(join(tmpdir(), 'yb-start-'));
  const npm = spawn('npm', ['start', '--', '--skip-build'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ADMIN_EMAIL: 'owner@example.jp', ADMIN_PASSWORD: 'first password 1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a terminal's foreground job: Ctrl-C signals the whole group.
    detached: true,
  });
  group = npm.pid!;
  let output = '';
  npm.stdout!.on('data', (chunk) => (output += chunk));
  npm.stderr!.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not start the server:\n${output}`)), 90_000);
    const poll = setInterval(() => {
      const match = output.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (!match) return;
      clearInterval(poll);
      clearTimeout(timer);
      done(Number(match[1]));
    }, 50);
  });
  return { npm, port, output: () => output };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function portFreed(port: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!(await accepts(port))) return true;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return false;
}

describe('npm start', () => {
  it.each([
    ['SIGTERM to npm (kill, a process manager)', (npm: ChildProcess) => npm.kill('SIGTERM')],
    ['Ctrl-C (SIGINT to the terminal’s process group)', (npm: ChildProcess) => process.kill(-npm.pid!, 'SIGINT')],
  ])('%s stops the server: npm exits and the port is free again', async (_how, stop) => {
    const { npm, port, output } = await npmStart();
    expect(await accepts(port)).toBe(true);
    const npmExited = new Promise((done) => npm.once('exit', done));
    stop(npm);
    await npmExited;
    expect(await portFreed(port, 15_000), output()).toBe(true);
    // It shut down cleanly (requests finished, database closed), not killed.
    await expect.poll(output, { timeout: 5_000 }).toContain('"msg":"stopped"');
  }, 120_000);
});
