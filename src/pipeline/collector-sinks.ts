/** The collectors' sinks (src/collect) writing into a run directory: one stream per collector. */
import type { CollectorSinks } from '../collect/index.js';
import type { RunWriter } from '../run/writer.js';

export function writerSinks(writer: RunWriter, now: () => number = Date.now): CollectorSinks {
  return {
    pgActivity: (sample) => writer.pgActivity(sample),
    pgWaitProfile: (profile) => writer.append('pg_wait_sampling', profile),
    pgStats: (record) => writer.append('pg_stats', record),
    odooLog: (record) => writer.append('odoo_log', record),
    pgLog: (record) => writer.append('pg_log', record),
    gap: (gap) => writer.event({ v: 1, type: 'collector-gap', t: now(), ...gap }),
    warning: (source, message) => writer.event({ v: 1, type: 'warning', t: now(), source, message }),
  };
}
