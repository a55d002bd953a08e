import { describe, expect, it } from 'vitest';
import { createSetupProgress, firstStepToDo, stepStates, type SetupFacts } from '@/models/setup-progress';
import { fakeAdminApi, NO_ACCOUNT } from '../components/fake-admin-api';

const FRESH: SetupFacts = { twilio: { configured: false, status: null }, incomingCount: 0, activeReps: 0, outgoingCount: 0, crmConnected: false, setupCheckOk: false };

describe('the guided setup’s steps, from the real state', () => {
  it('has everything to do on a fresh server, starting with Twilio', () => {
    const states = stepStates(FRESH);
    expect(states).toEqual({ twilio: 'todo', incoming: 'todo', users: 'todo', outgoing: 'todo', crm: 'todo', setupCheck: 'todo' });
    expect(firstStepToDo(states)).toBe('twilio');
  });

  it('counts Twilio as done only while the account is active and answering', () => {
    expect(stepStates({ ...FRESH, twilio: { configured: true, status: 'active' } }).twilio).toBe('done');
    expect(stepStates({ ...FRESH, twilio: { configured: true, status: 'suspended' } }).twilio).toBe('todo');
    expect(stepStates({ ...FRESH, twilio: { configured: true, status: null, problem: { code: 'twilio_unreachable' } } }).twilio).toBe('todo');
  });

  it('keeps outgoing numbers to do while the setup check finds one Twilio would refuse', () => {
    const facts = { ...FRESH, outgoingCount: 3 };
    expect(stepStates(facts).outgoing).toBe('done');
    expect(stepStates({ ...facts, outgoingRefused: true }).outgoing).toBe('todo');
  });

  it('lands on the first step still to do, and on the check once all is done', () => {
    const halfway = stepStates({ ...FRESH, twilio: { configured: true, status: 'active' }, incomingCount: 1, activeReps: 2 });
    expect(firstStepToDo(halfway)).toBe('outgoing');
    const done = stepStates({ twilio: { configured: true, status: 'active' }, incomingCount: 1, activeReps: 1, outgoingCount: 1, crmConnected: true, setupCheckOk: true });
    expect(Object.values(done)).toEqual(Array(6).fill('done'));
    expect(firstStepToDo(done)).toBe('setupCheck');
  });

  it('says “not checked” for what the server could not tell, and reads everything from the admin API', async () => {
    const progress = createSetupProgress(
      fakeAdminApi({
        getTwilio: async () => NO_ACCOUNT,
        getSetupCheck: async () => {
          throw new Error('Twilio is unreachable');
        },
      }),
    );
    await progress.refresh();
    expect(progress.states.value).toEqual({ twilio: 'todo', incoming: 'todo', users: 'done', outgoing: 'todo', crm: 'todo', setupCheck: 'unknown' });
  });
});
