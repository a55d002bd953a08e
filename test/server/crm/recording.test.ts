import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../server/crm/errors.ts';
import { connectedZoho, inboundCall, RECORDING_BYTES, RECORDING_URL, TWILIO } from './zoho-harness.ts';

const recording = (callRecordId: string) => ({
  callSid: 'CA00000000000000000000000000000001',
  parent: { module: 'Calls' as const, id: callRecordId },
  recordingSid: 'RE0123456789abcdef0123456789abcdef',
  durationSeconds: 125,
});

describe('the call recording in Zoho', () => {
  it('downloads the mp3 from Twilio and attaches it to a note on the call, keeping the link', async () => {
    const { adapter, emulator, downloads } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    const { noteId, attachmentId } = await adapter.attachRecording(recording(recordId));

    expect(downloads).toEqual([`${RECORDING_URL}.mp3`]);
    expect(emulator.state.notes()).toEqual([
      expect.objectContaining({
        id: noteId,
        Note_Title: '通話録音',
        Note_Content: `通話の録音（02:05）を添付しました。\n録音: ${RECORDING_URL}.mp3`,
        Parent_Id: { module: { api_name: 'Calls' }, id: recordId },
      }),
    ]);
    expect(emulator.state.attachments).toEqual([
      expect.objectContaining({
        id: attachmentId,
        parentModule: 'Notes',
        parentId: noteId,
        fileName: 'CA00000000000000000000000000000001-RE0123456789abcdef0123456789abcdef.mp3',
        contentType: 'audio/mpeg',
        bytes: RECORDING_BYTES,
      }),
    ]);
  });

  it('reuses the note an earlier attempt created instead of adding a second one', async () => {
    const { adapter, emulator } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    const created: string[] = [];
    emulator.faults.add({ kind: 'status', status: 503 }, 1, { path: /\/Attachments$/ });
    await expect(adapter.attachRecording({ ...recording(recordId), onNoteCreated: (id) => void created.push(id) })).rejects.toMatchObject({ name: 'RetryableError' });
    expect(created).toHaveLength(1);
    await adapter.attachRecording({ ...recording(recordId), existingNoteId: created[0] });
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(1);
  });

  it('gives up on a recording Twilio no longer has', async () => {
    const { adapter } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    const error = await adapter.attachRecording({ ...recording(recordId), recordingSid: `RE${'f'.repeat(32)}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'recording_not_found' });
  });

  it('builds the download from the SID against TWILIO_API_URL, and refuses anything that is not a recording SID', async () => {
    const { adapter, downloads } = await connectedZoho({ twilio: { ...TWILIO, apiBaseUrl: 'https://twilio-mock.example.jp/' } });
    const { recordId } = await adapter.logCall(inboundCall());
    await adapter.attachRecording(recording(recordId)).catch(() => undefined);
    expect(downloads).toEqual([]); // the harness serves api.twilio.com only: nothing was asked of it
    for (const recordingSid of ['RE0123/../../../Calls', `RE${'0'.repeat(32)}?x=`, '']) {
      await expect(adapter.attachRecording({ ...recording(recordId), recordingSid })).rejects.toMatchObject({ code: 'invalid_recording_sid' });
    }
  });

  it('fails permanently when the Twilio credentials are wrong', async () => {
    const { adapter } = await connectedZoho({ twilio: { ...TWILIO, authToken: 'wrong' } });
    const { recordId } = await adapter.logCall(inboundCall());
    await expect(adapter.attachRecording(recording(recordId))).rejects.toMatchObject({ code: 'twilio_auth_failed' });
  });
});
