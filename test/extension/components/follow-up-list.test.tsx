import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUp } from '@/api/follow-up-schemas';
import { FollowUpList } from '@/components/follow-up-list';
import { WaitingLineIndicator } from '@/components/waiting-line-indicator';
import { uiLanguage } from '@/locales/i18n';
import { createFollowUpsModel } from '@/models/follow-ups-model';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import { button, click, renderUi } from './render';

/** As `GET /api/follow-ups` lists them (server/routes/follow-ups.ts). */
const YAMADA: FollowUp = {
  id: '11',
  kind: 'voicemail',
  callerNumber: '+81312345678',
  numberCalled: '+815011110000',
  numberLabel: '営業直通',
  calls: 2,
  lastCallSid: `CA${'1'.repeat(32)}`,
  lastCallAt: '2026-11-24T12:30:00Z',
  dueAt: '2026-11-24T16:30:00Z',
  owner: { id: 'sato', name: '佐藤 花子' },
  crmRecord: { module: 'Contacts', id: '5725767000001000001', name: '山田 太郎' },
  hasRecording: true,
  notify: true,
  mine: true,
  done: false,
};
const UNKNOWN: FollowUp = { ...YAMADA, id: '12', kind: 'callback', callerNumber: '+819012345678', calls: 1, crmRecord: null, hasRecording: false, dueAt: '2026-11-24T01:00:00Z' };

/** The background, as the popup reaches it: replies per message type. */
function fakeBackground(replies: Partial<Record<string, (message: { type: string; id?: string }) => unknown>>) {
  const sent: { type: string; id?: string }[] = [];
  const link = {
    send: async (message: { type: string; id?: string }) => {
      sent.push(message);
      const reply = replies[message.type];
      if (!reply) throw new Error(`no reply for ${message.type}`);
      return reply(message);
    },
  } as unknown as Pick<BackgroundLink, 'send'>;
  return { link, sent };
}

describe('the popup’s "to call back" list', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('lists who to call back, with the CRM name, what happened, and the due time', async () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(
      <FollowUpList followUps={[YAMADA, UNKNOWN]} canDial now={Date.parse('2026-11-24T10:00:00Z')} onCall={() => {}} onPlay={() => {}} onDone={() => {}} />,
    );
    const rows = [...container.querySelectorAll('li')];
    expect(rows.map((row) => row.querySelector('.yb-follow-ups__who')?.textContent)).toEqual(['山田 太郎 03-1234-5678', '090-1234-5678']);
    expect([...rows[0]!.querySelectorAll('.yb-tag')].map((tag) => tag.textContent)).toEqual(['留守番電話', '2回']);
    expect(rows[0]?.textContent).toContain('営業直通 宛');
    expect([...rows[1]!.querySelectorAll('.yb-tag')].map((tag) => tag.textContent)).toEqual(['折り返し依頼', '期限切れ']);
    // Only a voicemail has something to play.
    expect(rows[1]?.textContent).not.toContain('▶');
  });

  it('calls back, plays the voicemail, and ticks off through the background', async () => {
    uiLanguage.value = 'ja';
    const { link, sent } = fakeBackground({
      followUps: () => ({ followUps: [YAMADA, UNKNOWN], waitingLine: { count: 0, longestWaitSeconds: 0, lines: [] } }),
      voicemailAudio: () => ({ dataUrl: 'data:audio/mpeg;base64,SUQz' }),
      completeFollowUp: () => null,
    });
    const model = createFollowUpsModel(link);
    await model.load();
    const dialled: string[] = [];
    const view = () => (
      <FollowUpList
        followUps={model.followUps.value}
        playing={model.playing.value}
        canDial
        onCall={(number) => dialled.push(number)}
        onPlay={(id) => void model.play(id)}
        onDone={(id) => void model.complete(id)}
      />
    );
    const { container, rerender } = renderUi(view());
    await click(button(container, '山田 太郎 に折り返し発信'));
    expect(dialled).toEqual(['+81312345678']);

    await click(button(container, '山田 太郎 の留守番電話を再生'));
    rerender(view());
    expect(container.querySelector('audio')?.getAttribute('src')).toBe('data:audio/mpeg;base64,SUQz');

    await click(button(container, '山田 太郎 への折り返しを完了にする'));
    rerender(view());
    expect([...container.querySelectorAll('li')]).toHaveLength(1);
    expect(sent.map((message) => `${message.type}${message.id ? ` ${message.id}` : ''}`)).toEqual(['followUps', 'voicemailAudio 11', 'completeFollowUp 11']);
  });

  it('puts a follow-up back and says so when ticking off fails', async () => {
    uiLanguage.value = 'en';
    const { link } = fakeBackground({
      followUps: () => ({ followUps: [YAMADA], waitingLine: { count: 0, longestWaitSeconds: 0, lines: [] } }),
      completeFollowUp: () => Promise.reject(new Error('offline')),
    });
    const model = createFollowUpsModel(link);
    await model.load();
    await model.complete('11');
    expect(model.followUps.value.map((followUp) => followUp.id)).toEqual(['11']);
    const { container } = renderUi(<FollowUpList followUps={model.followUps.value} problem={model.problem.value} canDial onCall={() => {}} onPlay={() => {}} onDone={() => {}} />);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Could not mark it as done. Try again.');
  });
});

describe('the waiting-line indicator', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it.each([
    ['ja', 3, 135, '3件待ち 最長 2分15秒'],
    ['en', 1, 40, '1 waiting longest 40 s'],
    ['ja', 0, 0, '順番待ちなし'],
  ] as const)('in %s: %i waiting for %i s reads “%s”', (language, count, longestWaitSeconds, text) => {
    uiLanguage.value = language;
    const { container } = renderUi(<WaitingLineIndicator line={{ enabled: true, count, longestWaitSeconds, lines: [] }} />);
    expect(container.textContent?.replace(/\s+/g, ' ').trim()).toBe(text);
  });

  it('is not shown to a rep none of whose numbers has a waiting line', () => {
    uiLanguage.value = 'ja';
    const { container } = renderUi(<WaitingLineIndicator line={{ enabled: false, count: 0, longestWaitSeconds: 0, lines: [] }} />);
    expect(container.querySelector('.yb-waiting-line')).toBeNull();
    expect(container.textContent).toBe('');
  });
});
