import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database (its write-ahead log carries password hashes and callers'
 * numbers) and the generated secret key: only the server's own user may read any of it. The folder
 * is created 0700, which alone keeps everyone else out: PGlite chmods its own files to 0666 whatever
 * the umask. At start, anything in it that others could read, write or enter is tightened too.
 * `exposed`: the folder itself was open to others until now (worth a warning: its files were readable).
 */

const OTHERS = 0o077;

export async function secureDataDir(dataDir: string): Promise<{ exposed: boolean; tightened: string[] }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const tightened: string[] = [];
  await tighten(dataDir, tightened);
  return { exposed: tightened[0] === dataDir, tightened };
}

async function tighten(path: string, tightened: string[]): Promise<void> {
  const info = await lstat(path);
  // A link's own mode means nothing, and following it could chmod a file outside the folder.
  if (info.isSymbolicLink()) return;
  if (info.mode & OTHERS) {
    await chmod(path, info.mode & 0o700);
    tightened.push(path);
  }
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await tighten(join(path, entry), tightened);
}
