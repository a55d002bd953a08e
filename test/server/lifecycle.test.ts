import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Starts `node server/index.ts` as `npm start` does after the build, and waits for its banner. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; url: string }> {
  const child = spawn(process.execPath, ['server/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      const match = output.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (match?.[1]) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveStart({ child, output: () => output, url: match[1] });
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('server process', () => {
  it('starts on the embedded database, tells how to sign in, stops cleanly on SIGTERM and keeps its data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yb-data-'));
    const env = { DATA_DIR: dataDir, ADMIN_EMAIL: 'owner@example.jp', ADMIN_PASSWORD: 'first password 1' };
    const first = await startServer(env);
    expect(first.output()).toContain('Database: embedded (PGlite)');
    expect(first.output()).toContain('a team in production: PostgreSQL via DATABASE_URL');
    expect(first.output()).toMatch(/e-mail\s+owner@example\.jp/);
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.jp', password: 'first password 1' }),
    });
    expect(login.status).toBe(200);
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(first.output()).toContain('"msg":"stopped"');

    // Second start: same database, the admin already exists and is not recreated.
    const second = await startServer(env);
    expect(second.output()).not.toContain('First sign-in');
    const again = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.jp', password: 'first password 1' }),
    });
    expect(again.status).toBe(200);
    const stopped = exitOf(second.child);
    second.child.kill('SIGINT');
    expect(await stopped).toBe(0);
  }, 120_000);

  it('keeps DATA_DIR to the server’s own user: tightens an older, readable one with a warning', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yb-data-'));
    await chmod(dataDir, 0o777);
    const leftover = join(dataDir, 'notes.txt');
    await writeFile(leftover, 'left by an older version');
    await chmod(leftover, 0o666);
    const server = await startServer({ DATA_DIR: dataDir, ADMIN_EMAIL: 'owner@example.jp', ADMIN_PASSWORD: 'first password 1' });
    const stopped = exitOf(server.child);
    server.child.kill('SIGTERM');
    expect(await stopped).toBe(0);

    expect(server.output()).toContain('"event":"data_dir_permissions"');
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(leftover)).mode & 0o777).toBe(0o600);
    // Every folder the database made is closed too, so none of its files can be reached by others.
    const paths = (await readdir(dataDir, { recursive: true })).map((file) => join(dataDir, file));
    const folders = [];
    for (const path of paths) if ((await stat(path)).isDirectory()) folders.push(path);
    expect(folders.length).toBeGreaterThan(5);
    const open = [];
    for (const folder of folders) if ((await stat(folder)).mode & 0o077) open.push(folder);
    expect(open).toEqual([]);
  }, 120_000);

  it('refuses to start with a bad variable, naming it', async () => {
    const child = spawn(process.execPath, ['server/index.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    expect(await exitOf(child)).toBe(1);
    expect(output).toContain('PORT: ');
  });
});
