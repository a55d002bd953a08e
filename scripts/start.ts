import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `npm start`: build the extension, then run the server on the embedded database (migrations run at
 * start). The server prints where it listens and how to sign in the first time.
 */
const root = resolve(import.meta.dirname, '..');
const wxt = resolve(root, 'node_modules/.bin/wxt');
console.log('Building the browser extension…');
const build = spawnSync(wxt, ['build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) {
  console.error('The extension build failed (see above).');
  process.exit(build.status ?? 1);
}
console.log(
  [
    '',
    `  Extension built: ${resolve(root, '.output/chrome-mv3')}`,
    '  Load it in Chrome or Edge: chrome://extensions → Developer mode → "Load unpacked" → choose that folder.',
    '  (Firefox: `npm run build:firefox`, then about:debugging → "Load Temporary Add-on".)',
  ].join('\n'),
);
const { main } = await import('../server/index.ts');
await main();
