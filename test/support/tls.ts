/// <reference types="node" />
import { readFileSync } from 'node:fs';

/**
 * The test-only self-signed certificate (test/fixtures/tls) for pages served at CRM host names: Chromium
 * preloads HSTS for zoho.jp, so those pages must be HTTPS; browsers in tests accept it (ignoreHTTPSErrors).
 */
export function fixtureTls(): { key: Buffer; cert: Buffer } {
  const dir = new URL('../fixtures/tls/', import.meta.url);
  return { key: readFileSync(new URL('key.pem', dir)), cert: readFileSync(new URL('cert.pem', dir)) };
}
