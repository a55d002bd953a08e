import type { z } from 'zod';
import { incomingNumberSchema } from '../../../server/phone-config/schema.ts';

export { incomingNumberSchema };
export type IncomingNumberInput = z.input<typeof incomingNumberSchema>;

/** 代表: a 2-level IVR; 営業 rings sato → suzuki → tanaka in turn, twice; サポート > 製品について rings everyone at once; サポート > 請求について rings suzuki → tanaka. */
export const MAIN: IncomingNumberInput = {
  number: '+81312345678',
  label: '代表',
  record: true,
  voice: { language: 'ja-JP', voice: 'Polly.Mizuki' },
  messages: {
    welcome: { type: 'text', text: 'お電話ありがとうございます。' },
    unavailable: { type: 'text', text: '現在、担当者が出払っております。' },
    busy: { type: 'text', text: 'ただいま電話が大変混み合っております。' },
  },
  route: {
    type: 'ivr',
    menu: [
      { key: 1, label: '営業', action: { type: 'ring', users: ['sato', 'suzuki', 'tanaka'], strategy: 'sequential', ringSeconds: 20, repeat: true } },
      {
        key: 2,
        label: 'サポート',
        action: {
          type: 'menu',
          menu: [
            { key: 1, label: '製品について', action: { type: 'ring', users: ['sato', 'suzuki', 'tanaka'], strategy: 'simultaneous', ringSeconds: 30 } },
            { key: 2, label: '請求について', action: { type: 'ring', users: ['suzuki', 'tanaka'], strategy: 'sequential', ringSeconds: 15 } },
          ],
        },
      },
    ],
  },
};

/** サポート直通: rings sato and suzuki in turn, once, no IVR. */
export const DIRECT: IncomingNumberInput = {
  number: '+815012345678',
  label: 'サポート直通',
  voice: { language: 'ja-JP' },
  messages: { welcome: { type: 'text', text: 'サポート窓口です。' } },
  route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'sequential', ringSeconds: 15, cycles: 1 },
};

/** An English number ringing everyone at once. */
export const ENGLISH: IncomingNumberInput = {
  number: '+81355550000',
  label: 'English line',
  voice: { language: 'en-US' },
  route: { type: 'ring', users: ['sato', 'suzuki'], strategy: 'simultaneous', ringSeconds: 20, cycles: 1 },
};

/** お客様窓口, for voicemails: open Mondays 09:00–18:00 (Tokyo), ringing sato once; reps who asked are told of each voicemail. */
export const NIGHT_LINE: IncomingNumberInput = {
  number: '+81322223333',
  label: 'お客様窓口',
  voice: { language: 'ja-JP' },
  route: { type: 'ring', users: ['sato'], strategy: 'sequential', ringSeconds: 10, cycles: 1 },
  hours: { weekly: { mon: [{ from: '09:00', to: '18:00' }] } },
  notifyVoicemail: true,
};
