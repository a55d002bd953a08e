import { afterEach, describe, expect, it } from 'vitest';
import { NOBODY_WAITING, type FollowUp } from '@/api/follow-up-schemas';
import { FollowUpList } from '@/components/follow-up-list';
import { uiLanguage } from '@/locales/i18n';
import { createFollowUpsModel, type FollowUpsModel } from '@/models/follow-ups-model';
import type { BackgroundLink } from '@/models/messaging-phone-client';
import { flush, renderUi } from '../components/render';

/** As `GET /api/follow-ups` lists them (server/routes/follow-ups.ts): soonest due first. */
const followUp = (id: string, dueAt: string, callerNumber: string): FollowUp => ({
  id,
  kind: 'missed',
  callerNumber,
  numberCalled: '+815011110000',
  numberLabel: '営業直通',
  calls: 1,
  lastCallSid: `CA${id.padStart(32, '0')}`,
  lastCallAt: '2026-12-04T01:00:00Z',
  dueAt,
  owner: null,
  crmRecord: null,
  hasRecording: false,
  notify: false,
  mine: true,
  done: false,
});
const TANAKA = followUp('31', '2026-12-04T03:00:00Z', '+81312345678');
const SUZUKI = followUp('32', '2026-12-04T05:00:00Z', '+819012345678');
const ITO = followUp('33', '2026-12-04T07:00:00Z', '+81666667777');

/**
 * The background as the popup reaches it, answering each message only when the test says: a list
 * refresh and a tick-off can then be in flight together, answered in any order.
 */
function slowBackground() {
  const waiting: { type: string; id?: string; answer(reply: unknown): void; fail(error: Error): void }[] = [];
  const link = {
    send: (message: { type: string; id?: string }) =>
      new Promise((answer, fail) => waiting.push({ ...message, answer, fail })),
  } as unknown as Pick<BackgroundLink, 'send'>;
  const next = (type: string, newest = false) => {
    const index = newest ? waiting.findLastIndex((message) => message.type === type) : waiting.findIndex((message) => message.type === type);
    if (index === -1) throw new Error(`nothing asked: ${type}`);
    return waiting.splice(index, 1)[0]!;
  };
  return {
    link,
    /** Answers the oldest list request (or the newest) with the server's list. */
    list: async (followUps: FollowUp[], newest = false) => (next('followUps', newest).answer({ followUps, waitingLine: NOBODY_WAITING }), flush()),
    done: async () => (next('completeFollowUp').answer(null), flush()),
    refuse: async () => (next('completeFollowUp').fail(Object.assign(new Error('Follow-up not found'), { code: 'follow_up_not_found' })), flush()),
    unreachable: async () => (next('completeFollowUp').fail(Object.assign(new Error('Cannot reach the server'), { code: 'unreachable' })), flush()),
  };
}

const ids = (model: FollowUpsModel) => model.followUps.value.map((item) => item.id);

async function listed(model: FollowUpsModel, background: ReturnType<typeof slowBackground>, list: FollowUp[]) {
  const loading = model.load();
  await background.list(list);
  await loading;
}

describe('ticking off a follow-up while the list refreshes', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    uiLanguage.value = 'ja';
  });

  it('keeps it off the list when a refresh asked before the tick landed answers after it', async () => {
    const background = slowBackground();
    const model = createFollowUpsModel(background.link);
    await listed(model, background, [TANAKA, SUZUKI]);

    const refresh = model.load(); // the 10-second refresh, on its way
    const ticking = model.complete('31');
    expect(ids(model)).toEqual(['32']);
    await background.done();
    await ticking;
    await background.list([TANAKA, SUZUKI]); // read by the server before the tick landed
    await refresh;
    expect(ids(model)).toEqual(['32']);
  });

  it('keeps it off while the tick is still on its way, and lets the server’s next list settle it', async () => {
    const background = slowBackground();
    const model = createFollowUpsModel(background.link);
    await listed(model, background, [TANAKA, SUZUKI]);

    const ticking = model.complete('31');
    await listed(model, background, [TANAKA, SUZUKI, ITO]); // the tick has not landed yet
    expect(ids(model)).toEqual(['32', '33']);
    await background.done();
    await ticking;
    await listed(model, background, [SUZUKI, ITO]); // asked after the tick landed: the server has it done
    expect(ids(model)).toEqual(['32', '33']);
    // Settled: the list is the server's again (a new missed call from 田中 shows as the server lists it).
    await listed(model, background, [TANAKA, SUZUKI, ITO]);
    expect(ids(model)).toEqual(['31', '32', '33']);
  });

  it.each([
    ['ja', '完了にできませんでした。もう一度お試しください。'],
    ['en', 'Could not mark it as done. Try again.'],
  ] as const)('brings it back in its place, into the list as refreshed meanwhile, when the server refuses (%s)', async (language, alert) => {
    uiLanguage.value = language;
    const background = slowBackground();
    const model = createFollowUpsModel(background.link);
    await listed(model, background, [TANAKA, SUZUKI]);
    const view = () => (
      <FollowUpList
        followUps={model.followUps.value}
        problem={model.problem.value}
        canDial
        onCall={() => {}}
        onPlay={() => {}}
        onDone={(id) => void model.complete(id)}
      />
    );
    const { container, rerender } = renderUi(view());

    const ticking = model.complete('32');
    await listed(model, background, [TANAKA, SUZUKI, ITO]); // a refresh lands while the tick is on its way
    await background.refuse();
    await ticking;
    rerender(view());
    expect({
      rows: [...container.querySelectorAll('li')].map((row) => row.getAttribute('data-id')),
      alert: container.querySelector('[role="alert"]')?.textContent,
    }).toEqual({ rows: ['31', '32', '33'], alert });
  });

  it('does not bring it back when the tick fails after a refresh no longer listed it', async () => {
    const background = slowBackground();
    const model = createFollowUpsModel(background.link);
    await listed(model, background, [TANAKA, SUZUKI]);

    const ticking = model.complete('32');
    await listed(model, background, [TANAKA]); // a colleague closed it while the tick was on its way
    await background.unreachable();
    await ticking;
    expect(ids(model)).toEqual(['31']);
  });

  it('never lets an older refresh that answers late replace a newer one', async () => {
    const background = slowBackground();
    const model = createFollowUpsModel(background.link);
    const older = model.load();
    const newer = model.load();
    await background.list([TANAKA]); // the older one is answered first…
    await background.list([TANAKA, SUZUKI]);
    await Promise.all([older, newer]);
    expect(ids(model)).toEqual(['31', '32']);

    const slow = model.load();
    const fresh = model.load();
    await background.list([SUZUKI], true);
    await background.list([TANAKA, SUZUKI]); // …and here last
    await Promise.all([slow, fresh]);
    expect(ids(model)).toEqual(['32']);
  });
});
