import { describe, expect, it } from 'vitest';
import { newSteps, speakSteps } from '@/models/admin-preview';
import type { Preview, PreviewStep } from '@/models/admin-schemas';

const say = (text: string, language = 'ja-JP'): PreviewStep => ({ say: { text, language, voice: '' } });
const gather = (pressed: string | null): PreviewStep => ({ gather: { numDigits: 1, timeout: 5, pressed } });
const run = (steps: PreviewStep[], outcome: Preview['outcome'] = 'waiting-for-input'): Preview => ({ steps, outcome, summary: { en: '', ja: '' }, path: [] });

describe('the preview, played in the page', () => {
  it('after a key press, only what comes after the menu is new', () => {
    const first = run([say('ようこそ'), say('営業は1'), gather(null)]);
    const second = run([say('ようこそ'), say('営業は1'), gather('2'), say('サポートは1'), gather(null)]);
    expect(newSteps(first, second)).toEqual([gather('2'), say('サポートは1'), gather(null)]);
    expect(newSteps(null, first)).toEqual(first.steps);
  });

  it('speaks each say step in its language (the number’s when it names none), cancelling earlier speech', () => {
    const log: string[] = [];
    const voice = {
      speech: { speak: (u: SpeechSynthesisUtterance) => log.push(`${u.lang}:${u.text}`), cancel: () => log.push('cancel') },
      utterance: (text: string) => ({ text, lang: '' }) as SpeechSynthesisUtterance,
    };
    expect(speakSteps([say('ようこそ'), gather(null), say('Hello', 'en-US'), say('x', ''), { hangup: {} }], 'ja-JP', voice)).toBe(3);
    expect(log).toEqual(['cancel', 'ja-JP:ようこそ', 'en-US:Hello', 'ja-JP:x']);
  });

  it('stays silent without speech synthesis', () => {
    expect(speakSteps([say('ようこそ')], 'ja-JP', null)).toBe(0);
  });
});
