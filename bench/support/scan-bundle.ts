/**
 * extension/crm/scan.ts bundled as an IIFE (global `YobidashiScan.scanDocument`) with the same Vite the
 * extension build uses, to put the content script's scanner into a page and time it there.
 */
import path from 'node:path';
import { build, type Rolldown } from 'vite';
import { ROOT } from './extension-build.ts';

export const SCAN_GLOBAL = 'YobidashiScan';

export async function bundleScanner(): Promise<string> {
  const extensionDir = path.join(ROOT, 'extension');
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    resolve: { alias: { '@': extensionDir } },
    build: {
      write: false,
      emptyOutDir: false,
      minify: true,
      lib: { entry: path.join(extensionDir, 'crm', 'scan.ts'), formats: ['iife'], name: SCAN_GLOBAL, fileName: 'scan' },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((result) => result.output).find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('vite produced no scanner bundle');
  return chunk.code;
}
