import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config.ts';
import { createSecretBox, openOrNull, resolveSecretKey } from '../../../server/security/secret-box.ts';

describe('secrets at rest', () => {
  const box = createSecretBox('a-secret-key-of-at-least-32-characters');

  it('seals with AES-256-GCM and opens again', () => {
    const sealed = box.seal('twilio-auth-token-1a2b');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain('twilio-auth-token');
    expect(box.open(sealed)).toBe('twilio-auth-token-1a2b');
  });

  it('never produces the same ciphertext twice (random IV)', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered ciphertext or another key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(() => box.open([parts[0], parts[1], parts[2], flipped].join('.'))).toThrow();
    expect(() => createSecretBox('another-key-of-at-least-32-characters!!').open(sealed)).toThrow();
  });

  it('a secret sealed with another SECRET_KEY, or damaged, opens as null (missing), not as an error', () => {
    const sealed = box.seal('secret');
    expect(openOrNull(box, sealed)).toBe('secret');
    expect(openOrNull(createSecretBox('another-key-of-at-least-32-characters!!'), sealed)).toBeNull();
    expect(openOrNull(box, 'not-sealed')).toBeNull();
  });

  it('keys a MAC per purpose: the same again for the same key, purpose and message, another otherwise', () => {
    const mac = box.mac('invite-link', 'abc|1764000000000');
    expect(mac).toHaveLength(32);
    expect(box.mac('invite-link', 'abc|1764000000000')).toEqual(mac);
    expect(box.mac('invite-link', 'abc|1764000000001')).not.toEqual(mac);
    expect(box.mac('another-purpose', 'abc|1764000000000')).not.toEqual(mac);
    expect(createSecretBox('another-key-of-at-least-32-characters!!').mac('invite-link', 'abc|1764000000000')).not.toEqual(mac);
  });

  it('generates a key once into DATA_DIR with 0600 permissions and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yb-key-'));
    const first = await resolveSecretKey(null, dir);
    const second = await resolveSecretKey(null, dir);
    expect(first).toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, 'secret.key'), 'utf8')).trim()).toBe(first);
  });

  it('leaves only the key file behind when it generates one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yb-key-'));
    await resolveSecretKey(null, dir);
    expect(await readdir(dir)).toEqual(['secret.key']);
  });

  it.each([
    ['empty (a crash while it was written)', '\n'],
    ['shorter than SECRET_KEY may be', `${'k'.repeat(31)}\n`],
  ])('refuses to start with a stored key that is %s, naming the file', async (_, content) => {
    const dir = await mkdtemp(join(tmpdir(), 'yb-key-'));
    const file = join(dir, 'secret.key');
    await writeFile(file, content, { mode: 0o600 });
    const refused = await resolveSecretKey(null, dir).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).toContain(file);
    expect((refused as ConfigError).message).toContain('at least 32 characters');
    // The damaged file is left for the operator to restore, not silently replaced.
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('prefers SECRET_KEY when it is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yb-key-'));
    expect(await resolveSecretKey('k'.repeat(40), dir)).toBe('k'.repeat(40));
  });
});
