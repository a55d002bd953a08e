import { describe, expect, it } from 'vitest';
import { apiBase, normaliseServerUrl } from '@/api/server-url';

describe('the server URL a person types', () => {
  it.each([
    ['https://phone.example.jp', 'https://phone.example.jp', false],
    ['  https://phone.example.jp/  ', 'https://phone.example.jp', false],
    ['https://phone.example.jp/api', 'https://phone.example.jp', true],
    ['https://phone.example.jp/api/', 'https://phone.example.jp', true],
    ['https://phone.example.jp/API', 'https://phone.example.jp', true],
    ['https://example.jp/yobidashi/api', 'https://example.jp/yobidashi', true],
    ['https://example.jp/yobidashi/', 'https://example.jp/yobidashi', false],
    ['http://127.0.0.1:8787/api?x=1#top', 'http://127.0.0.1:8787', true],
    ['https://phone.example.jp/apis', 'https://phone.example.jp/apis', false],
  ])('%s → %s', (typed, url, droppedApiSuffix) => {
    expect(normaliseServerUrl(typed)).toEqual({ url, droppedApiSuffix });
  });

  it.each([['phone.example.jp'], ['ftp://phone.example.jp'], ['https://'], ['']])('refuses %s', (typed) => {
    expect(normaliseServerUrl(typed)).toBeNull();
  });

  it('sends API requests under the host even for a URL stored with /api before', () => {
    expect(apiBase('https://phone.example.jp/api/')).toBe('https://phone.example.jp');
  });
});
