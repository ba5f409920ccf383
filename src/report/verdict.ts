/**
 * The plain-words verdict on page one, derived from the SLO verdicts and the run status only
 * (the report judges what was measured; it does not re-measure).
 */
import type { RunSummary, SloVerdict } from '../analyze/types.js';
import { formatMs, formatNumber, formatRatio } from './format.js';
import type { JourneyVerdict, Light, ReportInput, Verdict } from './types.js';
import type { ReplayCheck } from '../analyze/replay.js';

/** A passing objective whose measured value is at least this share of its threshold is "at risk". */
export const AT_RISK_SHARE = 0.9;

/** How many missed flows the headline names before "and N more". */
const HEADLINE_FAILURES = 2;

const LABELS: Record<Light, string> = { green: 'Met', amber: 'At risk', red: 'Missed', grey: 'No objective' };

/**
 * Build the verdict: the overall level and headline, plus one traffic light per journey
 * (journeys with an objective first, in the order their objectives appear, then the others).
 */
export function buildVerdict(summary: RunSummary, headroomPercent?: number, replay?: ReplayCheck): Verdict {
  const partial = summary.status !== 'completed';
  const journeys = journeyVerdicts(summary);
  const failures = worstFailurePerJourney(summary.slos);
  const undecided = undecidedJourneys(summary.slos);
  let level: Verdict['level'];
  let headline: string;
  if (failures.length > 0) {
    level = 'not-ready';
    const named = failures.slice(0, HEADLINE_FAILURES).map((v) => `${v.journey} ${describeSlo(v)}`);
    const more = failures.length - named.length;
    const volume = summary.scale === 1 ? '' : ` at ${formatNumber(summary.scale)}× business volume`;
    headline = `Not ready: ${named.join('; ')}${more > 0 ? ` and ${more} more flow${more === 1 ? '' : 's'}` : ''}${volume}`;
    if (partial) headline += ` (${partialClause(summary)})`;
  } else if (summary.slos.length === 0) {
    level = 'inconclusive';
    headline = 'Not judged: the profile defines no objectives';
    if (partial) headline += ` and ${partialClause(summary)}`;
  } else if (partial) {
    level = 'inconclusive';
    headline = `Not confirmed: every flow met its objective, but ${partialClause(summary)}`;
  } else if (undecided.length > 0) {
    level = 'inconclusive';
    headline = `Not confirmed: no objective was missed, but ${undecided.join(' and ')} had too few samples (or too wide a confidence interval) to decide`;
  } else {
    level = 'ready';
    headline = readyHeadline(headroomPercent);
  }
  const verdict: Verdict = { level, headline, partial, journeys };
  if (headroomPercent !== undefined && Number.isFinite(headroomPercent)) verdict.headroomPercent = headroomPercent;
  if (replay !== undefined) {
    verdict.confidence = { level: replay.confidence, replayError: replay.worstError, causes: replay.causes };
    if (replay.confidence === 'low') verdict.headline += ` — sizing model: low confidence (its replay of the test was ${Math.round(replay.worstError * 100)} % off${replay.causes[0] ? `; ${replay.causes[0]}` : ''})`;
  }
  return verdict;
}

/** "Ready for the peak with 35 % headroom", or without a headroom figure the plain "every flow met its objective". */
function readyHeadline(headroomPercent: number | undefined): string {
  if (headroomPercent === undefined || !Number.isFinite(headroomPercent)) return 'Ready: every flow met its objective';
  if (headroomPercent >= 100) {
    // "1387 % headroom" reads as a typo; say how many times the peak it holds as well.
    return `Ready for the peak with ${formatNumber(headroomPercent, 0)} % headroom (${formatNumber(1 + headroomPercent / 100, 1)}× the peak load): every flow met its objective`;
  }
  if (headroomPercent >= 0) return `Ready for the peak with ${formatNumber(headroomPercent, 0)} % headroom: every flow met its objective`;
  return `Ready for the tested peak, but with no headroom: every flow met its objective, yet the capacity model puts the limit ${formatNumber(-headroomPercent, 0)} % below it`;
}

/**
 * "p95 3.4 s against 2 s" for one verdict: the objective's metric name (the text before its
 * comparison operator), the measured value and the threshold, both in the verdict's unit.
 */
export function describeSlo(v: SloVerdict): string {
  const metric = (v.objective.split(/\s*(?:<=|>=|<|>|≤|≥)\s*/)[0] ?? v.objective).trim() || v.objective;
  const fmt = v.unit === 'ms' ? formatMs : formatRatio;
  const phase = v.phase === 'all' ? '' : ` in ${v.phase}`;
  return `${metric} ${fmt(v.measured)} against ${fmt(v.threshold)}${phase}`;
}

/**
 * measured / threshold: how far past (> 1) or below (< 1) its limit an objective is. Assumes upper-bound
 * objectives (latency, error rate: lower is better), which are the only kinds SloVerdict units express.
 */
function severity(v: SloVerdict): number {
  if (v.threshold === 0) return v.measured === 0 ? 1 : Number.POSITIVE_INFINITY;
  return v.measured / v.threshold;
}

/** Whether a verdict is decided by its measurement (summaries from before issue 16 have no flag: decided). */
function decided(v: SloVerdict): boolean {
  return v.conclusive !== false;
}

/**
 * Journeys whose whole-run objective is not decided by the measurement (the verdict is decided only by
 * conclusive measurements: a p95 whose confidence interval straddles its threshold decides nothing).
 */
function undecidedJourneys(slos: SloVerdict[]): string[] {
  return [...new Set(slos.filter((v) => v.phase === 'all' && !decided(v)).map((v) => v.journey))];
}

/** One conclusively failed verdict per journey (the most severe), most severe first. */
function worstFailurePerJourney(slos: SloVerdict[]): SloVerdict[] {
  const worst = new Map<string, SloVerdict>();
  for (const v of slos) {
    if (v.pass || !decided(v)) continue;
    const prev = worst.get(v.journey);
    if (prev === undefined || severity(v) > severity(prev)) worst.set(v.journey, v);
  }
  return [...worst.values()].sort((a, b) => severity(b) - severity(a) || a.journey.localeCompare(b.journey));
}

function partialClause(summary: RunSummary): string {
  const reason = summary.statusReason ? `: ${summary.statusReason}` : '';
  if (summary.status === 'running') return `the run was still running when analysed${reason}`;
  return `the run ${summary.status === 'failed' ? 'failed' : `was ${summary.status}`}${reason}`;
}

function journeyVerdicts(summary: RunSummary): JourneyVerdict[] {
  const order: string[] = [];
  const byJourney = new Map<string, SloVerdict[]>();
  for (const v of summary.slos) {
    if (!byJourney.has(v.journey)) {
      byJourney.set(v.journey, []);
      order.push(v.journey);
    }
    byJourney.get(v.journey)?.push(v);
  }
  for (const s of summary.overall.stats) {
    if (s.step === null && !byJourney.has(s.journey)) {
      byJourney.set(s.journey, []);
      order.push(s.journey);
    }
  }
  return order.map((journey) => {
    const verdicts = byJourney.get(journey) ?? [];
    const dropped = summary.overall.stats.find((s) => s.journey === journey && s.step === null)?.dropped ?? 0;
    return journeyVerdict(journey, verdicts, dropped);
  });
}

function journeyVerdict(journey: string, verdicts: SloVerdict[], dropped: number): JourneyVerdict {
  if (verdicts.length === 0) {
    return { journey, light: 'grey', label: LABELS.grey, detail: 'No objective defined for this flow' };
  }
  const conclusive = verdicts.filter(decided);
  const ranked = [...conclusive].sort((a, b) => severity(b) - severity(a));
  const deciding = ranked[0];
  if (deciding === undefined || (deciding.pass && conclusive.length < verdicts.length && verdicts.some((v) => !decided(v) && !v.pass))) {
    // Nothing conclusive, or only passes while an undecided measurement is over its threshold.
    const open = [...verdicts].filter((v) => !decided(v)).sort((a, b) => severity(b) - severity(a))[0] as SloVerdict;
    return { journey, light: 'amber', label: 'Inconclusive', detail: `${describeSlo(open)}${ciClause(open)}: too few samples to decide` };
  }
  let light: Light;
  if (!deciding.pass) light = 'red';
  else if (severity(deciding) >= AT_RISK_SHARE || dropped > 0) light = 'amber';
  else light = 'green';
  let detail = describeSlo(deciding) + ciClause(deciding);
  if (dropped > 0) detail += `; ${dropped} iteration${dropped === 1 ? '' : 's'} dropped`;
  return { journey, light, label: LABELS[light], detail };
}

/** " (95 % CI 3.1–5.2 s)" for a latency verdict with an interval, "" otherwise. */
function ciClause(v: SloVerdict): string {
  if (v.ci === undefined) return '';
  const low = v.ci.low === null ? '?' : formatMs(v.ci.low);
  const high = v.ci.high === null ? '?' : formatMs(v.ci.high);
  return ` (95 % CI ${low} to ${high})`;
}

/** The headroom the verdict quotes: the recommendation's `headroom` value (% of the peak), when it is a number. */
export function headroomOf(input: Pick<ReportInput, 'recommendation'>): number | undefined {
  const value = input.recommendation.headroom?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
