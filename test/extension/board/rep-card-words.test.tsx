import { afterEach, describe, expect, it } from 'vitest';
import { RepCard } from '@/components/options/board-rep-card';
import { uiLanguage } from '@/locales/i18n';
import { renderUi } from '../components/render';
import { SATO_ON_CALL } from './fixtures';

const NOW = Date.parse('2026-11-24T01:02:00.000Z');

function callLine(direction: 'inbound' | 'outbound') {
  const card = { ...SATO_ON_CALL, call: { ...SATO_ON_CALL.call!, direction } };
  const { container } = renderUi(<ul><RepCard card={card} now={NOW} country="JP" onListenIn={null} /></ul>);
  return container.querySelector('.yb-rep-card__call > div')!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the call on a rep’s card, in each language’s own punctuation', () => {
  it.each([
    ['ja', 'inbound', '着信：山田商事 山田様 090-1111-2222'],
    ['ja', 'outbound', '発信：山田商事 山田様 090-1111-2222'],
    ['en', 'inbound', 'Incoming: 山田商事 山田様 090-1111-2222'],
    ['en', 'outbound', 'Outgoing: 山田商事 山田様 090-1111-2222'],
  ] as const)('%s, %s: %s', (language, direction, text) => {
    uiLanguage.value = language;
    const line = callLine(direction);
    expect(line.textContent).toBe(text);
    expect(line.querySelector('strong')?.textContent).toBe('山田商事 山田様');
  });
});
