import { chmod, mkdir, mkdtemp, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureDataDir } from '../../../server/security/data-dir.ts';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('DATA_DIR permissions', () => {
  it('creates a missing folder for the server’s user only', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'yb-dd-')), 'data');
    expect(await secureDataDir(dataDir)).toEqual({ exposed: false, tightened: [] });
    expect(await modeOf(dataDir)).toBe(0o700);
  });

  it('tightens an older folder whose database files others could read, and says which', async () => {
    // What an earlier version left under the usual umask: a world-readable WAL and folders.
    const dataDir = await mkdtemp(join(tmpdir(), 'yb-dd-'));
    await mkdir(join(dataDir, 'pglite', 'pg_wal'), { recursive: true });
    const wal = join(dataDir, 'pglite', 'pg_wal', '000000010000000000000001');
    await writeFile(wal, 'password hashes and callers’ numbers');
    await writeFile(join(dataDir, 'secret.key'), 'key\n', { mode: 0o600 });
    await chmod(wal, 0o666);
    for (const folder of [dataDir, join(dataDir, 'pglite'), join(dataDir, 'pglite', 'pg_wal')]) await chmod(folder, 0o777);

    const { exposed, tightened } = await secureDataDir(dataDir);
    expect(exposed).toBe(true);
    expect(tightened.sort()).toEqual([dataDir, join(dataDir, 'pglite'), join(dataDir, 'pglite', 'pg_wal'), wal].sort());
    expect(await Promise.all([dataDir, join(dataDir, 'pglite'), join(dataDir, 'pglite', 'pg_wal'), wal].map(modeOf))).toEqual([0o700, 0o700, 0o700, 0o600]);
    expect(await modeOf(join(dataDir, 'secret.key'))).toBe(0o600);
  });

  it('tightens files quietly inside a folder that was already closed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'yb-dd-'));
    await writeFile(join(dataDir, 'PG_VERSION'), '17\n');
    await chmod(join(dataDir, 'PG_VERSION'), 0o666);
    expect(await secureDataDir(dataDir)).toEqual({ exposed: false, tightened: [join(dataDir, 'PG_VERSION')] });
  });

  it('does not follow a link out of the folder', async () => {
    const outside = join(await mkdtemp(join(tmpdir(), 'yb-outside-')), 'shared.txt');
    await writeFile(outside, 'not ours');
    await chmod(outside, 0o644);
    const dataDir = await mkdtemp(join(tmpdir(), 'yb-dd-'));
    await symlink(outside, join(dataDir, 'link'));
    await secureDataDir(dataDir);
    expect(await modeOf(outside)).toBe(0o644);
  });
});
