import { describe, expect, it } from 'vitest';
import { AmbiguousError, PermanentError } from '../../../server/crm/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../../server/crm/zoho/recording.ts';
import { connectedZoho, inboundCall, RECORDING_BYTES, RECORDING_URL, TWILIO } from './zoho-harness.ts';

const recording = (callRecordId: string) => ({
  callSid: 'CA00000000000000000000000000000001',
  parent: { module: 'Calls' as const, id: callRecordId },
  recordingSid: 'RE0123456789abcdef0123456789abcdef',
  durationSeconds: 125,
});

describe('the call recording in Zoho', () => {
  it('downloads the mp3 from Twilio and attaches it to a note on the call, naming the recording', async () => {
    const { adapter, emulator, downloads } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    const { noteId, attachmentId, storedAs } = await adapter.attachRecording(recording(recordId));
    expect(storedAs).toBe('file');

    expect(downloads).toEqual([`${RECORDING_URL}.mp3`]);
    expect(emulator.state.notes()).toEqual([
      expect.objectContaining({
        id: noteId,
        Note_Title: '通話録音',
        Note_Content: '通話の録音（02:05）を添付しました。\n録音ID: RE0123456789abcdef0123456789abcdef',
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

  it.each([
    ['ja', '留守番電話', '留守番電話のメッセージ（00:14）を添付しました。\n録音ID: RE0123456789abcdef0123456789abcdef'],
    ['en', 'Voicemail', "The caller's voicemail (00:14) is attached.\nRecording ID: RE0123456789abcdef0123456789abcdef"],
  ] as const)('titles a voicemail’s note as a voicemail, not a call recording (%s)', async (locale, title, content) => {
    const { adapter, emulator } = await connectedZoho({ locale });
    const { recordId } = await adapter.logCall(inboundCall());
    await adapter.attachRecording({ ...recording(recordId), durationSeconds: 14, kind: 'voicemail' });
    expect(emulator.state.notes()).toEqual([expect.objectContaining({ Note_Title: title, Note_Content: content })]);
  });

  it('reuses the note an earlier attempt created instead of adding a second one', async () => {
    const { adapter, emulator } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    const created: string[] = [];
    emulator.faults.add({ kind: 'status', status: 503 }, 1, { path: /\/Attachments$/ });
    await expect(adapter.attachRecording({ ...recording(recordId), onNoteKnown: (id) => void created.push(id) })).rejects.toMatchObject({ name: 'AmbiguousError' });
    expect(created).toHaveLength(1);
    await adapter.attachRecording({ ...recording(recordId), existingNoteId: created[0], attempts: 1 });
    expect(emulator.state.notes()).toHaveLength(1);
    expect(emulator.state.attachments).toHaveLength(1);
  });

  it('finds the note a create Zoho applied without answering made, instead of adding a second one', async () => {
    const { adapter, emulator, clock } = await connectedZoho({ requestTimeoutMs: 300 });
    const { recordId } = await adapter.logCall(inboundCall());
    emulator.faults.add({ kind: 'accept-then-hang' }, 1, { method: 'POST', path: /\/Notes$/ });
    await expect(adapter.attachRecording(recording(recordId))).rejects.toBeInstanceOf(AmbiguousError);
    expect(emulator.state.notes()).toHaveLength(1);

    const known: string[] = [];
    const retry = { ...recording(recordId), attempts: 1, unconfirmedSince: new Date(clock.now), now: clock.now + 60_000, onNoteKnown: (id: string) => void known.push(id) };
    const { noteId } = await adapter.attachRecording(retry);
    expect(emulator.state.notes().map((note) => note.id)).toEqual([noteId]);
    expect(known).toEqual([noteId]);
    expect(emulator.state.attachments).toMatchObject([{ parentId: noteId, bytes: RECORDING_BYTES }]);
  });

  it('looks for an earlier note on retries only', async () => {
    const { adapter, emulator } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    await adapter.attachRecording(recording(recordId));
    expect(emulator.state.requests.filter((request) => request.method === 'GET' && /\/(Notes|Attachments)$/.test(request.path))).toEqual([]);
  });

  it('does not upload again a recording Zoho took but answered with a gateway error, and reports the attachment it has', async () => {
    const { adapter, emulator, clock } = await connectedZoho();
    const { recordId } = await adapter.logCall(inboundCall());
    const known: string[] = [];
    emulator.faults.add({ kind: 'accept-then-status', status: 502 }, 1, { method: 'POST', path: /\/Attachments$/ });
    await expect(adapter.attachRecording({ ...recording(recordId), onNoteKnown: (id) => void known.push(id) })).rejects.toBeInstanceOf(AmbiguousError);
    expect(emulator.state.attachments).toHaveLength(1);

    const retry = { ...recording(recordId), existingNoteId: known[0], attempts: 1, unconfirmedSince: new Date(clock.now) };
    expect(await adapter.attachRecording(retry)).toEqual({ noteId: known[0], attachmentId: emulator.state.attachments[0]!.id, storedAs: 'file' });
    expect(emulator.state.attachments).toHaveLength(1);
  });

  it.each([
    ['ja', '通話の録音（02:05）はZohoに添付できる大きさ（100 MB）を超えるため', 'リンクを開くにはTwilioアカウントの認証情報が必要です'],
    ['en', "The call's recording (02:05) is larger than Zoho takes as an attachment (100 MB)", "Opening the link needs the Twilio account's credentials"],
  ] as const)('attaches a link when Zoho refuses the file as too large (413), and the %s note says so', async (locale, says, howToOpen) => {
    const { adapter, emulator } = await connectedZoho({ locale });
    emulator.state.maxUploadBytes = RECORDING_BYTES.byteLength - 1;
    const { recordId } = await adapter.logCall(inboundCall());
    const { noteId, storedAs } = await adapter.attachRecording(recording(recordId));
    expect(storedAs).toBe('link');
    expect(emulator.state.attachments).toMatchObject([{ parentId: noteId, bytes: null, attachmentUrl: `${RECORDING_URL}.mp3` }]);
    const content = String(emulator.state.notes()[0]?.['Note_Content']);
    expect(content).toContain(says);
    expect(content).toContain(howToOpen);
    expect(content).toContain(`${RECORDING_URL}.mp3`);
  });

  it('on a retry, finds a recording an earlier attempt attached as a link, and reports it as a link', async () => {
    const { adapter, emulator } = await connectedZoho();
    emulator.state.maxUploadBytes = 1;
    const { recordId } = await adapter.logCall(inboundCall());
    const first = await adapter.attachRecording(recording(recordId));
    emulator.state.maxUploadBytes = 100 * 1000 * 1000;
    expect(await adapter.attachRecording({ ...recording(recordId), existingNoteId: first.noteId, attempts: 1 })).toEqual(first);
    expect(emulator.state.attachments).toHaveLength(1);
  });

  it('uploads as files recordings above the old 20 MB limit, up to the 100 MB request body Zoho documents', () => {
    expect(MAX_UPLOAD_BYTES).toBeGreaterThan(20 * 1024 * 1024);
    expect(MAX_UPLOAD_BYTES).toBeLessThan(100 * 1000 * 1000);
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
