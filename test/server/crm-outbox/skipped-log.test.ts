import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimAnswer, recordParentStatus, settleCall, startInboundCall, startOutboundCall, updateCallNotes } from '../../../server/store/calls.ts';
import { enqueueCallDelivery } from '../../../server/store/crm-outbox.ts';
import type { ZohoEmulator } from '../../emulators/zoho/index.ts';
import { capturedLog } from '../support/captured-log.ts';
import { openSharedStores, sharedTestStore } from '../support/store.ts';
import { OTHER_ORG, twoOrgWorld } from './support.ts';

/**
 * The outbox worker's log says what became of an entry it did not send: a call the CRM does not log,
 * or what belongs to a record in the Zoho org connected before (server/crm/org-switch.ts), which is not
 * a call left unlogged at all.
 */

beforeAll(() => openSharedStores());

const SID = 'CA0000000000000000000000000000C001';
let opened: ZohoEmulator[] = [];
afterEach(() => {
  for (const emulator of opened) emulator.close();
  opened = [];
});

async function setup() {
  const store = await sharedTestStore();
  const log = capturedLog('info', (line) => ({ msg: line['msg'], kind: line['kind'], reason: line['reason'] }));
  const { clock, worker, connectAnother } = await twoOrgWorld(store, opened, { logger: log.logger });
  const skipped = () => log.lines.filter((line) => line.reason !== undefined);
  return { store, clock, worker, skipped, connectAnother };
}

describe('the log line of an outbox entry not sent', () => {
  it('says a rep’s note for a call logged in the org connected before was skipped as belonging there', async () => {
    const { store, clock, worker, skipped, connectAnother } = await setup();
    await startInboundCall(store.db, { callSid: SID, from: '+81312345678', to: '+815012345678', label: '代表', now: clock.now() });
    await claimAnswer(store.db, SID, 'sato', clock.now());
    clock.advance(60_000);
    await store.db.transaction().execute(async (trx) => {
      await recordParentStatus(trx, { callSid: SID, status: 'completed', sequenceNumber: 3, at: clock.now(), durationSeconds: 60 });
      await enqueueCallDelivery(trx, { callSid: SID, kind: 'log-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 1 });
    await connectAnother({ org: OTHER_ORG });

    await store.db.transaction().execute(async (trx) => {
      await updateCallNotes(trx, SID, { note: '見積もり送付済み', disposition: null }, clock.now());
      await enqueueCallDelivery(trx, { callSid: SID, kind: 'update-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, skipped: 1 });
    expect(skipped()).toEqual([
      { msg: 'CRM delivery skipped: it belongs to the CRM org connected before, out of reach now', kind: 'update-call', reason: 'in-another-org' },
    ]);
  });

  it('still says a call refused before dialling was not logged in the CRM', async () => {
    const { store, clock, worker, skipped } = await setup();
    await startOutboundCall(store.db, { callSid: SID, repId: 'sato', to: '+81398765432', callerId: null, crmRecord: null, now: clock.now() });
    await store.db.transaction().execute(async (trx) => {
      await settleCall(trx, SID, 'failed', { reason: 'no-outgoing-number' });
      await enqueueCallDelivery(trx, { callSid: SID, kind: 'log-call', now: clock.now() });
    });
    expect(await worker.drainOnce()).toMatchObject({ delivered: 0, skipped: 1 });
    expect(skipped()).toEqual([{ msg: 'call not logged in the CRM', kind: 'log-call', reason: 'no-outgoing-number' }]);
  });
});
