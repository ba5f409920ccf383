/**
 * What a sampled PostgreSQL session was doing, in Odoo terms (the `WaitClass` of src/run/records.ts).
 * Pure: the wait profile (./waits.ts) calls it for every sampled session; the collector stores raw samples.
 *
 * Odoo keeps a transaction open for the whole RPC call while its Python code runs; between two
 * queries the backend is `idle in transaction` waiting on `Client: ClientRead`. That time is Odoo
 * computing (or waiting on something else) with a transaction open, not database work — hence
 * its own class, `odoo-python`. See PostgreSQL's "wait_event" table (monitoring-stats.html,
 * "Wait Event Types") for the families below.
 */
import type { WaitClass } from '../run/records.js';

/**
 * Classifies one pg_stat_activity row.
 *
 * | state                  | wait_event_type / wait_event | class         |
 * | ---------------------- | ---------------------------- | ------------- |
 * | active                 | none                         | `cpu`         |
 * | idle in transaction…   | Client / ClientRead (or none)| `odoo-python` |
 * | any                    | Lock                         | `lock`        |
 * | any                    | LWLock                       | `lwlock`      |
 * | any                    | IO                           | `io`          |
 * | any                    | IPC                          | `ipc`         |
 * | active                 | Client                       | `client`      |
 * | any                    | Timeout                      | `timeout`     |
 * | anything else          |                              | `other`       |
 *
 * `idle in transaction (aborted)` counts as idle in transaction.
 *
 * @example classifySession('active', null, null) // → 'cpu'
 * @example classifySession('idle in transaction', 'Client', 'ClientRead') // → 'odoo-python'
 */
export function classifySession(state: string, waitEventType: string | null, waitEvent: string | null): WaitClass {
  const idleInTransaction = state.startsWith('idle in transaction');
  if (idleInTransaction && (waitEventType === null || (waitEventType === 'Client' && (waitEvent === 'ClientRead' || waitEvent === null)))) {
    return 'odoo-python';
  }
  if (state === 'active' && waitEventType === null) return 'cpu';
  switch (waitEventType) {
    case 'Lock':
      return 'lock';
    case 'LWLock':
      return 'lwlock';
    case 'IO':
      return 'io';
    case 'IPC':
      return 'ipc';
    case 'Timeout':
      return 'timeout';
    case 'Client':
      return state === 'active' ? 'client' : 'other';
    default:
      return 'other';
  }
}
