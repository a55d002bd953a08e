import { signal } from '@preact/signals';
import type { AdminApi } from './admin-api';

/**
 * The admin's first run as numbered steps, each done or still to do, read from the real state:
 * is Twilio connected, are there incoming numbers, reps, outgoing numbers, a CRM, and is the setup
 * check clean. Re-read whenever the admin moves between steps or saves something.
 */

export const SETUP_STEPS = ['twilio', 'incoming', 'users', 'outgoing', 'crm', 'setupCheck'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** `unknown`: not read yet, or the server could not tell (Twilio unreachable…). */
export type StepState = 'done' | 'todo' | 'unknown';

export interface SetupFacts {
  twilio: { configured: boolean; status: string | null; problem?: unknown } | null;
  incomingCount: number | null;
  activeReps: number | null;
  outgoingCount: number | null;
  crmConnected: boolean | null;
  setupCheckOk: boolean | null;
  /** The setup check found an outgoing number Twilio would refuse. */
  outgoingRefused?: boolean;
}

const known = (value: boolean | null | undefined): StepState => (value === null || value === undefined ? 'unknown' : value ? 'done' : 'todo');

export function stepStates(facts: SetupFacts): Record<SetupStep, StepState> {
  const twilio = facts.twilio;
  return {
    twilio: twilio === null ? 'unknown' : known(twilio.configured && twilio.status === 'active' && !twilio.problem),
    incoming: known(facts.incomingCount === null ? null : facts.incomingCount > 0),
    users: known(facts.activeReps === null ? null : facts.activeReps > 0),
    outgoing: known(facts.outgoingCount === null ? null : facts.outgoingCount > 0 && !facts.outgoingRefused),
    crm: known(facts.crmConnected),
    setupCheck: known(facts.setupCheckOk),
  };
}

/** Where an admin starts: the first step still to do, or the setup check once everything is done. */
export function firstStepToDo(states: Record<SetupStep, StepState>): SetupStep {
  return SETUP_STEPS.find((step) => states[step] === 'todo') ?? 'setupCheck';
}

const settle = <T>(promise: Promise<T>) => promise.then((value) => value, () => null);

export function createSetupProgress(api: AdminApi) {
  const states = signal<Record<SetupStep, StepState> | null>(null);
  let reading = 0;
  const refresh = async () => {
    const run = ++reading;
    const [twilio, incoming, users, outgoing, crm, check] = await Promise.all([
      settle(api.getTwilio()),
      settle(api.listIncoming()),
      settle(api.listUsers()),
      settle(api.listOutgoing()),
      settle(api.getCrm()),
      settle(api.getSetupCheck()),
    ]);
    // A later read started meanwhile: its answer is the newer one.
    if (run !== reading) return;
    states.value = stepStates({
      twilio,
      incomingCount: incoming?.length ?? null,
      activeReps: users ? users.filter((user) => user.active && user.role === 'rep').length : null,
      outgoingCount: outgoing?.length ?? null,
      crmConnected: crm ? crm.connected : null,
      setupCheckOk: check ? check.ok : null,
      outgoingRefused: check?.findings.some((finding) => finding.id.startsWith('outgoing:') && !finding.ok && finding.severity === 'error') ?? false,
    });
  };
  return { states, refresh };
}
export type SetupProgress = ReturnType<typeof createSetupProgress>;
