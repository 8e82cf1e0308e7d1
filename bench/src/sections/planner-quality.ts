/**
 * The scheduler's second generation beside its first, on the same clinic (issue 14, Measure):
 * 5 providers, a calendar 70 % booked, 200 active purchases of 8-12 sessions whose families ask
 * for 2-3 week days and a 2-hour window. Each purchase is planned alone against the same
 * calendar: by the first generation's rule (its week days only, written out below apart from the
 * planner's code, as the reference), by the new planner given exactly that input, and by the new
 * planner with the family's window (a hard rule) and "keep one weekly slot". The planner is
 * called in memory, as the use cases call it after their constant number of statements
 * (section 1 counts those). Every suggestion an unplaced session gets is checked bookable
 * against the same calendar.
 *
 * Run alone: `node --conditions=@clinic/source --import @swc-node/register/esm-register
 * src/sections/planner-quality.ts` (from bench/) prints the figures and replaces section 6 of
 * docs/BENCHMARKS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planPackageSchedule, SEARCH_DAYS, type PlanInput, type Suggestion } from '@clinic/domain';
import { median, percentile, round } from '../lib/stats.js';

const ZONE = 'Asia/Riyadh'; // UTC+3 all year: local wall-clock times below are UTC + 3 h.
const OFFSET_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;
/** Tuesday 2026-11-24, 08:00 in Riyadh. */
const NOW = new Date('2026-11-24T05:00:00Z');
const TODAY = '2026-11-24';
const SESSION_MINUTES = 45;
const SESSION_MS = SESSION_MINUTES * 60_000;
const QUARTER_MS = 15 * 60_000;
const HORIZON_DAYS = 150;
/** Sunday to Thursday, 08:00-12:00 and 13:00-18:00 (the afternoons families ask for). */
const HOURS = [0, 1, 2, 3, 4].flatMap((weekday) => [
  { weekday, startTime: '08:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '18:00' },
]);
const WORK_DAYS = [0, 1, 2, 3, 4];

export interface PlannerRun {
  /** Share of all sessions placed. */
  placed: number;
  /** Of the placed sessions, the share that starts and ends inside the family's window. */
  insideWindow: number;
  /** Of the placed sessions after each purchase's first, the share at the first session's start time on a week day of the first week. */
  sameWeeklySlot: number;
  /** Share of the sessions placed, of the purchases whose window has room. */
  placedWithRoom: number;
  /** Share of purchases with every session placed before expiry. */
  finishedBeforeExpiry: number;
  /** Share of all sessions placed, or unplaced with at least one bookable suggestion. */
  placedOrSuggested: number;
  /** Of the unplaced sessions, the share with no bookable suggestion at all. */
  unplacedWithoutSuggestion: number;
  /** Suggestions made, and how many of them the calendar shows bookable as is. */
  suggestions: number;
  bookableSuggestions: number;
  /** Unplaced sessions with no bookable suggestion. */
  unsuggested: number;
  /** Of them, those whose provider has no free slot left between the plan's last session and the expiry. */
  unsuggestedWithoutRoom: number;
  medianMs: number;
  p95Ms: number;
  /** Median ms of the calls for 12 sessions. */
  median12Ms: number;
  calls12: number;
}

export interface PlannerQualityFigures {
  providers: number;
  purchases: number;
  sessions: number;
  bookedShare: number;
  seed: number;
  /** The first generation's rule, written out in this file (the reference). */
  firstGeneration: PlannerRun;
  /** The new planner given exactly the first generation's input (week days only). */
  sameInput: PlannerRun;
  /** Purchases for which the new planner, on the same input, placed fewer sessions than the reference; and placed exactly the same slots. */
  fewerThanFirst: number;
  sameSlots: number;
  secondGeneration: PlannerRun;
  /** The new planner with the window but without "keep one weekly slot". */
  windowOnly: PlannerRun;
  /** Purchases whose window had room for every session with their provider (the goal's "where the calendar has room"). */
  withRoom: number;
  secondInsideWindowWithRoom: number;
  /** The 1-minute load average and the cores when measured: the times are only as quiet as the machine. */
  load: { before: number; after: number; cores: number };
}

/** mulberry32: a small seeded generator, so every run plans the same clinic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
const at = (date: string, minutes: number) => Date.parse(date) + minutes * 60_000 - OFFSET_MS;
const localMinutes = (instant: number) => Math.round(((instant + OFFSET_MS) % DAY_MS) / 60_000);
const localDate = (instant: number) => new Date(instant + OFFSET_MS).toISOString().slice(0, 10);
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const weekdayOf = (date: string) => new Date(Date.parse(date)).getUTCDay();
/** Whether a session starting at these local minutes lies inside the working hours. */
const inWorkingHours = (m: number) => (m >= 8 * 60 && m + SESSION_MINUTES <= 12 * 60) || (m >= 13 * 60 && m + SESSION_MINUTES <= 18 * 60);

type Range = { start: number; end: number };
type Plan = { placed: Array<{ startsAt: Date; endsAt: Date }>; unplaced: Array<{ alternatives?: Suggestion[] | undefined }> };

interface Family {
  providerId: string;
  sessions: number;
  expiry: string;
  weekdays: number[];
  window: { from: number; to: number };
}

export function benchPlannerQuality(options: { purchases?: number; seed?: number } = {}): PlannerQualityFigures {
  const seed = options.seed ?? 14;
  const purchases = options.purchases ?? 200;
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)] as T;
  const providers = ['p1', 'p2', 'p3', 'p4', 'p5'];

  // The calendar: every working day's 45-minute slots (on the quarter-hour grid) booked at 70 %.
  const busy = new Map<string, Range[]>();
  const busyOn = new Map<string, Range[]>(); // provider|date -> its booked ranges
  let slots = 0;
  let booked = 0;
  for (const providerId of providers) {
    const ranges: Array<{ start: number; end: number }> = [];
    for (let d = 0; d < HORIZON_DAYS; d += 1) {
      const date = addDays(TODAY, d);
      if (!WORK_DAYS.includes(weekdayOf(date))) continue;
      for (const [from, to] of [
        [8 * 60, 12 * 60],
        [13 * 60, 18 * 60],
      ] as const) {
        for (let m = from; m + SESSION_MINUTES <= to; m += SESSION_MINUTES) {
          slots += 1;
          if (rnd() < 0.7) {
            booked += 1;
            const range = { start: at(date, m), end: at(date, m + SESSION_MINUTES) };
            ranges.push(range);
            busyOn.set(`${providerId}|${date}`, [...(busyOn.get(`${providerId}|${date}`) ?? []), range]);
          }
        }
      }
    }
    busy.set(providerId, ranges);
  }

  const families: Family[] = Array.from({ length: purchases }, () => {
    const days = [...WORK_DAYS].sort(() => rnd() - 0.5).slice(0, 2 + Math.floor(rnd() * 2)).sort();
    const from = (8 + Math.floor(rnd() * 9)) * 60; // 08:00 to 16:00, two hours
    return {
      providerId: pick(providers),
      sessions: 8 + Math.floor(rnd() * 5),
      expiry: addDays(TODAY, 60 + Math.floor(rnd() * 61)),
      weekdays: days,
      window: { from, to: from + 120 },
    };
  });

  const weeklyHours = new Map(providers.map((id) => [id, HOURS]));
  const overlaps = (ranges: readonly Range[], start: number, end: number) => ranges.some((r) => r.start < end && start < r.end);
  /** Whether a session of the provider fits [start, start + 45 min): working hours, not before now, clear of the calendar and of `also`. */
  const fits = (providerId: string, start: number, also: readonly Range[] = []) =>
    start >= NOW.getTime() &&
    WORK_DAYS.includes(weekdayOf(localDate(start))) &&
    inWorkingHours(localMinutes(start)) &&
    !overlaps(busyOn.get(`${providerId}|${localDate(start)}`) ?? [], start, start + SESSION_MS) &&
    !overlaps(also, start, start + SESSION_MS);
  /** The first start on the quarter-hour grid on a date, between two local times, where a session fits. */
  const firstFit = (providerId: string, date: string, from: number, to: number, also: readonly Range[] = []) => {
    for (let t = at(date, from); t + SESSION_MS <= at(date, to); t += QUARTER_MS) if (fits(providerId, t, also)) return t;
    return undefined;
  };

  /**
   * The first generation's rule as it shipped, written out plainly (none of the planner's code):
   * each session at the earliest free start of its provider on one of the family's days from its
   * cursor, at most 90 days past the cursor and not past the expiry; the next cursor is the day
   * after. The reference the new planner is held to on the same input.
   */
  const firstGenerationPlan = (family: Family): Plan => {
    const own: Range[] = [];
    const unplaced: Plan['unplaced'] = [];
    let cursor = addDays(TODAY, 1);
    for (let session = 0; session < family.sessions; session += 1) {
      let found: { date: string; start: number } | undefined;
      const last = addDays(cursor, SEARCH_DAYS - 1);
      for (let date = cursor; !found && date <= family.expiry && date <= last; date = addDays(date, 1)) {
        if (!family.weekdays.includes(weekdayOf(date))) continue;
        const start = firstFit(family.providerId, date, 8 * 60, 18 * 60, own);
        if (start !== undefined) found = { date, start };
      }
      if (!found) {
        unplaced.push({});
        continue;
      }
      own.push({ start: found.start, end: found.start + SESSION_MS });
      cursor = addDays(found.date, 1);
    }
    return { placed: own.map((r) => ({ startsAt: new Date(r.start), endsAt: new Date(r.end) })), unplaced };
  };
  const inputOf = (family: Family, secondGeneration: boolean, weeklySlot = true): PlanInput => ({
    sessions: Array.from({ length: family.sessions }, (_, i) => ({ sessionNumber: i + 1, providerId: family.providerId, durationMinutes: SESSION_MINUTES })),
    startDate: addDays(TODAY, 1),
    endDate: family.expiry,
    preferredWeekdays: new Set(family.weekdays),
    zone: ZONE,
    notBefore: NOW,
    weeklyHours,
    providerBusy: busy,
    patientBusy: [],
    takenDates: new Set(),
    alternativeProviderIds: providers,
    latestDate: family.expiry,
    ...(secondGeneration ? { timeWindow: { from: hhmm(family.window.from), to: hhmm(family.window.to) }, keepWeeklySlot: weeklySlot } : {}),
  });

  // A family's window has room when its provider has a free slot inside it on as many of its days before expiry as it has sessions.
  const hasRoom = families.map((family) => {
    let days = 0;
    for (let date = addDays(TODAY, 1); date <= family.expiry; date = addDays(date, 1)) {
      if (family.weekdays.includes(weekdayOf(date)) && firstFit(family.providerId, date, family.window.from, family.window.to) !== undefined) days += 1;
    }
    return days >= family.sessions;
  });

  /** Each suggestion bookable as is: it fits the calendar, clear of the plan's sessions and of the suggestions before it, on a date without a session, by the expiry. */
  const bookable = (family: Family, plan: Plan) => {
    const taken: Range[] = plan.placed.map((p) => ({ start: p.startsAt.getTime(), end: p.endsAt.getTime() }));
    const dates = new Set(taken.map((r) => localDate(r.start)));
    let made = 0;
    let ok = 0;
    let served = 0; // unplaced sessions with at least one bookable suggestion
    let exhausted = 0; // of the others, those whose provider has no free slot left before expiry
    const last = plan.placed.length ? localDate(Math.max(...taken.map((r) => r.start))) : TODAY;
    for (const unplaced of plan.unplaced) {
      let any = false;
      for (const s of unplaced.alternatives ?? []) {
        made += 1;
        const start = s.startsAt.getTime();
        if (s.endsAt.getTime() - start === SESSION_MS && localDate(start) <= family.expiry && !dates.has(localDate(start)) && fits(s.providerId, start, taken)) {
          ok += 1;
          any = true;
        }
        taken.push({ start, end: s.endsAt.getTime() });
      }
      if (any) served += 1;
      else {
        let free = false;
        for (let d = addDays(last, 1); !free && d <= family.expiry; d = addDays(d, 1)) free = firstFit(family.providerId, d, 8 * 60, 18 * 60, taken) !== undefined;
        if (!free) exhausted += 1;
      }
    }
    return { made, ok, served, exhausted };
  };

  const run = (planOf: (family: Family) => Plan, warmUp = true): PlannerRun & { insideWithRoom: number; plans: Plan[] } => {
    const ms: number[] = [];
    const ms12: number[] = [];
    let placed = 0;
    let total = 0;
    let inside = 0;
    let insideRoomPlaced = 0;
    let insideRoom = 0;
    let weekly = 0;
    let weeklyOf = 0;
    let finished = 0;
    let roomTotal = 0;
    let roomPlaced = 0;
    let unplaced = 0;
    let suggested = 0;
    let suggestions = 0;
    let bookableSuggestions = 0;
    let exhausted = 0;
    const plans: Plan[] = [];
    // Warm up the code paths before timing.
    if (warmUp) for (const family of families.slice(0, 10)) planOf(family);
    families.forEach((family, index) => {
      const started = performance.now();
      const plan = planOf(family);
      const took = performance.now() - started;
      plans.push(plan);
      unplaced += plan.unplaced.length;
      const checked = bookable(family, plan);
      suggested += checked.served;
      exhausted += checked.exhausted;
      suggestions += checked.made;
      bookableSuggestions += checked.ok;
      ms.push(took);
      if (family.sessions === 12) ms12.push(took);
      total += family.sessions;
      placed += plan.placed.length;
      if (plan.placed.length === family.sessions) finished += 1;
      if (hasRoom[index]) {
        roomTotal += family.sessions;
        roomPlaced += plan.placed.length;
      }
      const starts = plan.placed.map((p) => p.startsAt.getTime()).sort((a, b) => a - b);
      for (const p of plan.placed) {
        const from = localMinutes(p.startsAt.getTime());
        const to = localMinutes(p.endsAt.getTime());
        const ok = from >= family.window.from && to <= family.window.to;
        if (ok) inside += 1;
        if (hasRoom[index]) {
          insideRoomPlaced += 1;
          if (ok) insideRoom += 1;
        }
      }
      const first = starts[0];
      if (first !== undefined) {
        const firstWeekEnd = first + 7 * DAY_MS;
        const firstWeekDays = new Set(starts.filter((s) => s < firstWeekEnd).map((s) => weekdayOf(localDate(s))));
        for (const s of starts.slice(1)) {
          weeklyOf += 1;
          if (localMinutes(s) === localMinutes(first) && firstWeekDays.has(weekdayOf(localDate(s)))) weekly += 1;
        }
      }
    });
    return {
      placed: placed / total,
      insideWindow: placed ? inside / placed : 0,
      sameWeeklySlot: weeklyOf ? weekly / weeklyOf : 0,
      finishedBeforeExpiry: finished / families.length,
      placedOrSuggested: (placed + suggested) / total,
      unplacedWithoutSuggestion: unplaced ? (unplaced - suggested) / unplaced : 0,
      suggestions,
      bookableSuggestions,
      unsuggested: unplaced - suggested,
      unsuggestedWithoutRoom: exhausted,
      medianMs: median(ms),
      p95Ms: percentile(ms, 95),
      median12Ms: median(ms12),
      calls12: ms12.length,
      insideWithRoom: insideRoomPlaced ? insideRoom / insideRoomPlaced : 0,
      placedWithRoom: roomTotal ? roomPlaced / roomTotal : 0,
      plans,
    };
  };

  const loadBefore = loadavg()[0] ?? 0;
  const first = run(firstGenerationPlan, false);
  const same = run((family) => planPackageSchedule(inputOf(family, false)));
  const second = run((family) => planPackageSchedule(inputOf(family, true)));
  const windowOnly = run((family) => planPackageSchedule(inputOf(family, true, false)));
  const startsOf = (plan: Plan) => plan.placed.map((p) => p.startsAt.getTime()).join();
  const strip = ({ insideWithRoom: _unused, plans: _plans, ...figures }: PlannerRun & { insideWithRoom: number; plans: Plan[] }): PlannerRun => figures;
  return {
    providers: providers.length,
    purchases,
    sessions: families.reduce((n, f) => n + f.sessions, 0),
    bookedShare: booked / slots,
    seed,
    firstGeneration: strip(first),
    sameInput: strip(same),
    fewerThanFirst: families.filter((_, i) => same.plans[i]!.placed.length < first.plans[i]!.placed.length).length,
    sameSlots: families.filter((_, i) => startsOf(same.plans[i]!) === startsOf(first.plans[i]!)).length,
    secondGeneration: strip(second),
    windowOnly: strip(windowOnly),
    withRoom: hasRoom.filter(Boolean).length,
    secondInsideWindowWithRoom: second.insideWithRoom,
    load: { before: loadBefore, after: loadavg()[0] ?? 0, cores: cpus().length },
  };
}

const pct = (value: number) => `${round(value * 100, 1)} %`;
const ms = (value: number) => `${round(value, 2)} ms`;

/** The goal "the new planner places at least as many sessions as the first generation", on the same input: in all and for every purchase. */
const placesAsMany = (f: PlannerQualityFigures) => f.sameInput.placed >= f.firstGeneration.placed && f.fewerThanFirst === 0;

/** The summary's rows: [figure, measured, goal, met]. */
export function plannerQualitySummary(f: PlannerQualityFigures): Array<[string, string, string, boolean]> {
  const b = f.secondGeneration;
  return [
    [
      'Scheduler 2: sessions placed, new vs first generation on the same input (week days only)',
      `${pct(f.sameInput.placed)} vs ${pct(f.firstGeneration.placed)} (fewer for ${f.fewerThanFirst} of ${f.purchases} purchases); ` +
        `with the family's window (a hard rule): ${pct(b.placed)} placed, ${pct(b.placedOrSuggested)} placed or given a bookable suggestion`,
      'new ≥ first',
      placesAsMany(f),
    ],
    ['Scheduler 2: placed inside the window (purchases whose window has room)', pct(f.secondInsideWindowWithRoom), '≥ 90 %', f.secondInsideWindowWithRoom >= 0.9],
    ['Scheduler 2: planner median for 12 sessions', ms(b.median12Ms), '≤ 100 ms', b.median12Ms <= 100],
  ];
}

export function plannerQualityMarkdown(f: PlannerQualityFigures): string {
  const r = f.firstGeneration;
  const a = f.sameInput;
  const b = f.secondGeneration;
  const c = f.windowOnly;
  const row = (label: string, value: (run: PlannerRun) => string, reference = value(r)) =>
    `| ${label} | ${reference} | ${value(a)} | ${value(b)} | ${value(c)} |`;
  const suggestionsOf = (run: PlannerRun) => (run.suggestions ? `${run.bookableSuggestions} of ${run.suggestions}` : 'none needed');
  return [
    '## 6. The scheduler, second generation beside the first (issue 14)',
    '',
    `A realistic clinic, in memory and the same for all (seed ${f.seed}): ${f.providers} providers working Sunday to Thursday 08:00-12:00 ` +
      `and 13:00-18:00, their 45-minute slots booked at ${pct(f.bookedShare)} over the next ${HORIZON_DAYS} days; ${f.purchases} active ` +
      `purchases of 8 to 12 sessions (${f.sessions} in all) expiring in 60 to 120 days, each with one provider, and a family asking for ` +
      '2 or 3 week days and a 2-hour window starting between 08:00 and 16:00. Each purchase is planned alone against that calendar ' +
      'from tomorrow. **First generation**: its rule as it shipped (each session at the earliest free start on one of the family\'s days, ' +
      'the next one from the day after), written out in the bench apart from the planner\'s code, as the reference. **New, same input**: ' +
      'the new planner given exactly that input (the week days; no window, no weekly slot). **New**: the same days, the window, and ' +
      '"keep one weekly slot". Times are one `planPackageSchedule` call in memory, as schedulePackage and previewPackageSchedule call it ' +
      'after their constant number of statements (section 1); the reference is not timed.',
    '',
    '| | first generation (reference) | new, same input | new (window + weekly slot) | new, window only |',
    '|---|---:|---:|---:|---:|',
    row('sessions placed', (x) => pct(x.placed)),
    row(`sessions placed, purchases whose window has room (${f.withRoom})`, (x) => pct(x.placedWithRoom)),
    row('sessions placed, or unplaced with a bookable suggestion', (x) => pct(x.placedOrSuggested), '—'),
    row('unplaced sessions with no bookable suggestion at all', (x) => (x.placed < 1 ? pct(x.unplacedWithoutSuggestion) : 'none unplaced'), '—'),
    row('suggestions bookable as is (checked against the calendar)', suggestionsOf, '—'),
    row("placed inside the family's window", (x) => pct(x.insideWindow)),
    row("placed in the same weekly slot as the purchase's first session", (x) => pct(x.sameWeeklySlot)),
    row('purchases finished before expiry (every session placed)', (x) => pct(x.finishedBeforeExpiry)),
    row('median / p95 per call', (x) => `${ms(x.medianMs)} / ${ms(x.p95Ms)}`, '—'),
    row(`median per call, 12 sessions (${b.calls12} calls)`, (x) => ms(x.median12Ms), '—'),
    '',
    `**The goal "the new planner places at least as many sessions as the first generation"** is ${placesAsMany(f) ? 'met' : '**missed**'} on the same input: ` +
      `${pct(a.placed)} against ${pct(r.placed)}, fewer for ${f.fewerThanFirst} of the ${f.purchases} purchases, and the very same slots for ${f.sameSlots}. ` +
      `With the family's window it places ${pct(b.placed)}: the window is a hard rule (a session starts and ends inside it; docs/decisions.md), ` +
      'which the first generation never had, and on this calendar some windows hold fewer free slots before expiry than the purchase has sessions. ' +
      `A session it cannot place inside the window is reported with up to three suggestions (another provider, another day or time, a later end date): ` +
      `${pct(b.placedOrSuggested)} of the sessions are placed or given at least one bookable suggestion; ${b.placed < 1 ? pct(b.unplacedWithoutSuggestion) : 'none'} of the unplaced ones get none ` +
      `(${b.unsuggested} sessions; for ${b.unsuggestedWithoutRoom} of them their provider has no free slot left between the plan's last session and the expiry, ` +
      'what was free there being placed or already offered to an earlier unplaced session of the purchase, one slot to one session, ' +
      'and a later end date cannot go past the expiry), ' +
      `and ${suggestionsOf(b)} suggestions are bookable as is (inside working hours, free in the calendar and of the plan's own sessions, on a day without one, by the expiry).`,
    '',
    `"Where the calendar has room": ${f.withRoom} of the ${f.purchases} purchases have at least one free 45-minute slot inside the window ` +
      `on as many of the family's days before expiry as they have sessions; of the sessions the new planner placed for them, ` +
      `${pct(f.secondInsideWindowWithRoom)} are inside the window (goal ≥ 90 %). ` +
      '"Keep one weekly slot" is a preference: without a weekly cap (as here) it moves a session to its first-week time on the same date, never to a later date, ' +
      'so it places the very sessions the window alone places. ' +
      '"Same weekly slot": a session after the first at the first session\'s start time, on a week day used in the first week. ' +
      `Load average (1 minute) while measured: ${round(f.load.before, 1)} → ${round(f.load.after, 1)} on ${f.load.cores} cores; the times grow with it.`,
    '',
  ].join('\n');
}

// Run alone: print the figures and replace this section of docs/BENCHMARKS.md.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = benchPlannerQuality();
  const section = plannerQualityMarkdown(figures);
  process.stdout.write(section);
  const report = join(fileURLToPath(new URL('../../../docs/BENCHMARKS.md', import.meta.url)));
  // Its summary rows (as `pnpm bench` writes them) replace the earlier ones at the end of the summary table.
  const rows = plannerQualitySummary(figures).map(([figure, measured, goal, met]) => `| 6 | ${figure} | ${measured} | ${goal} | ${met ? 'met' : '**missed**'} |`);
  const lines = readFileSync(report, 'utf8').split('\n').filter((line) => !line.startsWith('| 6 | '));
  const tableEnd = lines.findIndex((line, i) => i > lines.indexOf('## Summary') + 2 && line.trim() === '');
  if (tableEnd > 0) lines.splice(tableEnd, 0, ...rows);
  const text = lines.join('\n');
  const start = text.indexOf('## 6. The scheduler, second generation');
  const next = text.indexOf('## Reliability');
  const updated = start >= 0 ? `${text.slice(0, start)}${section}\n${text.slice(text.indexOf('\n## ', start + 1) + 1)}` : `${text.slice(0, next)}${section}\n${text.slice(next)}`;
  writeFileSync(report, updated);
}
