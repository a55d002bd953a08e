import { describe, expect, it } from 'vitest';
import { apiErrorMessages } from '@/locales/api-error-messages';
import type { MessageEntry } from '@/locales/message-entry';
import { messages } from '@/locales/messages';

// Every English sentence a person can meet: the UI's dictionary and the API's error contract.
const english = [...Object.entries(messages), ...Object.entries(apiErrorMessages)].map(([key, entry]) => [key, (entry as MessageEntry).en] as const);
const using = (pattern: RegExp) => english.filter(([, text]) => pattern.test(text)).map(([key]) => key);

describe('the English of the UI, one spelling for one thing', () => {
  it('spells “email” as the account and user pages do, never “e-mail”', () => {
    expect(using(/\bemail\b/i).length).toBeGreaterThan(0);
    expect(using(/\be-mail/i)).toEqual([]);
  });

  it('spells British English throughout, as its “organisation” and “data centre” do', () => {
    expect(using(/\borganisation|\bcentre\b/i).length).toBeGreaterThan(0);
    expect(using(/\bcanceled\b|\bcanceling\b|\borganization|\bcenter\b/i)).toEqual([]);
  });

  it('quotes with typographic quotes, as every other label does', () => {
    expect(using(/“/).length).toBeGreaterThan(0);
    expect(using(/"/)).toEqual([]);
  });
});
