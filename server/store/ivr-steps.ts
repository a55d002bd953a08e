import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Where a caller stands in the IVR, for the live board ("in the menu") and the IVR funnel. The menu
 * handler reports every step: the menu the caller is at now, the ring action it sent them to, or
 * that they ran out of tries. A caller who hangs up in a menu simply keeps the last path.
 */
export type MenuStep =
  | { kind: 'menu'; path: readonly number[] }
  | { kind: 'ring'; path: readonly number[] }
  | { kind: 'give-up' };

/** Menu keys are single digits 1–9 (voice/ivr.ts), so a path is a string of them: `[2, 1]` → `'21'`. */
export function keysOf(path: readonly number[]): string {
  return path.join('');
}

/**
 * Records one step. A Twilio retry of an earlier menu request must not move a caller who was already
 * routed back into the menu: menu steps only apply while the caller is still in the menu.
 */
export async function recordMenuStep(db: Kysely<Database>, callSid: string, step: MenuStep, now: Date): Promise<void> {
  if (!callSid) return;
  const query = db.updateTable('calls').where('call_sid', '=', callSid);
  switch (step.kind) {
    case 'menu':
      await query
        .set({ ivr_keys: keysOf(step.path), ivr_state: 'menu' })
        .where((eb) => eb.or([eb('ivr_state', 'is', null), eb('ivr_state', '=', 'menu')]))
        .execute();
      return;
    case 'ring':
      await query
        .set((eb) => ({ ivr_keys: keysOf(step.path), ivr_state: 'routed', ivr_routed_at: eb.fn.coalesce('ivr_routed_at', eb.val(now)) }))
        .where((eb) => eb.or([eb('ivr_state', 'is', null), eb('ivr_state', '=', 'menu')]))
        .execute();
      return;
    case 'give-up':
      await query.set({ ivr_state: 'gave-up' }).where('ivr_state', '=', 'menu').execute();
      return;
  }
}
