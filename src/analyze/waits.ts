/**
 * The wait profile of a run from its pg_stat_activity samples, as average active sessions (AAS):
 * the mean number of sessions doing a given thing at a sampled instant. AAS 2.0 of `lock` means
 * that, on average, two backends were waiting on a heavyweight lock.
 *
 *     AAS(class) = Σ_samples (sessions of that class in the sample) / number of samples
 *
 * Each sampled session is classified here from its raw state and wait event (./wait-class.ts); the
 * collector stores the raw sample only.
 */
import type { PgActivitySample, WaitClass } from '../run/records.js';
import type { WaitSummary } from './types.js';
import { classifySession } from './wait-class.js';

export interface SummarizeWaitsOptions {
  /** Epoch ms that timeline `t` is measured from (the run start). Default: the first sample's time. */
  runStartMs?: number;
  /** How many wait events `byEvent` keeps. Default 20. */
  topEvents?: number;
}

/**
 * AAS by class and by event, a per-second timeline and the peak connection count.
 *
 * - `spanS`: seconds from the first to the last sample.
 * - `byClass`: classes seen at least once, highest AAS first; `share` = AAS / total AAS.
 * - `byEvent`: (state, wait_event_type, wait_event) triples, most observed first; `samples` counts
 *   session observations, `aas` = samples / number of samples.
 * - `timeline`: for each whole second (since `runStartMs`) holding samples, the AAS of every class
 *   seen in the run over that second's samples (zeros included, so stacked charts line up).
 *
 * @example summarizeWaits([]) // → { samples: 0, spanS: 0, byClass: [], byEvent: [], timeline: [], maxConnections: 0 }
 */
export function summarizeWaits(samples: PgActivitySample[], options: SummarizeWaitsOptions = {}): WaitSummary {
  const n = samples.length;
  if (n === 0) return { samples: 0, spanS: 0, byClass: [], byEvent: [], timeline: [], maxConnections: 0 };
  const ordered = [...samples].sort((a, b) => a.t - b.t);
  const first = ordered[0]?.t ?? 0;
  const last = ordered[n - 1]?.t ?? first;
  const origin = options.runStartMs ?? first;

  const byClass = new Map<WaitClass, number>();
  const byEvent = new Map<string, WaitSummary['byEvent'][number]>();
  const perSecond = new Map<number, { samples: number; byClass: Map<WaitClass, number> }>();
  let maxConnections = 0;

  for (const sample of ordered) {
    maxConnections = Math.max(maxConnections, sample.total);
    const second = Math.floor((sample.t - origin) / 1000);
    const bucket = perSecond.get(second) ?? { samples: 0, byClass: new Map<WaitClass, number>() };
    bucket.samples += 1;
    perSecond.set(second, bucket);
    for (const session of sample.sessions) {
      const waitClass = classifySession(session.state, session.waitEventType, session.waitEvent);
      byClass.set(waitClass, (byClass.get(waitClass) ?? 0) + 1);
      bucket.byClass.set(waitClass, (bucket.byClass.get(waitClass) ?? 0) + 1);
      const key = JSON.stringify([session.state, session.waitEventType, session.waitEvent]);
      const event = byEvent.get(key) ?? {
        state: session.state,
        waitEventType: session.waitEventType,
        waitEvent: session.waitEvent,
        waitClass,
        samples: 0,
        aas: 0,
      };
      event.samples += 1;
      byEvent.set(key, event);
    }
  }

  const totalSessions = [...byClass.values()].reduce((sum, count) => sum + count, 0);
  const classes = [...byClass.entries()]
    .map(([waitClass, count]) => ({ waitClass, aas: count / n, share: totalSessions === 0 ? 0 : count / totalSessions }))
    .sort((a, b) => b.aas - a.aas || a.waitClass.localeCompare(b.waitClass));
  const events = [...byEvent.values()]
    .map((event) => ({ ...event, aas: event.samples / n }))
    .sort((a, b) => b.samples - a.samples)
    .slice(0, options.topEvents ?? 20);
  const timeline: WaitSummary['timeline'] = [];
  for (const second of [...perSecond.keys()].sort((a, b) => a - b)) {
    const bucket = perSecond.get(second);
    if (bucket === undefined) continue;
    for (const { waitClass } of classes) {
      timeline.push({ t: second, waitClass, aas: (bucket.byClass.get(waitClass) ?? 0) / bucket.samples });
    }
  }

  return { samples: n, spanS: (last - first) / 1000, byClass: classes, byEvent: events, timeline, maxConnections };
}
