import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, resolveSecretKey } from '../../../server/security/secret-box.ts';

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

  it('generates a key once into DATA_DIR with 0600 permissions and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yb-key-'));
    const first = await resolveSecretKey(null, dir);
    const second = await resolveSecretKey(null, dir);
    expect(first).toBe(second);
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dir, 'secret.key'), 'utf8')).trim()).toBe(first);
  });

  it('prefers SECRET_KEY when it is set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yb-key-'));
    expect(await resolveSecretKey('k'.repeat(40), dir)).toBe('k'.repeat(40));
  });
});
