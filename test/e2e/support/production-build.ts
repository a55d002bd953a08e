/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/**
 * The production build (`wxt build`: the real Twilio Voice SDK, no test-only host permission), in its own
 * folder: the other browser test files build theirs (e2e mode) and may do so while this one runs.
 */
export const productionDir = path.join(root, '.output', 'real-sdk-chrome-mv3');

/** Builds it once per test process. YB_E2E_SKIP_BUILD=1 reuses the last build. */
export function buildProductionExtension(): string {
  if (process.env.YB_E2E_SKIP_BUILD && existsSync(path.join(productionDir, 'manifest.json'))) return productionDir;
  const script = `import { build } from 'wxt'; await build({ mode: 'production', outDirTemplate: 'real-sdk-{{browser}}-mv{{manifestVersion}}' });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0' } });
  if (!existsSync(path.join(productionDir, 'manifest.json'))) throw new Error(`the extension was not built into ${productionDir}`);
  return productionDir;
}
