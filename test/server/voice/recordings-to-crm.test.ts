import { describe, expect, it } from 'vitest';
import { teamForFile } from './call-control-support.ts';

const team = teamForFile();

describe('the recordings of a call, queued for the CRM', () => {
  it('a recorded call that ends in voicemail after a failed transfer queues both the conversation and the message, once each', async () => {
    const call = await team.answeredCall();
    team.twilio.device('suzuki').decline(2);
    team.twilio.device('sato').ignore();
    await team.twilio.advance(20); // a conversation worth recording
    expect((await team.act('sato', 'POST', `/api/calls/${call.sid}/transfer`, { to: { user: 'suzuki' }, mode: 'blind' })).status).toBe(200);
    const transcript = await call.finish(300);
    await team.twilio.advance(30);
    expect(transcript.recordings).toHaveLength(2); // the room's, and the voicemail's
    expect(transcript.recordings).toContainEqual(expect.objectContaining({ source: 'RecordVerb' }));

    const recordings = await team.store.db.selectFrom('call_recordings').select(['recording_sid', 'status']).where('call_sid', '=', call.sid).execute();
    const completed = recordings.filter((recording) => recording.status === 'completed').map((recording) => recording.recording_sid);
    expect(completed).toHaveLength(2);
    const queued = await team.store.db
      .selectFrom('crm_outbox')
      .select(['recording_sid', 'payload'])
      .where('call_sid', '=', call.sid)
      .where('kind', '=', 'attach-recording')
      .execute();
    // One entry per recording, though the voicemail's was queued by both its action and its recording callback.
    expect(queued.map((entry) => entry.recording_sid).sort()).toEqual(completed.sort());
    expect(queued.map((entry) => entry.payload['recordingSid']).sort()).toEqual(completed.sort());
  });
});
