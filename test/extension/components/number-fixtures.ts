import type { IncomingNumber } from '@/models/phone-config-types';

/**
 * 代表 (03-1234-5678) as the options page holds it: in Japanese, not recorded, no messages of its own,
 * ringing 佐藤 alone. `overrides` replace whole fields: what a test is about stands in it.
 */
export function mainNumber(overrides: Partial<IncomingNumber> = {}): IncomingNumber {
  return {
    number: '+81312345678',
    label: '代表',
    enabled: true,
    record: false,
    voice: { language: 'ja-JP' },
    messages: {},
    route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 20, cycles: 1 },
    ...overrides,
  };
}
