/**
 * The engineer's appendix of report.html: one section per kind of evidence, each saying clearly when
 * its evidence is missing ("no database evidence was collected", "no Odoo log was read").
 */
import type { PgStatsPeriod } from '../analyze/pg-stats.js';
import type { Risk } from '../analyze/risks.js';
import type { ScalabilityAnalysis } from '../analyze/scalability.js';
import type { PhaseSummary, RunSummary } from '../analyze/types.js';
import type { WhatIfTable } from '../analyze/what-if.js';
import type { Reasoned } from '../../models/reasoned.js';
import type { ChartName, RenderedChart } from './charts.js';
import { escapeHtml } from './escape.js';
import { displayUrl, formatDurationS, formatMs, formatNumber, formatRatio } from './format.js';
import { chartFigure, facts, formatBytes, formatInput, missing, num, section, table, type Cell } from './html-parts.js';
import type { ReportInput } from './types.js';

/** Say-so sentences for missing evidence (tests reuse them). */
export const MISSING = {
  database: 'No database evidence was collected: the run had no --pg-url, so waits, counters, statements and locks are unknown.',
  waits: 'No PostgreSQL activity was sampled during this run, so there is no wait-event evidence.',
  counters: 'No PostgreSQL counter snapshots were collected (pg_stat_database, pg_stat_statements), so there are no database totals or top statements.',
  odooLog: 'No Odoo log was read: give --odoo-log with the Odoo server’s log file to see SQL against Python time, retries and worker utilisation.',
  statements: 'pg_stat_statements was not readable, so there are no top statements (install the extension and grant pg_read_all_stats).',
  scalability: 'No completed iterations, so there are no latency–throughput points.',
  arrivals: 'No iterations were scheduled by arrival rate (closed-model run), so there is no intended rate to compare.',
  whatIf: 'No what-if table: the run measured no service demand to simulate with.',
} as const;

export type Charts = Partial<Record<ChartName, RenderedChart>>;

/** The whole appendix. */
export function appendix(input: ReportInput, charts: Charts): string {
  const { summary } = input;
  const parts = [
    section('phases', 'Per phase', phaseTable(summary)),
    section('latency', 'Latency over time', chartOr(charts['latency-over-time'], 'Each line is one flow and percentile', 'No completed iterations to plot.')),
    section('throughput', 'Throughput and errors over time', chartOr(charts['throughput-errors'], 'Each line is one flow', 'No completed iterations to plot.')),
    section('arrivals', 'Intended against achieved arrival rate', chartOr(charts['arrival-rate'], 'All flows together', MISSING.arrivals) + droppedSentence(summary) + `<p>${escapeHtml(saturationLine(summary))}</p>`),
    section('distribution', 'Response-time distribution', chartOr(charts['latency-distribution'], 'Each line is one flow', 'No completed iterations.')),
    section('scalability', 'Latency against throughput (Universal Scalability Law)', scalabilitySection(input.scalability, charts.scalability)),
    section('waits', 'PostgreSQL: average active sessions by wait class', waitsSection(summary, charts['wait-events'])),
    section('database', 'PostgreSQL counters', databaseSection(summary)),
    section('statements', 'Top statements', statementsSection(summary)),
    section('locks', 'Lock waits', locksSection(summary)),
    section('serialization', 'Serialization failures and retries', serializationSection(summary)),
    section('odoo-time', 'Odoo: SQL against Python time', odooTimeSection(summary, charts['odoo-time'])),
    section('workers', 'Odoo worker utilisation', workersSection(summary, charts['worker-utilisation'])),
    section('engine', 'Load generator health', engineSection(summary)),
    section('what-if', 'What if: other worker counts (simulated)', whatIfSection(input.whatIf)),
    section('objectives', 'Objectives and thresholds', objectivesSection(summary)),
    section('risks', 'All risks', risksTable(input.risks)),
    section('recommendation', 'The reasons behind every recommended number', recommendationTable(input)),
    section('metadata', 'Run metadata', metadataSection(summary)),
    section('notes', 'Notes', notesSection(summary)),
  ];
  return `<section class="engineer" aria-labelledby="engineer-heading">
<h2 id="engineer-heading">Appendix for engineers</h2>
${parts.join('\n')}
</section>`;
}

function chartOr(chart: RenderedChart | undefined, lead: string, otherwise: string): string {
  return chart === undefined ? missing(otherwise) : chartFigure(chart, lead);
}

function phaseRows(phase: PhaseSummary): Cell[][] {
  return phase.stats
    .filter((s) => s.step === null)
    .map((s) => [
      phase.name,
      s.journey,
      num(formatNumber(s.throughputPerS, 2)),
      num(formatMs(s.p50Ms)),
      num(formatMs(s.p95Ms)),
      num(formatMs(s.p99Ms)),
      num(String(s.errors)),
      num(formatRatio(s.errorRate)),
      num(String(s.dropped ?? 0)),
    ]);
}

function phaseTable(summary: RunSummary): string {
  return table(
    'phases',
    `Whole-flow throughput, latency percentiles, errors and dropped iterations per phase (phase "${summary.overall.name}" is the whole run)`,
    ['Phase', 'Flow', '#Throughput (/s)', '#p50', '#p95', '#p99', '#Errors', '#Error rate', '#Dropped'],
    [...summary.phases, summary.overall].flatMap(phaseRows),
  );
}

function droppedSentence(summary: RunSummary): string {
  const whole = summary.overall.stats.filter((s) => s.step === null);
  const dropped = whole.reduce((sum, s) => sum + (s.dropped ?? 0), 0);
  const scheduled = whole.reduce((sum, s) => sum + (s.scheduled ?? 0), 0);
  if (scheduled === 0) return '';
  return `<p>${escapeHtml(`${dropped} of ${scheduled} scheduled iterations were dropped (${formatRatio(dropped / scheduled)}).`)}</p>`;
}

/**
 * One line on the saturation point (src/analyze/saturation.ts), e.g. "Saturation: from 08:42 (peak
 * phase) achieved 1.1/s of 1.67/s offered; p95 3.1× its baseline". Clock time in UTC, from the run start.
 */
export function saturationLine(summary: RunSummary): string {
  const s = summary.saturation;
  if (s === undefined) {
    const scheduled = summary.timeline.some((p) => p.step === null && p.scheduled > 0);
    return scheduled
      ? 'No saturation seen: no iterations were dropped, and no window had its p95 above 2× its low-load baseline while completing under 95 % of the offered rate.'
      : 'No saturation seen: a closed-model run has no offered rate to fall behind (use arrival-rate executors to find the saturation point).';
  }
  const start = Date.parse(summary.startedAt);
  const clock = Number.isFinite(start) ? new Date(start + s.atS * 1000).toISOString().slice(11, 19) : `${formatNumber(s.atS)} s`;
  const phase = s.phase === null ? '' : ` (${s.phase} phase)`;
  const ratio = s.p95Ratio === null ? '' : `; p95${s.journey === null ? '' : ` of ${s.journey}`} ${formatNumber(s.p95Ratio, 1)}× its baseline`;
  const dropped = s.reason === 'dropped-iterations' ? `; ${s.dropped} iterations dropped in that window` : '';
  return `Saturation: from ${clock}${phase} achieved ${formatNumber(s.achievedRatePerS)}/s of ${formatNumber(s.offeredRatePerS)}/s offered${ratio}${dropped}.`;
}

function scalabilitySection(analysis: ScalabilityAnalysis | undefined, chart: RenderedChart | undefined): string {
  if (analysis === undefined || chart === undefined) return missing(MISSING.scalability);
  const fit = analysis.fit;
  const coefficients =
    fit === null
      ? ''
      : table('usl', 'USL coefficients (X(N) = γN / (1 + σ(N−1) + κN(N−1)), Gunther 2007 eq. 4.31)', ['Coefficient', '#Value'], [
          ['σ contention', num(fit.sigma.toPrecision(3))],
          ['κ coherency', num(fit.kappa.toPrecision(3))],
          ['γ throughput of one', num(fit.gamma.toPrecision(3))],
          ['R²', num(fit.rSquared.toFixed(3))],
          ['Peak concurrency N*', num(fit.peakConcurrency === null ? 'none (κ = 0)' : formatNumber(fit.peakConcurrency, 1))],
          ['Peak throughput (/s)', num(fit.peakThroughputPerS === null ? '–' : formatNumber(fit.peakThroughputPerS, 2))],
        ]);
  return `${chartFigure(chart, 'Blue points are measured, the orange line is the fit')}
<p>${escapeHtml(analysis.reason)}</p>
${coefficients}`;
}

function waitsSection(summary: RunSummary, chart: RenderedChart | undefined): string {
  const waits = summary.waits;
  if (waits === undefined || chart === undefined) return missing(summary.database === undefined ? MISSING.database : MISSING.waits);
  const rows = waits.byEvent.map((e): Cell[] => [
    e.waitEventType === null ? 'on CPU (no wait event)' : `${e.waitEventType}: ${e.waitEvent ?? '–'}`,
    e.state,
    e.waitClass,
    num(String(e.samples)),
    num(formatNumber(e.aas, 2)),
  ]);
  return `${chartFigure(chart, 'Each colour is one wait class')}
${table(
  'wait-events',
  `Top wait events over ${formatDurationS(waits.spanS)} (${waits.samples} samples, at most ${waits.maxConnections} client connections)`,
  ['Wait event', 'State', 'Class', '#Session samples', '#Average active sessions'],
  rows,
)}`;
}

function periodRow(p: PgStatsPeriod): Cell[] {
  const opt = (v: number | null, f: (x: number) => string) => (v === null ? '–' : f(v));
  return [
    p.name === 'all' ? 'whole run' : p.name,
    num(formatDurationS(p.seconds)),
    num(String(p.commits)),
    num(String(p.rollbacks)),
    num(String(p.deadlocks)),
    num(opt(p.cacheHitRatio, formatRatio)),
    num(opt(p.readIops, (x) => formatNumber(x, 1))),
    num(opt(p.writeIops, (x) => formatNumber(x, 1))),
    num(opt(p.walBytesPerS, (x) => `${formatBytes(x)}/s`)),
    num(p.checkpoints === null ? '–' : `${p.checkpoints.timed} + ${p.checkpoints.requested}`),
    num(p.connections === null ? '–' : `${p.connections.maxInUse} / ${p.connections.max}`),
    num(`${p.tempFiles} (${formatBytes(p.tempBytes)})`),
  ];
}

function databaseSection(summary: RunSummary): string {
  const db = summary.database;
  if (db === undefined) return missing(summary.waits === undefined ? MISSING.database : MISSING.counters);
  const periods = [...(db.run === null ? [] : [db.run]), ...db.phases];
  if (periods.length === 0) return missing('Fewer than two counter snapshots were taken, so there are no deltas (the run was shorter than the snapshot interval).');
  const notes = db.notes.length > 0 ? `<ul class="notes">${db.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return `${table(
    'pg-counters',
    'Database totals over the run and per phase (pg_stat_database, pg_stat_bgwriter / checkpointer, pg_stat_wal); checkpoints are timed + requested, peak connections of the cluster against max_connections',
    ['Period', '#Seconds', '#Commits', '#Rollbacks', '#Deadlocks', '#Cache hit', '#Read IOPS', '#Write IOPS', '#WAL', '#Checkpoints', '#Peak conn.', '#Temp files'],
    periods.map(periodRow),
  )}
<p>${escapeHtml(db.run?.rollbackNote ?? '')}</p>
${notes}`;
}

function statementsSection(summary: RunSummary): string {
  const run = summary.database?.run;
  if (summary.database === undefined) return missing(MISSING.database);
  if (run === null || run === undefined || run.topStatements.length === 0) return missing(MISSING.statements);
  return table(
    'statements',
    'Statements by total execution time over the run (pg_stat_statements deltas)',
    ['Statement', '#Calls', '#Total', '#Mean', '#Share of time', '#Rows'],
    run.topStatements.slice(0, 10).map((s) => [
      s.query.length > 160 ? `${s.query.slice(0, 157)}...` : s.query,
      num(String(s.calls)),
      num(formatMs(s.totalExecTimeMs)),
      num(formatMs(s.meanExecTimeMs)),
      num(formatRatio(s.shareOfTime)),
      num(String(s.rows)),
    ]),
  );
}

function locksSection(summary: RunSummary): string {
  const db = summary.database;
  if (db === undefined) return missing(MISSING.database);
  if (db.lockWaits.length === 0) return '<p>No backend was seen waiting on a heavyweight lock.</p>';
  const byType = Object.entries(db.lockWaitsByType).map(([type, v]): Cell[] => [type, num(String(v.count)), num(`${formatNumber(v.maxWaitS, 2)} s`), num(`${formatNumber(v.totalWaitS, 2)} s`)]);
  return `${table(
    'lock-waits',
    'Longest lock waits (pg_locks with pg_blocking_pids(); each at least as long as shown)',
    ['Lock type and mode', '#Waited', 'Relation', 'Blocked by', 'Application'],
    db.lockWaits.map((w) => [`${w.lockType} ${w.mode}`, num(`${formatNumber(w.waitS, 2)} s`), w.relation ?? '–', w.blockingPids.map((p) => `pid ${p}`).join(', ') || '–', w.applicationName]),
  )}
${table('lock-types', 'Lock waits by lock type (transactionid = a row another transaction was updating)', ['Lock type', '#Waits', '#Longest', '#Total'], byType)}`;
}

function serializationSection(summary: RunSummary): string {
  const c = summary.concurrency;
  if (c === undefined) return missing(`${MISSING.database} ${MISSING.odooLog}`);
  const odoo = summary.odoo?.summary;
  const rows: Cell[][] = [
    ['Serialization failures', num(String(c.serializationFailures))],
    ['Retried by Odoo', num(String(c.retries))],
    ['Given up after the last try', num(String(c.gaveUp))],
    ['Deadlocks (pg_stat_database)', num(String(c.deadlocks))],
    ['In the PostgreSQL log', num(c.pgLogSerializationFailures === null ? 'not read' : String(c.pgLogSerializationFailures))],
    ['Rollbacks', num(String(c.rollbacks))],
  ];
  const byCode = odoo === undefined ? [] : Object.entries(odoo.retries.byCode).map(([code, n]): Cell[] => [code, num(String(n))]);
  return `${table('serialization', 'Concurrency failures over the run (Odoo log and PostgreSQL)', ['Measure', '#Count'], rows)}
<p>${escapeHtml(c.note)}.</p>
${odoo === undefined ? missing(MISSING.odooLog) : byCode.length > 0 ? table('retries', 'Odoo retry lines by error code', ['Code', '#Lines'], byCode) : '<p>Odoo logged no retry.</p>'}`;
}

function odooTimeSection(summary: RunSummary, chart: RenderedChart | undefined): string {
  const odoo = summary.odoo;
  if (odoo === undefined) return missing(MISSING.odooLog);
  const groups = odoo.summary.requests.byModelMethod.length > 0 ? odoo.summary.requests.byModelMethod : odoo.summary.requests.byPath;
  const total = groups.reduce((acc, g) => ({ sql: acc.sql + g.sqlS, other: acc.other + g.otherS }), { sql: 0, other: 0 });
  const share = total.sql + total.other > 0 ? total.sql / (total.sql + total.other) : 0;
  const lead = `<p>${escapeHtml(`${odoo.summary.requests.count} requests in Odoo's log over ${formatDurationS(odoo.spanS)}; of the time the listed groups spent in the workers, ${formatRatio(share)} was SQL and the rest Python and other work.`)}</p>`;
  const rows = groups.map((g): Cell[] => [
    g.key,
    num(String(g.count)),
    num(g.meanQueries === null ? '–' : formatNumber(g.meanQueries, 1)),
    num(g.meanSqlMs === null ? '–' : formatMs(g.meanSqlMs)),
    num(g.meanOtherMs === null ? '–' : formatMs(g.meanOtherMs)),
    num(g.maxMs === null ? '–' : formatMs(g.maxMs)),
    num(String(g.serverErrors)),
  ]);
  return `${lead}
${chart === undefined ? missing('Odoo logged no request timings (its log lines end in "- - -": set log_level to info).') : chartFigure(chart, 'Blue is SQL, orange Python and the rest')}
${table('odoo-requests', 'Requests per model and method (or path), from Odoo’s request log', ['Model.method or path', '#Requests', '#Queries (mean)', '#SQL (mean)', '#Python and other (mean)', '#Longest', '#5xx'], rows)}`;
}

function workersSection(summary: RunSummary, chart: RenderedChart | undefined): string {
  const odoo = summary.odoo;
  if (odoo === undefined) return missing(MISSING.odooLog);
  const events = Object.entries(odoo.summary.workers).map(([event, n]): Cell[] => [event, num(String(n))]);
  return `${chart === undefined ? missing('No request line named a worker.') : chartFigure(chart, 'Busy share = Σ (SQL + Python time) of the worker’s requests ÷ the run’s duration')}
${events.length > 0 ? table('worker-events', 'Worker life-cycle events in Odoo’s log', ['Event', '#Count'], events) : '<p>No worker was spawned, recycled or killed during the run.</p>'}`;
}

function engineSection(summary: RunSummary): string {
  const h = summary.engineHealth;
  const warnings = summary.notes.filter((n) => /^(engine|self-monitor): /.test(n));
  const warningList = warnings.length > 0 ? `<ul class="notes">${warnings.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  if (h === undefined) return `${missing('The load generator did not record its own health for this run.')}${warningList}`;
  const opt = (v: number | null, unit: string) => (v === null ? '–' : `${formatNumber(v, 1)}${unit}`);
  return `${facts([
    ['Verdict', h.bottleneck ? `the load generator may have been the bottleneck: ${h.reasons.join('; ')}` : 'the load generator kept up'],
    ['Event-loop delay (worst window p99)', opt(h.maxLoopLagP99Ms, ' ms')],
    ['CPU (busiest window, share of one core)', h.maxCpuShare === null ? '–' : formatRatio(h.maxCpuShare)],
    ['Iteration start lag (worst window p99)', opt(h.maxStartLagP99Ms, ' ms')],
    ['Peak memory (RSS)', h.peakRssBytes === null ? '–' : formatBytes(h.peakRssBytes)],
  ])}${warningList}`;
}

function whatIfSection(whatIf: WhatIfTable | undefined): string {
  if (whatIf === undefined || whatIf.rows.length === 0) return missing(MISSING.whatIf);
  const journeys = [...new Set(whatIf.rows.flatMap((r) => r.journeys.map((j) => j.journey)))];
  const rows = whatIf.rows.map((r): Cell[] => [
    `${r.workers}${r.tested ? ' (tested)' : ''}${r.recommended ? ' (recommended)' : ''}`,
    num(formatRatio(r.utilization)),
    num(formatRatio(r.cpuUtilization)),
    ...journeys.map((j) => {
      const p = r.journeys.find((x) => x.journey === j);
      return num(p === undefined || p.count === 0 ? '–' : formatMs(p.p95Ms));
    }),
    num(formatDurationS(r.longestBacklogS)),
  ]);
  return `${replaySection(whatIf)}${table('what-if', `Simulated with the measured demands on ${whatIf.cores} cores: worker utilisation and p95 per flow`, ['HTTP workers', '#Worker utilisation', '#CPU utilisation', ...journeys.map((j) => `#${j} p95`), '#Longest backlog'], rows)}
<p>${escapeHtml(whatIf.reason)}</p>`;
}

/** The replay check: the tested configuration simulated against what the run measured. */
function replaySection(whatIf: WhatIfTable): string {
  const replay = whatIf.replay;
  if (replay === undefined) return '<p>The tested worker count is unknown (no Odoo log, no --odoo-workers): the model could not be checked against the run.</p>';
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${Math.round(x * 100)} %`;
  const rows = replay.journeys.map((j): Cell[] => [
    j.journey,
    num(formatMs(j.measuredP95Ms)),
    num(formatMs(j.predictedP95Ms)),
    num(pct(j.p95Error)),
    num(formatNumber(j.measuredPerS, 3)),
    num(formatNumber(j.predictedPerS, 3)),
    num(pct(j.throughputError)),
  ]);
  const verdict =
    replay.confidence === 'ok'
      ? `The model reproduces the test within ${Math.round(replay.worstError * 100)} % (tolerance 25 %).`
      : `Low confidence: the replay is ${Math.round(replay.worstError * 100)} % off (tolerance 25 %).`;
  const causes = replay.causes.length === 0 ? '' : `<ul>${replay.causes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;
  return `${table('replay', `Replay of the tested configuration (${replay.workers} workers, ${replay.cores} cores, ${formatNumber(replay.backgroundCores, 2)} cores of background load) against the run`, ['Flow', '#Measured p95', '#Replayed p95', '#Error', '#Measured per s', '#Replayed per s', '#Error'], rows)}
<p>${escapeHtml(verdict)}</p>${causes}`;
}

function objectivesSection(summary: RunSummary): string {
  const slos = summary.slos.map((v): Cell[] => [`${v.journey} · ${v.phase}`, v.objective, num(v.unit === 'ms' ? formatMs(v.measured) : formatRatio(v.measured)), v.pass ? 'pass' : 'FAIL']);
  const thresholds = (summary.thresholds ?? []).map((t): Cell[] => [t.source, num(t.value === null ? 'no data' : formatNumber(t.value, 4)), t.pass ? 'pass' : 'FAIL']);
  if (slos.length === 0 && thresholds.length === 0) return '<p>The profile defines no objective.</p>';
  return `${table('slos', 'Every objective per flow and phase (junit.xml has one test case each)', ['Flow · phase', 'Objective', '#Measured', 'Result'], slos)}
${thresholds.length > 0 ? table('thresholds', 'Thresholds the run was gated on (exit code 99 when one fails), judged on the whole run', ['Threshold', '#Value', 'Result'], thresholds) : ''}`;
}

function risksTable(risks: Risk[] | undefined): string {
  if (risks === undefined || risks.length === 0) return '<p>The evidence shows no risk.</p>';
  return table('risks', 'Every risk the evidence shows, highest first', ['Risk', 'Severity', 'Evidence', 'What to do'], risks.map((r) => [r.title, r.severity, r.evidence, r.action]));
}

/** A Reasoned value of any type as display text with its unit. */
export function formatReasonedValue(r: Reasoned<unknown>): string {
  const v = r.value;
  const text = typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? v : JSON.stringify(v);
  return r.unit ? `${text} ${r.unit}` : text;
}

function recommendationTable(input: ReportInput): string {
  const entries = Object.entries(input.recommendation).filter((entry): entry is [string, Reasoned<number> | Reasoned<string>] => entry[1] !== undefined);
  if (entries.length === 0) return missing(input.noRecommendation ?? 'No recommendation: the run measured nothing to size from.');
  const rows = entries.map(([name, r]): Cell[] => {
    const inputs = Object.entries(r.inputs)
      .map(([k, v]) => `${k} = ${formatInput(v)}`)
      .join(', ');
    return [name, formatReasonedValue(r), { raw: `${escapeHtml(r.reason)}${r.formula ? `<br><small>Method: ${escapeHtml(r.formula)}</small>` : ''}` }, inputs];
  });
  const config = input.configuration;
  const sizedFor = config === undefined ? '' : `<p>${escapeHtml(`Sized for ${config.sizedFor}.`)}</p>`;
  const notes = config !== undefined && config.notes.length > 0 ? `<ul class="notes">${config.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  return `${sizedFor}
${table('recommendations', 'Every recommended value with its reason, method and inputs', ['Setting', 'Value', 'Reason', 'Inputs'], rows)}
${notes}`;
}

function metadataSection(summary: RunSummary): string {
  const m = summary.meta;
  const pairs: Array<[string, string]> = [
    ['Run', summary.runId],
    ['Profile', summary.profile],
    ['Status', summary.status + (summary.statusReason ? ` (${summary.statusReason})` : '')],
    ['Started', summary.startedAt],
    ['Ended', summary.endedAt ?? 'not recorded'],
    ['Target', `${displayUrl(summary.target.url)} · database ${summary.target.db}`],
    ['Odoo version', summary.target.serverVersion ?? 'unknown'],
  ];
  if (m !== undefined) {
    pairs.push(
      ['Tool', `${m.tool.name} ${m.tool.version}, ${m.engine} engine${m.transport ? `, ${m.transport} transport` : ''}`],
      ['Plan', `${formatDurationS(m.plannedDurationS)} planned, seed ${m.seed}, ${m.windowMs} ms windows`],
      ['Load generator', `${m.host.hostname} (${m.host.cpus} CPUs, ${m.host.platform}, Node ${m.host.node})`],
      ['PostgreSQL sampled', m.pgUrl === undefined ? 'none' : displayUrl(m.pgUrl)],
      ['Collectors', m.collectors.length === 0 ? 'none' : m.collectors.map((c) => `${c.name} every ${c.intervalMs} ms${c.source ? ` (${c.source})` : ''}`).join('; ')],
    );
    if (m.segment !== undefined) pairs.push(['Segment', `${m.segment.index} of ${m.segment.count}`]);
    if (m.mergedFrom !== undefined) pairs.push(['Merged from', m.mergedFrom.join(', ')]);
  }
  return facts(pairs);
}

function notesSection(summary: RunSummary): string {
  return summary.notes.length === 0 ? '<p>No warnings about the evidence.</p>' : `<ul class="notes">\n${summary.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ul>`;
}
