import { sql, type Kysely } from 'kysely';
import { filterConditions, rangeEnd, rangeStart, type CallFilters, type LocalRange } from './analytics-range.ts';
import type { Database } from './schema.ts';

/**
 * The IVR funnel for a local date range: for every menu a caller reached (by the keys of its path,
 * `''` = the top menu), how many callers got there, and of those who stopped there how many the menu
 * routed on to a ring action, how many hung up in it, how many ran out of tries, and how many are
 * still listening. "Chose key k at menu p" is the count that reached `p + k`. Each call counts once
 * per menu on the path it ended on (a caller who went back with 0 counts where they went after).
 */

type Db = Kysely<Database>;

export interface FunnelNode {
  number: string;
  keys: string;
  reached: number;
  routed: number;
  hungUp: number;
  invalid: number;
  inMenu: number;
}

interface Row {
  number: string;
  keys: string;
  reached: string;
  routed: string;
  hung_up: string;
  invalid: string;
  in_menu: string;
}

export async function funnel(db: Db, range: LocalRange, filters: CallFilters = {}): Promise<FunnelNode[]> {
  const { rows } = await sql<Row>`
    select calls.number_called as number, left(calls.ivr_keys, depth) as keys,
      count(*) as reached,
      count(*) filter (where last and calls.ivr_state = 'routed') as routed,
      count(*) filter (where last and calls.ivr_state = 'menu' and calls.status <> 'in-progress') as hung_up,
      count(*) filter (where last and calls.ivr_state = 'gave-up') as invalid,
      count(*) filter (where last and calls.ivr_state = 'menu' and calls.status = 'in-progress') as in_menu
    from calls
      cross join lateral generate_series(0, length(calls.ivr_keys)) as depth
      cross join lateral (select depth = length(calls.ivr_keys) as last) as here
    where calls.direction = 'inbound' and calls.ivr_keys is not null and calls.number_called is not null
      and calls.started_at >= ${rangeStart(range)} and calls.started_at < ${rangeEnd(range)}
      and ${filterConditions(filters)}
    group by 1, 2
    order by 1, 2`.execute(db);
  return rows.map((row) => ({
    number: row.number,
    keys: row.keys,
    reached: Number(row.reached),
    routed: Number(row.routed),
    hungUp: Number(row.hung_up),
    invalid: Number(row.invalid),
    inMenu: Number(row.in_menu),
  }));
}
