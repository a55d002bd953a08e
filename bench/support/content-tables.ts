/**
 * The content-script benchmark's report tables: the page loads side by side (Yobidashi, ringcentral-c2d,
 * the bare baseline, the page alone) with the issue's targets as ratios against baselines of the same
 * run; the single-page-app cases; what a button costs the table's layout by kind; the bundle sizes.
 */
import { CONTENDERS, type ContenderId } from './contenders.ts';
import { contentScriptBundles, offscreenBundles, pageUiBundle, type BuildState, type BundleFile } from './extension-build.ts';
import type { LoadResult } from './page-loads.ts';
import type { HostKind, RunTiming } from './page-probes.ts';
import { count, kB, ms, type ReportRow, type ReportTable } from './report.ts';
import { ratio, summarize, type Summary } from './stats.ts';

const CONTENT_SCRIPT_AIM_GZIP = 30 * 1024;
/** The issue's aims: no task over this caused by the extension, by page size. */
const longTaskAim = (rows: number) => (rows >= 2000 ? 100 : 50);
const VISIBLE_AIM_MS = 100;
const BASELINE_FACTOR_AIM = 1.5;

export const maxOf = (values: number[]) => (values.length ? Math.max(...values) : 0);
export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

const finite = (values: number[]) => values.filter(Number.isFinite);
/** A time after DOMContentLoaded: what came before it shows as 0 (it was there at DOMContentLoaded). */
const afterDcl = (value: number) => Math.max(0, value);
const p50 = (values: number[]) => summarize(finite(values)).p50;
const pmax = (values: number[]) => summarize(finite(values)).max;
const withMax = (values: number[]) => (finite(values).length ? `${ms(p50(values))} (max ${ms(pmax(values))})` : 'n/a');

interface SizeFigures {
  loads: LoadResult[];
  found: string;
  falsePositives: number;
  falseSamples: string[];
  visible: number[];
  inserted: number[];
  painted: number[];
  longestCaused: number[];
  scriptTime: number[];
  longestAfterDcl: number[];
  busy: number[];
}

function figures(results: LoadResult[], rows: number, contender: ContenderId): SizeFigures {
  const loads = results.filter((result) => result.rows === rows && result.contender === contender);
  const worst = loads.reduce<LoadResult | undefined>((most, load) => (!most || load.falsePositives > most.falsePositives ? load : most), undefined);
  const minFound = loads.length ? Math.min(...loads.map((load) => load.found)) : 0;
  return {
    loads,
    found: loads.length ? `${count(minFound)}/${count(loads[0]!.expected)}` : 'n/a',
    falsePositives: worst?.falsePositives ?? 0,
    falseSamples: worst?.falseSamples ?? [],
    visible: loads.map((load) => afterDcl(load.visibleAfterDcl)),
    inserted: loads.map((load) => afterDcl(load.doneAfterDcl)),
    painted: loads.map((load) => afterDcl(load.paintedAfterDcl)),
    longestCaused: loads.map((load) => load.attribution.longestTask),
    scriptTime: loads.map((load) => load.attribution.scriptTime),
    longestAfterDcl: loads.map((load) => load.attribution.longestAfterDcl),
    busy: loads.map((load) => load.attribution.busy),
  };
}

const ORDER: ContenderId[] = ['ours', 'c2d', 'bare', 'page'];

/** The issue's table: per page size, time to all buttons and the longest task each caused. */
export function loadSummaryTable(results: LoadResult[], sizes: number[], reps: number, command: string): ReportTable {
  const rows = sizes.map((size) => {
    const ours = figures(results, size, 'ours');
    const c2d = figures(results, size, 'c2d');
    const bare = figures(results, size, 'bare');
    const page = figures(results, size, 'page');
    return [
      count(size),
      ms(p50(ours.painted)),
      withMax(ours.longestCaused),
      `${ms(p50(ours.longestAfterDcl))} / ${ms(p50(page.longestAfterDcl))}`,
      String(ours.falsePositives),
      ms(p50(c2d.painted)),
      withMax(c2d.longestCaused),
      String(c2d.falsePositives),
      ms(p50(bare.painted)),
    ];
  });
  return {
    title: `page loads side by side: Zoho-shaped list page, medians of ${reps} loads (Chromium ${'with the built extension'})`,
    command,
    grid: {
      columns: [
        'rows',
        'Yobidashi: all buttons on screen after DCL',
        'its longest task',
        'longest task after DCL: with it / page alone',
        'false +',
        'ringcentral-c2d: done after DCL',
        'its longest task',
        'false +',
        'bare TreeWalker + plain buttons: on screen',
      ],
      rows,
    },
    rows: [],
    notes: [
      '"on screen": every button in the DOM and the frame after it rendered (style, layout, paint); c2d inserts nothing',
      '(it shows a widget on hover): "done" is the end of its last match. "Its longest task": see the next tables.',
    ],
  };
}

/** Per size: every contender's figures, and the targets as ratios. */
export function loadDetailTable(results: LoadResult[], size: number, reps: number, command: string): ReportTable {
  const all = Object.fromEntries(ORDER.map((id) => [id, figures(results, size, id)])) as Record<ContenderId, SizeFigures>;
  const grid = ORDER.map((id) => {
    const figure = all[id];
    const buttons = id !== 'page';
    return [
      CONTENDERS[id].label,
      buttons ? figure.found : '',
      buttons ? String(figure.falsePositives) : '',
      id === 'ours' || id === 'bare' ? ms(p50(figure.visible)) : '',
      buttons ? ms(p50(figure.inserted)) : '',
      buttons ? withMax(figure.painted) : '',
      buttons ? withMax(figure.longestCaused) : '',
      buttons ? ms(p50(figure.scriptTime)) : '',
      withMax(figure.longestAfterDcl),
      ms(p50(figure.busy)),
    ];
  });
  const { ours, c2d, bare, page } = all;
  const aim = longTaskAim(size);
  const oursDone = p50(ours.painted);
  const target = (met: boolean) => (met ? 'met' : 'NOT met');
  // Its code's tasks, or what its buttons added to the page's own longest frame, whichever is longer.
  const charged = (figure: SizeFigures) => {
    const addedToPage = p50(figure.longestAfterDcl) - p50(page.longestAfterDcl);
    return { addedToPage, worst: Math.max(pmax(figure.longestCaused), addedToPage) };
  };
  const { addedToPage, worst: worstCaused } = charged(ours);
  const bareCharged = charged(bare);
  const rows: ReportRow[] = [
    {
      key: true,
      metric: `${count(size)} rows: longest task Yobidashi caused`,
      value: ms(worstCaused),
      baseline: `aim ${aim} ms`,
      ratio: ratio(worstCaused, aim),
      note: `${target(worstCaused <= aim)} (worst of ${ours.loads.length} loads ${ms(pmax(ours.longestCaused))}, p50 ${ms(p50(ours.longestCaused))}; added to the page's longest frame after DCL ${ms(addedToPage)})`,
    },
    {
      metric: `${count(size)} rows: the bare baseline, charged the same way`,
      value: ms(bareCharged.worst),
      baseline: `aim ${aim} ms`,
      ratio: ratio(bareCharged.worst, aim),
      note: `for scale, not a target: the least a script that inserts buttons can do (its own tasks worst ${ms(pmax(bare.longestCaused))}; added to the page's frame ${ms(bareCharged.addedToPage)})`,
    },
    {
      key: true,
      metric: `${count(size)} rows: visible rows' buttons after DCL`,
      value: ms(pmax(ours.visible)),
      baseline: `aim ${VISIBLE_AIM_MS} ms`,
      ratio: ratio(pmax(ours.visible), VISIBLE_AIM_MS),
      note: `${target(pmax(ours.visible) <= VISIBLE_AIM_MS)} (worst load; p50 ${ms(p50(ours.visible))})`,
    },
    {
      key: true,
      metric: `${count(size)} rows: all buttons on screen, Yobidashi vs bare`,
      value: ms(oursDone),
      baseline: `bare ${ms(p50(bare.painted))}`,
      ratio: ratio(oursDone, p50(bare.painted)),
      note: `${target(oursDone <= BASELINE_FACTOR_AIM * p50(bare.painted))} (aim ≤ ×${BASELINE_FACTOR_AIM})`,
    },
    {
      key: true,
      metric: `${count(size)} rows: time to done, Yobidashi vs ringcentral-c2d`,
      value: ms(oursDone),
      baseline: `c2d ${ms(p50(c2d.painted))}`,
      ratio: ratio(oursDone, p50(c2d.painted)),
      note: target(oursDone < p50(c2d.painted)),
    },
    {
      key: true,
      metric: `${count(size)} rows: longest task caused, Yobidashi vs ringcentral-c2d`,
      value: ms(p50(ours.longestCaused)),
      baseline: `c2d ${ms(p50(c2d.longestCaused))}`,
      ratio: ratio(p50(ours.longestCaused), p50(c2d.longestCaused)),
      note: target(p50(ours.longestCaused) < p50(c2d.longestCaused)),
    },
    {
      key: true,
      metric: `${count(size)} rows: false positives, Yobidashi vs ringcentral-c2d`,
      value: String(ours.falsePositives),
      baseline: `c2d ${c2d.falsePositives}`,
      note: `${target(ours.falsePositives === 0)}${c2d.falseSamples.length ? `; c2d marked e.g. ${c2d.falseSamples.slice(0, 2).join(', ')}` : ''}`,
    },
  ];
  return {
    title: `page loads, ${count(size)} rows: ${reps} loads per contender, interleaved`,
    command,
    grid: {
      columns: [
        'contender',
        'found',
        'false +',
        'visible rows after DCL',
        'all in after DCL',
        'on screen after DCL',
        'longest task it caused',
        'its script time',
        'longest task after DCL (any)',
        'main thread busy',
      ],
      rows: grid,
    },
    rows,
    notes: [
      'Times after DOMContentLoaded (0 = already there at DCL), medians (max) over the loads. From Chromium\'s trace of each load:',
      '"longest task it caused": the page is static, so once it has parsed and rendered, every later task is the contender\'s;',
      'before that, a task is the page\'s and the contender is charged its own script time in it (with layout it forced).',
      'Its buttons\' share of the page\'s own frames shows in "longest task after DCL" and "main thread busy" against the page alone.',
    ],
  };
}

export interface SpaResults {
  walk: Summary;
  nodes: { elements: number; texts: number; values: number };
  scan: Summary;
  scanLayout: Summary;
  scanButtons: number;
  listWith: RunTiming[];
  listWithout: RunTiming[];
  /** No injector: the same buttons already in the rows when they go in. */
  listButtonsOnly: RunTiming[];
  swapWith: RunTiming[];
  swapWithout: RunTiming[];
  swapButtonsOnly: RunTiming[];
  swapRows: number;
  rows: number;
}

export function spaTable(results: SpaResults, expected: number, command: string): ReportTable {
  const painted = (runs: RunTiming[]) => summarize(runs.map((run) => run.painted));
  const inserted = (runs: RunTiming[]) => summarize(runs.map((run) => run.inserted));
  const longest = (runs: RunTiming[]) => maxOf(runs.flatMap((run) => run.longFrames));
  const listWith = painted(results.listWith);
  const listWithout = painted(results.listWithout);
  const swapWith = painted(results.swapWith);
  const swapWithout = painted(results.swapWithout);
  /** The injector's own share: Yobidashi against the same buttons put in the rows with no injector. */
  const injectorRow = (change: string, runsWith: RunTiming[], buttonsOnly: RunTiming[], runsWithout: RunTiming[]): ReportRow[] => {
    const withIt = painted(runsWith);
    const without = painted(runsWithout);
    const only = painted(buttonsOnly);
    return [
      {
        metric: `${change}: the same buttons, no injector p50`,
        value: ms(only.p50),
        baseline: `without ${ms(without.p50)}`,
        ratio: ratio(only.p50, without.p50),
        note: `in the rows before they go in: what a button per number costs this change whoever puts it there; longest frame ${ms(longest(buttonsOnly))}`,
      },
      {
        key: true,
        metric: `${change}: Yobidashi vs the same buttons, no injector`,
        value: ms(withIt.p50),
        baseline: `buttons only ${ms(only.p50)}`,
        ratio: ratio(withIt.p50, only.p50),
        note: `the injector's own share of the change (longest frame ${ms(longest(runsWith))} vs ${ms(longest(buttonsOnly))})`,
      },
    ];
  };
  return {
    title: `single-page app: the CRM renders by script, ${count(results.rows)} rows (scanner bundled from extension/crm/scan.ts)`,
    command,
    rows: [
      { metric: 'page', value: `${count(results.rows)} rows`, note: `${count(results.nodes.elements)} elements + ${count(results.nodes.texts)} text nodes, ${count(expected)} callable numbers` },
      { metric: 'baseline: TreeWalker over every text node p50', value: ms(results.walk.p50), note: `max ${ms(results.walk.max)}` },
      {
        metric: 'one synchronous full pass of the injector p50',
        value: ms(results.scan.p50),
        baseline: `walk ${ms(results.walk.p50)}`,
        ratio: ratio(results.scan.p50, results.walk.p50),
        note: `${count(results.scanButtons)}/${count(expected)} buttons; the style/layout they cause, forced after: ${ms(results.scanLayout.p50)}`,
      },
      {
        key: true,
        metric: `list rendered at once: on screen, with Yobidashi p50`,
        value: ms(listWith.p50),
        baseline: `without ${ms(listWithout.p50)}`,
        ratio: ratio(listWith.p50, listWithout.p50),
        note: `all buttons in after ${ms(inserted(results.listWith).p50)} (in the CRM's own task, or places kept there and turned into buttons later); longest frame ${ms(longest(results.listWith))} vs ${ms(longest(results.listWithout))} without`,
      },
      ...injectorRow('list rendered at once', results.listWith, results.listButtonsOnly, results.listWithout),
      {
        key: true,
        metric: `${results.swapRows} rows swapped: on screen, with Yobidashi p50`,
        value: ms(swapWith.p50),
        baseline: `without ${ms(swapWithout.p50)}`,
        ratio: ratio(swapWith.p50, swapWithout.p50),
        note: `${results.swapWith[0]?.buttons ?? 0} new buttons in after ${ms(inserted(results.swapWith).p50)}; longest frame ${ms(longest(results.swapWith))} vs ${ms(longest(results.swapWithout))} without`,
      },
      ...injectorRow(`${results.swapRows} rows swapped`, results.swapWith, results.swapButtonsOnly, results.swapWithout),
    ],
    notes: [
      'Clocks start at the CRM\'s change; "on screen" = the frame after it rendered. Without = the same change, no injector:',
      'the ratio is what the buttons add to the page\'s own work. "The same buttons, no injector": the change with our buttons',
      'already in its rows (and in the table\'s other rows), nothing observing: the part of the cost that is the buttons\' layout.',
      '"Longest frame": the longest of the runs\' long animation frames (a frame\'s tasks and its rendering) from the change until on screen.',
    ],
  };
}

export interface HostCost {
  kind: HostKind;
  layout: Summary;
  script: Summary;
  buttons: number;
}

const HOST_LABELS: Record<HostKind, string> = {
  none: 'no button (the table alone)',
  yobidashi: 'Yobidashi: plain element, inline !important style, gradient icon',
  'closed-shadow': 'previous: closed shadow root, shared sheet, <button> + <svg>',
  'plain-button': 'plain <button> with an inline size (the bare baseline\'s)',
  'anchored-layer': 'Yobidashi\'s, out of the table: one layer, CSS anchor positioning',
  'positioned-layer': 'Yobidashi\'s, out of the table: one layer, fixed coordinates',
};

export function hostTable(costs: HostCost[], rows: number, command: string): ReportTable {
  const none = costs.find((cost) => cost.kind === 'none');
  const added = (cost: HostCost) => (none ? cost.layout.p50 - none.layout.p50 : Number.NaN);
  const oursAdded = costs.find((cost) => cost.kind === 'yobidashi');
  return {
    title: `button host: style + layout of the ${count(rows)}-row table's first layout, by kind of button`,
    command,
    grid: {
      columns: ['button', 'buttons', 'making them p50', 'style + layout p50', 'added to the table alone', 'vs Yobidashi\'s'],
      rows: costs.map((cost) => [
        HOST_LABELS[cost.kind],
        count(cost.buttons),
        ms(cost.script.p50),
        ms(cost.layout.p50),
        cost.kind === 'none' ? '' : ms(added(cost)),
        cost.kind === 'none' || !oursAdded ? '' : `×${(added(cost) / added(oursAdded)).toFixed(2)}`,
      ]),
    },
    rows: [],
    notes: [
      'The buttons go into the rows while the table is out of the document, as the injector\'s go in with the rows; medians of the runs.',
      'Out of the table: the buttons go into one layer placed after the table, each anchored to its value (which gets an anchor-name),',
      'or at fixed coordinates that would not follow the value (for scale): the cost of buttons that leave the table\'s layout alone.',
    ],
  };
}

export function bundleTable(build: BuildState): ReportTable {
  const content = contentScriptBundles();
  const offscreen = offscreenBundles();
  const pageUi = pageUiBundle();
  const gzip = (files: BundleFile[]) => sum(files.map((file) => file.gzipBytes));
  const raw = (files: BundleFile[]) => sum(files.map((file) => file.bytes));
  const contentGzip = gzip(content);
  const sdkInContent = content.flatMap((file) => file.voiceSdkMarkers);
  const sdkInOffscreen = offscreen.flatMap((file) => file.voiceSdkMarkers);
  const buildNote = build.error
    ? `build FAILED (${build.error}); sizes of the previous build`
    : build.built
      ? `rebuilt with wxt build in ${build.seconds?.toFixed(1)} s`
      : 'build up to date';
  return {
    title: 'extension bundles (.output/chrome-mv3)',
    rows: [
      ...content.map((file) => ({ key: true, metric: `content script ${file.file} (gzip)`, value: kB(file.gzipBytes), baseline: 'aim 30.0 kB', ratio: ratio(file.gzipBytes, CONTENT_SCRIPT_AIM_GZIP), note: `${kB(file.bytes)} raw` })),
      ...(content.length > 1 ? [{ metric: 'content scripts total (gzip)', value: kB(contentGzip), baseline: 'aim 30.0 kB', ratio: ratio(contentGzip, CONTENT_SCRIPT_AIM_GZIP) }] : []),
      {
        key: true,
        metric: 'Twilio SDK in content script',
        value: sdkInContent.length ? 'YES' : 'no',
        note: `${sum(content.map((file) => file.twilioMentions))} "twilio" mentions; SDK markers: ${sdkInContent.join(', ') || 'none'}`,
      },
      ...(pageUi
        ? [
            {
              metric: 'page UI crm-ui.js, injected on demand (gzip)',
              value: kB(pageUi.gzipBytes),
              note: `${kB(pageUi.bytes)} raw; loaded only when the launcher opens or a call needs a card; SDK markers: ${pageUi.voiceSdkMarkers.join(', ') || 'none'}`,
            },
          ]
        : []),
      { metric: 'offscreen document scripts (gzip)', value: kB(gzip(offscreen)), note: `${kB(raw(offscreen))} raw in ${offscreen.length} files` },
      { metric: 'Twilio SDK in offscreen document', value: sdkInOffscreen.length ? 'yes' : 'NO', note: `markers: ${[...new Set(sdkInOffscreen)].join(', ') || 'none'}` },
    ],
    notes: [buildNote],
  };
}
