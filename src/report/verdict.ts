/**
 * The plain-words verdict on page one, derived from the SLO verdicts and the run status only
 * (the report judges what was measured; it does not re-measure).
 */
import type { RunSummary, SloVerdict } from '../analyze/types.js';
import { formatMs, formatNumber, formatRatio } from './format.js';
import type { JourneyVerdict, Light, ReportInput, Verdict } from './types.js';

/** A passing objective whose measured value is at least this share of its threshold is "at risk". */
export const AT_RISK_SHARE = 0.9;

/** How many missed flows the headline names before "and N more". */
const HEADLINE_FAILURES = 2;

const LABELS: Record<Light, string> = { green: 'Met', amber: 'At risk', red: 'Missed', grey: 'No objective' };

/**
 * Build the verdict: the overall level and headline, plus one traffic light per journey
 * (journeys with an objective first, in the order their objectives appear, then the others).
 */
export function buildVerdict(summary: RunSummary, headroomPercent?: number): Verdict {
  const partial = summary.status !== 'completed';
  const journeys = journeyVerdicts(summary);
  const failures = worstFailurePerJourney(summary.slos);
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
  } else {
    level = 'ready';
    headline = readyHeadline(headroomPercent);
  }
  const verdict: Verdict = { level, headline, partial, journeys };
  if (headroomPercent !== undefined && Number.isFinite(headroomPercent)) verdict.headroomPercent = headroomPercent;
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

/** One failed verdict per journey (the most severe), most severe first. */
function worstFailurePerJourney(slos: SloVerdict[]): SloVerdict[] {
  const worst = new Map<string, SloVerdict>();
  for (const v of slos) {
    if (v.pass) continue;
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
  const deciding = [...verdicts].sort((a, b) => severity(b) - severity(a))[0] as SloVerdict;
  let light: Light;
  if (!deciding.pass) light = 'red';
  else if (severity(deciding) >= AT_RISK_SHARE || dropped > 0) light = 'amber';
  else light = 'green';
  let detail = describeSlo(deciding);
  if (dropped > 0) detail += `; ${dropped} iteration${dropped === 1 ? '' : 's'} dropped`;
  return { journey, light, label: LABELS[light], detail };
}

/** The headroom the verdict quotes: the recommendation's `headroom` value (% of the peak), when it is a number. */
export function headroomOf(input: Pick<ReportInput, 'recommendation'>): number | undefined {
  const value = input.recommendation.headroom?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
