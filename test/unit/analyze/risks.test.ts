import { describe, expect, it } from 'vitest';
import { assessRisks, workerSaturationAction } from '../../../src/analyze/risks.js';
import { buildSummary } from '../report/fixtures/summary.js';

describe('assessRisks', () => {
  it('says so when evidence is missing, and ranks missed objectives above it', () => {
    const summary = buildSummary({ waveFactor: 1.7, withWaits: false });
    const risks = assessRisks(summary);
    expect(risks.map((r) => r.id)).toEqual(['objectives-missed', 'dropped-iterations', 'no-database-evidence', 'no-odoo-log']);
    expect(risks[0]).toMatchObject({ severity: 'high', title: '3 business flows missed their objective' });
    expect(risks[1]?.evidence).toBe('37 of 7237 scheduled iterations were dropped: every virtual user was waiting on a slow response.');
    expect(risks[2]).toMatchObject({ severity: 'low', title: 'No database evidence was collected' });
  });

  it('turns serialization failures into "isolate stock-heavy flows", above lock waits', () => {
    const summary = buildSummary();
    summary.concurrency = { rollbacks: 900, note: '', serializationFailures: 12, retries: 11, gaveUp: 1, pgLogSerializationFailures: null, deadlocks: 0 };
    summary.database = {
      run: null,
      phases: [],
      lockWaits: [{ pid: 1, blockingPids: [2], waitS: 2.4, waitStart: 0, lockType: 'transactionid', mode: 'ShareLock', relation: null, queryId: null, blockingQueryIds: [], applicationName: 'odoo', firstSeenT: 0, lastSeenT: 1 }],
      lockWaitsByType: {},
      notes: [],
      pgLogErrors: null,
    };
    const risks = assessRisks(summary);
    expect(risks.map((r) => r.id).slice(0, 2)).toEqual(['serialization-failures', 'lock-waits']);
    expect(risks[0]?.evidence).toBe('12 serialization failures, 11 retried by Odoo, 1 given up after the last try.');
    expect(risks[0]?.action).toMatch(/^Isolate stock-heavy flows .*reduce concurrent picks of one product/);
    expect(risks[1]?.evidence).toMatch(/^Longest lock wait 2\.4 s \(transactionid ShareLock\)/);
  });

  it('puts a load-generator bottleneck first, and flags saturated workers with the recommended count', () => {
    const summary = buildSummary();
    summary.notes.push('engine: load generator may have been the bottleneck, not Odoo: the event loop was delayed');
    summary.odoo = {
      spanS: 600,
      summary: { requests: { count: 1, byPath: [], byModelMethod: [] }, retries: { total: 0, byCode: {}, gaveUp: 0 }, workers: { 'memory-limit': 2 }, errors: { total: 0, byClass: {} }, serializationFailures: 0 },
      workers: [{ pid: 1, requests: 100, busyS: 540, utilization: 0.9 }],
    };
    const risks = assessRisks(summary, { recommendedWorkers: 6 });
    expect(risks.map((r) => r.id)).toEqual(['load-generator-bottleneck', 'worker-saturation', 'worker-kills']);
    expect(risks[1]?.action).toContain('to the recommended 6');
  });

  it('never tells a run with 2 workers to "raise to the recommended 2": says what limited it instead', () => {
    expect(workerSaturationAction(2, 4, 'workers')).toBe('Raise the HTTP workers from 2 to the recommended 4 (CPU and RAM allowing), and move long reports to their own worker pool.');
    expect(workerSaturationAction(2, 2, 'retries')).toBe(
      'Keep 2 HTTP workers — more workers alone will not help: serialization-failure retries sleep inside the workers, so the retries, not the worker count, were the limit: ' +
        'reduce concurrent picks of one product (pick waves by product or zone), isolate EDI imports on their own workers, and add CPU cores if the CPU is busy.',
    );
    expect(workerSaturationAction(2, 2, 'cpu')).toBe('Keep 2 HTTP workers — more workers alone will not help: the CPU, not the worker count, was the limit: add CPU cores.');
    const summary = buildSummary();
    summary.odoo = {
      spanS: 600,
      summary: { requests: { count: 1, byPath: [], byModelMethod: [] }, retries: { total: 0, byCode: {}, gaveUp: 0 }, workers: {}, errors: { total: 0, byClass: {} }, serializationFailures: 0 },
      workers: [
        { pid: 1, requests: 100, busyS: 486, utilization: 0.81 },
        { pid: 2, requests: 100, busyS: 480, utilization: 0.8 },
      ],
    };
    const risk = assessRisks(summary, { recommendedWorkers: 2, workerLimit: 'cpu' }).find((r) => r.id === 'worker-saturation');
    expect(risk?.action).not.toContain('Raise the HTTP workers');
    expect(risk?.action).toContain('add CPU cores');
  });
});
