import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `npm start`: build the extension, then run the server on the embedded database (migrations run at
 * start). The server prints where it listens and how to sign in the first time.
 * `npm start -- --skip-build` starts the server with the extension already built.
 *
 * Stopping `npm start` stops the server. npm passes SIGTERM to the shell that runs this script, not
 * to this process, and Debian's /bin/sh (dash) dies without passing it on: this process would be
 * left behind holding the port. So, when npm started us, losing our parent means "stop".
 */
const root = resolve(import.meta.dirname, '..');

/** How often to look for a vanished parent; the server then shuts down as on SIGTERM. */
const PARENT_CHECK_MS = 250;

function stopWhenParentGoes(parent: number): void {
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    // The server's own SIGTERM handler (server/index.ts) finishes requests and closes the database.
    process.kill(process.pid, 'SIGTERM');
  }, PARENT_CHECK_MS);
  watch.unref();
}

const parent = process.ppid;
if (!process.argv.includes('--skip-build')) {
  console.log('Building the browser extension…');
  const build = spawnSync(resolve(root, 'node_modules/.bin/wxt'), ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) {
    console.error('The extension build failed (see above).');
    process.exit(build.status ?? 1);
  }
}
console.log(
  [
    '',
    `  Extension: ${resolve(root, '.output/chrome-mv3')}`,
    '  Load it in Chrome or Edge: chrome://extensions → Developer mode → "Load unpacked" → choose that folder.',
    '  (Firefox: `npm run build:firefox`, then about:debugging → "Load Temporary Add-on".)',
  ].join('\n'),
);
const { main } = await import('../server/index.ts');
await main();
// Run by npm (`npm start`): npm is our grandparent, the shell our parent. Run directly: nothing to watch.
if (process.env.npm_lifecycle_event === 'start') stopWhenParentGoes(parent);
