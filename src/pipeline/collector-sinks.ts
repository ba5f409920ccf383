/** The collectors' sinks (src/collect) writing into a run directory: one stream per collector. */
import { COLLECTOR_STREAMS, RUN_FORMAT_VERSION } from '../run/records.js';
import type { CollectorSinks } from '../collect/index.js';
import type { RunWriter } from '../run/writer.js';

export function writerSinks(writer: RunWriter, now: () => number = Date.now): CollectorSinks {
  return {
    pgActivity: (sample) => writer.pgActivity(sample),
    pgWaitProfile: (profile) => writer.append(COLLECTOR_STREAMS.pgWaitSampling, profile),
    pgStats: (record) => writer.append(COLLECTOR_STREAMS.pgStats, record),
    odooLog: (record) => writer.append(COLLECTOR_STREAMS.odooLog, record),
    pgLog: (record) => writer.append(COLLECTOR_STREAMS.pgLog, record),
    gap: (gap) => writer.event({ v: RUN_FORMAT_VERSION, type: 'collector-gap', t: now(), ...gap }),
    warning: (source, message) => writer.event({ v: RUN_FORMAT_VERSION, type: 'warning', t: now(), source, message }),
  };
}
