import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardEventSchema, type RepCard } from '../../../contract/live-board.ts';
import { BoardHub } from '../../../server/board/board-hub.ts';
import type { BoardSubscriber } from '../../../server/board/board-subscriber.ts';
import { silentLogger } from '../../../server/logger.ts';
import { createTeam, type Team } from '../voice/call-control-support.ts';

/**
 * A supervisor watching the board sees on 佐藤's card that her call's recording is paused, and since
 * when, as soon as she pauses it and until she resumes it: through the board's change feed alone (the
 * hub's sweep, which would catch anything by rebuilding the board, is kept out of the way).
 */

let team: Team;
let hub: BoardHub;
let watching: BoardSubscriber;
beforeAll(async () => {
  team = await createTeam();
  await team.goOnline('sato', 'suzuki', 'tanaka', 'kanri');
  hub = new BoardHub({ db: team.store.db, now: team.clock.now, logger: silentLogger }, { pollMs: 20, sweepMs: 3_600_000 });
  watching = await hub.subscribe('kanri', null);
});
afterAll(async () => {
  hub.close();
  await team.close();
});

/** Reads the stream until 佐藤's card satisfies `match`, and returns that card. */
async function satoUntil(match: (card: RepCard) => boolean, timeoutMs = 5_000): Promise<RepCard> {
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  while (Date.now() < deadline) {
    for (const raw of await watching.next(100)) {
      const event = boardEventSchema.parse({ event: raw.event, data: JSON.parse(raw.data) });
      const card = event.event === 'rep' ? event.data : event.event === 'snapshot' ? event.data.reps.find((rep) => rep.id === 'sato') : undefined;
      if (card?.id !== 'sato') continue;
      seen.push(`${card.state} ${card.call?.recordingPausedAt ?? '-'}`);
      if (match(card)) return card;
    }
  }
  throw new Error(`佐藤's card never matched; saw: ${seen.join(', ')}`);
}

describe('the recording pause on the live board', () => {
  it('shows on the rep’s card when her call’s recording is paused, since when, and clears when it resumes', async () => {
    const call = await team.answeredCall();
    const talking = await satoUntil((card) => card.state === 'on-call' && card.call?.callSid === call.sid);
    expect(talking.call?.recordingPausedAt).toBeNull();
    await team.twilio.advance(20);

    const paused = await team.act('sato', 'POST', `/api/calls/${call.sid}/recording/pause`);
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    const card = await satoUntil((next) => Boolean(next.call?.recordingPausedAt));
    expect(card).toMatchObject({ state: 'on-call', call: { callSid: call.sid, recordingPausedAt: paused.body.recording.since } });

    await team.twilio.advance(30);
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/recording/resume`)).status).toBe(200);
    expect(await satoUntil((next) => next.call?.recordingPausedAt === null)).toMatchObject({ state: 'on-call', call: { callSid: call.sid } });
  });
});
