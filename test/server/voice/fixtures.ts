import { incomingNumberSchema, type IncomingNumber } from '../../../server/phone-config/schema.ts';

export const PUBLIC_URL = 'https://phone.example.jp';

/** The example: a 2-level IVR on the main number. */
export const mainNumber: IncomingNumber = incomingNumberSchema.parse({
  number: '+81312345678',
  label: '代表',
  record: true,
  voice: { language: 'ja-JP', voice: 'Polly.Mizuki' },
  messages: {
    welcome: { type: 'text', text: 'お電話ありがとうございます。' },
    menu: '${Menu}の場合、${Key press}を押してください。',
    unavailable: { type: 'text', text: '現在、担当者が出払っております。' },
    busy: { type: 'text', text: 'ただいま電話が大変混み合っております。' },
  },
  route: {
    type: 'ivr',
    menu: [
      { key: 1, label: '営業', action: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 20, repeat: true } },
      {
        key: 2,
        label: 'サポート',
        action: {
          type: 'menu',
          menu: [{ key: 1, label: '製品について', action: { type: 'ring', users: ['suzuki'], strategy: 'simultaneous', ringSeconds: 30 } }],
        },
      },
    ],
  },
});

/** Rings reps directly, welcome from a URL, no recording. */
export const directNumber: IncomingNumber = incomingNumberSchema.parse({
  number: '+815012345678',
  label: 'サポート直通',
  record: false,
  voice: { language: 'ja-JP' },
  messages: {
    welcome: { type: 'url', url: 'https://example.jp/welcome.mp3' },
    unavailable: { type: 'text', text: 'ただいま電話に出ることができません。' },
  },
  route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 15, cycles: 2 },
});

/** An English number with an uploaded welcome and default messages. */
export const englishNumber: IncomingNumber = incomingNumberSchema.parse({
  number: '+14155550100',
  label: 'US sales',
  voice: { language: 'en-US' },
  messages: { welcome: { type: 'audio', audioId: 'a1b2c3d4e5f6' } },
  route: { type: 'ivr', menu: [{ key: 1, label: 'sales', action: { type: 'ring', users: ['smith'], strategy: 'simultaneous', ringSeconds: 20 } }] },
});
