// The analytics and live-board queries on the embedded database (PGlite) holding a year of calls:
// 1,000,000 incoming and outgoing calls seeded in SQL (generate_series), then each query run
// repeatedly and its p50 / p95 printed. Aim: p95 under 200 ms for the ranges people pick (today,
// this week, this month); a whole year is shown too, for what it costs.
//   npm run bench -- --only analytics
//   ANALYTICS_CALLS=200000 npm run bench -- --only analytics     (a smaller seed)

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { loadBoard } from '../server/board/board-loader.ts';
import { funnel } from '../server/store/analytics-funnel.ts';
import { presetRange, type LocalRange } from '../server/store/analytics-range.ts';
import { repTotals } from '../server/store/analytics-reps.ts';
import { overview } from '../server/store/analytics.ts';
import { migrateToLatest, openDatabase } from '../server/store/database.ts';
import type { Database } from '../server/store/schema.ts';
import { count, ms, type ReportRow, type ReportTable } from './support/report.ts';
import { quantile, ratio } from './support/stats.ts';

const AIM_MS = 200;
const RUNS = 15;
const REPS = 20;
const NOW = new Date('2026-11-24T18:00:00+09:00');
const TIME_ZONE = 'Asia/Tokyo';
const MAIN = '+81312345678';

/** A year of calls ending at NOW: business hours mostly, three of four answered, IVR keys as callers press them. */
export async function seed(db: Kysely<Database>, calls: number): Promise<number> {
  const started = performance.now();
  for (let rep = 1; rep <= REPS; rep++) {
    const id = `rep_${String(rep).padStart(2, '0')}`;
    await db.insertInto('users').values({ id, name: `担当 ${rep}`, email: `${id}@example.jp`, role: 'rep', password_hash: null, crm_user_id: null, updated_at: NOW }).execute();
    await sql`insert into presence (user_id, available, heartbeat_at, online_since, ring_position) values (${id}, ${rep % 3 !== 0}, ${NOW}, ${NOW}, ${rep})`.execute(db);
  }
  // Seeding is not what is measured: the feed triggers stay off while the rows go in.
  await sql`alter table calls disable trigger user`.execute(db);
  await sql`select setseed(0.42)`.execute(db);
  const batch = 100_000;
  for (let from = 1; from <= calls; from += batch) {
    const to = Math.min(calls, from + batch - 1);
    await sql`
      insert into calls (call_sid, direction, from_number, to_number, number_called, number_label, ivr_path, rep_id, rang,
        status, status_rank, reason, started_at, answered_at, ended_at, duration_seconds, ivr_keys, ivr_state, ivr_routed_at)
      select 'CA' || lpad(to_hex(g), 32, '0'),
        case when c.outbound then 'outbound' else 'inbound' end,
        case when c.outbound then 'client:' || c.rep else '+8190' || lpad((g % 100000000)::text, 8, '0') end,
        case when c.outbound then '+8103' || lpad((g % 100000000)::text, 8, '0') else c.line end,
        c.line, case when c.line = ${MAIN} then '代表' else 'サポート直通' end, '[]'::jsonb,
        case when c.answered then c.rep end,
        case when c.outbound then '{}'::text[] else array[c.rep] end,
        case when c.answered then 'completed' when c.roll < 0.90 then 'missed' when c.roll < 0.97 then 'voicemail' when c.roll < 0.99 then 'busy' else 'failed' end,
        0, null, c.started,
        case when c.answered then c.started + make_interval(secs => c.wait) end,
        c.started + make_interval(secs => c.wait + c.talk),
        (c.wait + c.talk)::int,
        case when c.ivr then c.keys end,
        case when not c.ivr then null when c.keys in ('1', '21', '22') then 'routed' when c.roll < 0.95 then 'menu' else 'gave-up' end,
        case when c.ivr and c.keys in ('1', '21', '22') then c.started + interval '12 seconds' end
      from generate_series(${from}::int, ${to}::int) as g
      cross join lateral (
        select r.*,
          r.roll < 0.75 as answered,
          (${NOW}::timestamptz - make_interval(days => (g % 365)))::date::timestamp at time zone ${TIME_ZONE}
            + case when r.office then make_interval(hours => 8, secs => floor(r.minute * 36000)::int) else make_interval(secs => floor(r.minute * 86400)::int) end as started,
          case when r.main then ${MAIN} else '+815012345678' end as line,
          r.main and not r.outbound as ivr,
          (array['1', '21', '22', '21', '1', '2', ''])[1 + floor(r.key * 7)::int] as keys,
          'rep_' || lpad((1 + floor(r.who * ${REPS}))::int::text, 2, '0') as rep,
          5 + floor(r.key * 40) as wait,
          case when r.roll < 0.75 then 30 + floor(r.minute * 600) else 0 end as talk
        from (select random() as roll, random() < 0.85 as office, random() as minute, random() < 0.7 as main,
          random() < 0.2 as outbound, random() as key, random() as who, g as seq) as r
      ) as c
      where c.started < ${NOW}`.execute(db);
  }
  await sql`alter table calls enable trigger user`.execute(db);
  await sql`vacuum analyze calls`.execute(db);
  return performance.now() - started;
}

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(); // warm the cache and the plan
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

export async function runAnalyticsBench(): Promise<ReportTable[]> {
  const calls = Number(process.env.ANALYTICS_CALLS ?? 1_000_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'yobidashi-analytics-bench-'));
  const store = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(store.db);
    const seedMs = await seed(store.db, calls);
    const { rows } = await sql<{ n: string }>`select count(*) as n from calls`.execute(store.db);
    const ranges: [string, LocalRange][] = [];
    for (const preset of ['today', 'week', 'month'] as const) ranges.push([preset === 'today' ? 'today' : `this ${preset}`, await presetRange(store.db, preset, NOW, TIME_ZONE)]);
    ranges.push(['a whole year', { from: '2025-11-25', to: '2026-11-24', timeZone: TIME_ZONE }]);

    const rowsOut: ReportRow[] = [];
    const measure = async (metric: string, run: () => Promise<unknown>, aim: boolean) => {
      const { p50, p95 } = await timed(run);
      rowsOut.push({ key: aim, metric, value: `p95 ${ms(p95)}`, baseline: aim ? `aim ${ms(AIM_MS)}` : '', ratio: aim ? ratio(p95, AIM_MS) : Number.NaN, note: `p50 ${ms(p50)}; lower is better` });
    };
    for (const [name, range] of ranges) {
      const aim = name !== 'a whole year';
      const { rows: inRange } = await sql<{ n: string }>`select count(*) as n from calls where direction = 'inbound'
        and started_at >= (${range.from}::date::timestamp at time zone ${TIME_ZONE}) and started_at < ((${range.to}::date + 1)::timestamp at time zone ${TIME_ZONE})`.execute(store.db);
      const label = `${name} (${count(Number(inRange[0]!.n))} incoming)`;
      await measure(`overview: totals, heatmap, days, missed by hour, per number — ${label}`, () => overview(store.db, range), aim);
      await measure(`per rep — ${label}`, () => repTotals(store.db, range), aim);
      await measure(`IVR funnel — ${label}`, () => funnel(store.db, range), aim);
      await measure(`overview filtered by rep and branch — ${label}`, () => overview(store.db, range, { rep: 'rep_07', branch: '2' }), aim);
    }
    await measure(`live board rebuilt (${REPS} reps, today's counts, calls in progress)`, () => loadBoard(store.db, NOW), true);
    return [
      {
        title: `analytics — embedded database (PGlite), ${count(Number(rows[0]!.n))} calls over a year (bench/analytics.ts)`,
        rows: rowsOut,
        notes: [`seeded in ${(seedMs / 1000).toFixed(1)} s (generate_series, then VACUUM ANALYZE); ${RUNS} runs per query after one warm-up`],
      },
    ];
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
