import { describe, expect, it } from 'vitest';
import { pgTune } from '../../../models/pgtune.js';
import { postgresSizing } from '../../../models/postgres-sizing.js';

const GB = 2 ** 30;

describe('postgresSizing', () => {
  it('keeps PGTune as the baseline and lists Odoo adjustments apart', () => {
    const sizing = postgresSizing({ ramBytes: 16 * GB, cpus: 4, storage: 'ssd', connections: 300 });
    expect(sizing.baseline).toEqual(pgTune({ dbType: 'web', totalMemoryBytes: 16 * GB, cpus: 4, storage: 'ssd', connections: 300 }));
    expect(sizing.settings['shared_buffers']).toBe('4GB');
    expect(sizing.settings['work_mem']).toBe('13797kB');
    expect(sizing.settings['max_connections']).toBe(300);
    expect(sizing.adjustments.map((a) => a.setting)).toEqual(['idle_in_transaction_session_timeout']);
    expect(sizing.settings['idle_in_transaction_session_timeout']).toBe('1260s');
  });

  it('derives max_connections from Odoo processes and recomputes PGTune work_mem for them', () => {
    const sizing = postgresSizing({ ramBytes: 16 * GB, cpus: 4, storage: 'ssd', odoo: { httpWorkers: 8, cronWorkers: 1 } });
    // 8 × 2 + 1 × 4 + 4 = 24 → ⌈24 × 1.5⌉ + 10 = 46
    expect(sizing.maxConnections.value).toBe(46);
    const workMem = sizing.adjustments.filter((a) => a.setting === 'work_mem').at(-1);
    // PGTune: (16 GB − 4 GB) / ((46 + 4) × 3) = 83886 kB, above the 64 MB the active-worker rule would give
    expect(workMem?.value).toBe('83886kB');
    expect(workMem?.baseline).toBe('20560kB'); // PGTune's default 200 web connections: 12582912 / ((200 + 4) × 3)
  });

  it('raises work_mem for the active Odoo workers when max_connections is large', () => {
    const sizing = postgresSizing({ ramBytes: 16 * GB, cpus: 4, storage: 'ssd', connections: 300, odoo: { httpWorkers: 8, cronWorkers: 1 } });
    const workMem = sizing.adjustments.find((a) => a.setting === 'work_mem');
    // (16 GB − 4 GB) / ((9 + 4) × 3) = 322638 kB → capped at 64 MB; PGTune gave 13797 kB for 300 connections
    expect(workMem).toMatchObject({ baseline: '13797kB', value: '64MB' });
    expect(sizing.settings['work_mem']).toBe('64MB');
  });

  it('sizes cores from the measured database demand', () => {
    expect(postgresSizing({ ramBytes: 8 * GB, cpus: 2, storage: 'ssd', dbCpuSecondsPerS: 2.2 }).cores.value).toBe(4);
  });
});
