import type { Kysely } from 'kysely';
import { listIncomingNumbers, loadSettings } from '../store/phone-config-store.ts';
import type { Database } from '../store/schema.ts';
import { allowedCountries, checkDestination, type DestinationCheck } from '../voice/outgoing.ts';

/**
 * The toll-fraud guard with this account's settings: every number a rep makes us call — an outgoing
 * call, a transfer or an added party — passes the same check.
 */
export async function guardDestination(db: Kysely<Database>, to: string): Promise<DestinationCheck> {
  const [settings, incoming, outgoing] = await Promise.all([
    loadSettings(db),
    listIncomingNumbers(db),
    db.selectFrom('outgoing_assignments').select('number').execute(),
  ]);
  const own = [...incoming.map((number) => number.number), ...outgoing.map((row) => row.number)];
  return checkDestination(to, { defaultCountry: settings.defaultCountry, allowed: allowedCountries(settings.allowedCountries, own) });
}
