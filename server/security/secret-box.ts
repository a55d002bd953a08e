import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../config.ts';

/**
 * Secrets at rest (Twilio Auth Token, API key secret, CRM refresh tokens) are sealed with
 * AES-256-GCM. The key is derived from SECRET_KEY with HKDF so any long random string works.
 * Sealed format: `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** HMAC-SHA-256 of `message` under a key derived from SECRET_KEY for `purpose` alone (32 bytes). */
  mac(purpose: string, message: string): Buffer;
}

const VERSION = 'v1';

export function createSecretBox(secretKey: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secretKey, 'yobidashi', 'secret-box/v1', 32));
  const macKeys = new Map<string, Buffer>();
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
        throw new Error('Sealed secret has an unknown format');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
    mac(purpose, message) {
      let macKey = macKeys.get(purpose);
      if (!macKey) macKeys.set(purpose, (macKey = Buffer.from(hkdfSync('sha256', secretKey, 'yobidashi', `mac/${purpose}`, 32))));
      return createHmac('sha256', macKey).update(message, 'utf8').digest();
    },
  };
}

/**
 * The secret, or null when `box` cannot open it: sealed with another SECRET_KEY (the server moved
 * and DATA_DIR/secret.key did not come along), or damaged. Such a secret is as good as missing:
 * the admin enters it again.
 */
export function openOrNull(box: SecretBox, sealed: string): string | null {
  try {
    return box.open(sealed);
  } catch {
    return null;
  }
}

/** As long as config.ts asks of SECRET_KEY: a shorter stored key is a damaged file, not a key. */
const MIN_KEY_LENGTH = 32;

/**
 * SECRET_KEY when set; otherwise a key generated once into DATA_DIR/secret.key (mode 0600) so that
 * a first `npm start` works without ceremony and later starts can still read stored secrets.
 * A stored key shorter than SECRET_KEY may be (an empty file left by a crash, a truncated copy)
 * stops the start: sealing with it would let anyone open the secrets, and replacing it would lose
 * those already sealed with the real one.
 */
export async function resolveSecretKey(secretKey: string | null, dataDir: string): Promise<string> {
  if (secretKey) return secretKey;
  const file = join(dataDir, 'secret.key');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length < MIN_KEY_LENGTH) {
      throw new ConfigError([
        `${resolve(file)}: holds ${stored.length} characters, but the key must be at least ${MIN_KEY_LENGTH} characters. ` +
          'Restore the file from a backup, or set SECRET_KEY to the key it held; if no secrets were ever stored, delete it and a new key is generated.',
      ]);
    }
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const generated = randomBytes(32).toString('base64url');
  await writeFileAtomically(file, `${generated}\n`);
  return generated;
}

/**
 * Written whole or not at all: a crash midway leaves a stray temporary file, never a short
 * `secret.key` (the file is complete and on disk before it gets its name).
 */
async function writeFileAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // whatever the umask
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself is durable once the folder is synced (not possible everywhere: best effort).
  const folder = await open(dirname(file), 'r').catch(() => null);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}
