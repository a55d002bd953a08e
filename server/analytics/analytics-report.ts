import type { Kysely } from 'kysely';
import type { Analytics, RangePreset } from '../../contract/analytics.ts';
import type { CallFilters, LocalRange } from '../store/analytics-range.ts';
import { funnel } from '../store/analytics-funnel.ts';
import { repTotals } from '../store/analytics-reps.ts';
import { overview } from '../store/analytics.ts';
import { listIncomingNumbers } from '../store/phone-config-store.ts';
import type { Database } from '../store/schema.ts';
import { funnelMenus, ivrBranches } from './funnel-tree.ts';

/** Everything the analytics page shows for a range and filters: the SQL aggregates, labelled with today's configuration. */
export async function analyticsReport(
  db: Kysely<Database>,
  range: LocalRange & { preset: RangePreset | null },
  filters: CallFilters,
): Promise<Analytics> {
  const [figures, reps, funnelRows, numbers, users] = await Promise.all([
    overview(db, range, filters),
    repTotals(db, range, filters),
    funnel(db, range, filters),
    listIncomingNumbers(db),
    db.selectFrom('users').select(['id', 'name', 'active']).orderBy('name').orderBy('id').execute(),
  ]);
  const configured = new Map(numbers.map((number) => [number.number, number]));
  const names = new Map(users.map((user) => [user.id, user.name]));
  const labelOf = (number: string) => configured.get(number)?.label || null;
  const funnelNumbers = [...new Set(funnelRows.map((row) => row.number))];
  return {
    range: { from: range.from, to: range.to, timeZone: range.timeZone, preset: range.preset },
    filters: { number: filters.number ?? null, branch: filters.branch ?? null, rep: filters.rep ?? null },
    totals: figures.totals,
    heatmap: figures.heatmap,
    daily: figures.daily,
    missedByHour: figures.missedByHour,
    byNumber: figures.byNumber.map((row) => ({ ...row, label: labelOf(row.number) })),
    byRep: reps.map((row) => ({ ...row, name: names.get(row.rep) ?? row.rep })),
    funnel: funnelNumbers.map((number) => ({
      number,
      label: labelOf(number),
      menus: funnelMenus(
        funnelRows.filter((row) => row.number === number),
        configured.get(number)?.route ?? null,
      ),
    })),
    choices: {
      numbers: numbers.map((number) => ({ number: number.number, label: number.label, branches: ivrBranches(number.route) })),
      reps: users.filter((user) => user.active).map((user) => ({ id: user.id, name: user.name })),
    },
  };
}
