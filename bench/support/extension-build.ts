/**
 * The built extension (.output/chrome-mv3): rebuilt with `wxt build` when missing or older than the
 * sources, and measured — gzip sizes of the content script and of the offscreen document's scripts,
 * and where the Twilio Voice SDK ended up.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3');
const MANIFEST = path.join(EXTENSION_DIR, 'manifest.json');

/** Strings only the Voice SDK carries (its event gateway and signalling hosts, its package name). */
const VOICE_SDK_MARKERS = ['eventgw.twilio.com', 'chunderw', '@twilio/voice-sdk'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export interface BuildState {
  built: boolean;
  /** Set when a build was needed and failed: the sizes below are from an older build, if any. */
  error?: string;
  seconds?: number;
}

export async function ensureExtensionBuild(force = false): Promise<BuildState> {
  const stale =
    force ||
    !existsSync(MANIFEST) ||
    Math.max(newestMtime(path.join(ROOT, 'extension')), statSync(path.join(ROOT, 'wxt.config.ts')).mtimeMs) >
      statSync(MANIFEST).mtimeMs;
  if (!stale) return { built: false };
  const started = performance.now();
  try {
    await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { built: true, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const output = error as { stderr?: string; stdout?: string; message?: string };
    const detail = (output.stderr || output.stdout || output.message || String(error)).trim().split('\n').slice(-3).join(' | ');
    return { built: false, error: detail };
  }
}

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
  twilioMentions: number;
  voiceSdkMarkers: string[];
}

function measureFile(file: string): BundleFile {
  const content = readFileSync(file);
  const text = content.toString('utf8');
  return {
    file: path.relative(EXTENSION_DIR, file),
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    twilioMentions: text.match(/twilio/gi)?.length ?? 0,
    voiceSdkMarkers: VOICE_SDK_MARKERS.filter((marker) => text.includes(marker)),
  };
}

export const contentScriptBundles = (): BundleFile[] => {
  const dir = path.join(EXTENSION_DIR, 'content-scripts');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => measureFile(path.join(dir, name)));
};

/** The page UI (dialer, call cards) the background injects into a CRM tab on demand. */
export function pageUiBundle(): BundleFile | null {
  const file = path.join(EXTENSION_DIR, 'crm-ui.js');
  return existsSync(file) ? measureFile(file) : null;
}

/** The scripts offscreen.html loads: its module entry and the chunks it preloads. */
export function offscreenBundles(): BundleFile[] {
  const html = path.join(EXTENSION_DIR, 'offscreen.html');
  if (!existsSync(html)) return [];
  const sources = [...readFileSync(html, 'utf8').matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((match) => match[1]!);
  return [...new Set(sources)].map((source) => measureFile(path.join(EXTENSION_DIR, source)));
}
