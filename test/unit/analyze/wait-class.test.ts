import { describe, expect, it } from 'vitest';
import { classifySession } from '../../../src/analyze/wait-class.js';

describe('classifySession', () => {
  it.each([
    ['active', null, null, 'cpu'],
    ['idle in transaction', 'Client', 'ClientRead', 'odoo-python'],
    ['idle in transaction (aborted)', 'Client', 'ClientRead', 'odoo-python'],
    ['active', 'Lock', 'transactionid', 'lock'],
    ['active', 'Lock', 'tuple', 'lock'],
    ['active', 'LWLock', 'WALWrite', 'lwlock'],
    ['active', 'IO', 'DataFileRead', 'io'],
    ['active', 'IPC', 'ParallelFinish', 'ipc'],
    ['active', 'Client', 'ClientWrite', 'client'],
    ['active', 'Timeout', 'PgSleep', 'timeout'],
    ['active', 'Activity', 'WalWriterMain', 'other'],
    ['idle in transaction', 'Client', 'ClientWrite', 'other'],
    ['fastpath function call', 'Extension', 'Extension', 'other'],
  ] as const)('%s with %s:%s is %s', (state, type, event, expected) => {
    expect(classifySession(state, type, event)).toBe(expected);
  });

  it('counts a lock wait inside an open transaction as a lock, not as Odoo Python', () => {
    expect(classifySession('idle in transaction', 'Lock', 'relation')).toBe('lock');
  });
});
