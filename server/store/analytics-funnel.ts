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
  // Calls grouped by where they ended first (a handful of paths), then every path spread over its prefixes.
  const { rows } = await sql<Row>`
    with paths as (
      select calls.number_called as number, calls.ivr_keys as keys, calls.ivr_state as state,
        calls.status = 'in-progress' as live, count(*) as calls
      from calls
      where calls.direction = 'inbound' and calls.ivr_keys is not null and calls.number_called is not null
        and calls.started_at >= ${rangeStart(range)} and calls.started_at < ${rangeEnd(range)}
        and ${filterConditions(filters)}
      group by 1, 2, 3, 4
    )
    select p.number, left(p.keys, depth) as keys,
      sum(p.calls) as reached,
      coalesce(sum(p.calls) filter (where depth = length(p.keys) and p.state = 'routed'), 0) as routed,
      coalesce(sum(p.calls) filter (where depth = length(p.keys) and p.state = 'menu' and not p.live), 0) as hung_up,
      coalesce(sum(p.calls) filter (where depth = length(p.keys) and p.state = 'gave-up'), 0) as invalid,
      coalesce(sum(p.calls) filter (where depth = length(p.keys) and p.state = 'menu' and p.live), 0) as in_menu
    from paths as p cross join lateral generate_series(0, length(p.keys)) as depth
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
