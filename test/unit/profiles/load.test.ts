/**
 * loadProfile with real files in a temp directory: YAML, TypeScript through esbuild, and the
 * one-line errors for each kind of mistake.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileError } from '../../../scenarios/profiles/errors.js';
import { morningOrderWave } from '../../../scenarios/profiles/morning-order-wave.js';
import { isProfilePath } from '../../../scenarios/files.js';
import { loadProfile } from '../../../scenarios/profiles/load.js';
import { compileProfile, planTotals } from '../../../src/engine/compile.js';

const dir = mkdtempSync(path.join(tmpdir(), 'profiles-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text);

/** The one-line message loadProfile rejects with. */
async function failure(nameOrPath: string): Promise<{ code: string; message: string }> {
  try {
    await loadProfile(nameOrPath, dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    return { code: (error as ProfileError).code, message: (error as Error).message };
  }
  throw new Error('expected loadProfile to fail');
}

const YAML = `
name: my-monday
description: Monday rush from the web shop, and EDI files every hour.
phases:
  - name: rush
    start: "08:00"
    end: "10:00"
    rates:
      order-entry: { from: 400, to: 200 }
    bursts:
      edi-order-import:
        - { everyMin: 60, size: 100, spreadMin: 10, threads: 2 }
slos:
  order-entry: { p95Ms: 3000 }
params:
  order-entry:
    linesPerOrder: { distribution: lognormal, median: 5, sigma: 0.5 }
`;

describe('loadProfile', () => {
  it('returns a shipped profile by name', async () => {
    expect(await loadProfile('morning-order-wave')).toBe(morningOrderWave);
  });

  it('reads and validates a YAML profile, which then compiles: 600 orders + 2 batches of 100', async () => {
    write('my-monday.yaml', YAML);
    const profile = await loadProfile('./my-monday.yaml', dir);
    expect(profile.name).toBe('my-monday');
    const totals = planTotals(compileProfile(profile));
    expect(totals['order-entry']!.iterations).toBeCloseTo(600, 6); // (400 + 200) / 2 × 2 h
    expect(totals['edi-order-import']!.iterations).toBeCloseTo(200, 6); // 08:00 and 09:00
  });

  it('bundles a TypeScript profile that imports defineProfile and a shipped profile, and takes its default export', async () => {
    write(
      'my-wave.ts',
      `import { defineProfile, scaleJourneys } from 'odoo-capacity/profiles';
       import { helper } from './helper.js';
       interface Extra { hours: number }
       const extra: Extra = { hours: 2 };
       export default defineProfile({
         name: 'my-wave',
         description: 'A TypeScript profile with an import of its own (' + extra.hours + ' h).',
         phases: [{ name: 'all', start: '06:00', end: '08:00', rates: { 'order-to-delivery': { from: helper(), to: helper() } } }],
         slos: { 'order-to-delivery': { p95Ms: 4000 } },
       });
       export const unused = scaleJourneys;`,
    );
    write('helper.ts', 'export function helper(): number { return 90; }\n');
    const profile = await loadProfile(path.join(dir, 'my-wave.ts'));
    expect(profile.description).toBe('A TypeScript profile with an import of its own (2 h).');
    expect(planTotals(compileProfile(profile))['order-to-delivery']!.iterations).toBeCloseTo(180, 6);
  });

  it('takes the only exported profile of a .mjs file without a default export', async () => {
    write('named.mjs', `export const myProfile = ${JSON.stringify({ ...morningOrderWave, name: 'named' })};\n`);
    expect((await loadProfile('named.mjs', dir)).name).toBe('named');
  });

  it('names the file and the field of a mistake in one line', async () => {
    write('bad.yaml', YAML.replace('end: "10:00"', 'end: "07:00"'));
    expect(await failure('./bad.yaml')).toEqual({
      code: 'PROFILE_INVALID',
      message: './bad.yaml: phases[0].end: expected HH:MM after start 08:00, got "07:00"',
    });
    write('bad.ts', `export default { name: 'x', description: 'd', phases: [], slos: {} };\n`);
    expect(await failure('bad.ts')).toEqual({ code: 'PROFILE_INVALID', message: 'bad.ts: phases: expected at least one phase, got []' });
  });

  it('reports YAML and TypeScript syntax errors with their line', async () => {
    write('broken.yaml', 'name: x\nphases: [\n');
    const yaml = await failure('broken.yaml');
    expect(yaml.code).toBe('PROFILE_UNREADABLE');
    expect(yaml.message).toMatch(/^broken\.yaml:\d+:\d+: not valid YAML: /);
    expect(yaml.message.split('\n')).toHaveLength(1);
    write('broken.ts', 'export default {\n  name: ,\n};\n');
    expect(await failure('broken.ts')).toEqual({ code: 'PROFILE_UNREADABLE', message: 'broken.ts:2:9: cannot be compiled: Unexpected ","' });
  });

  it('reports a missing file, an unknown name and a file without a profile', async () => {
    expect(await failure('./nope.yaml')).toEqual({
      code: 'PROFILE_NOT_FOUND',
      message: './nope.yaml: no such file (give a path to a .ts, .js or .yaml profile)',
    });
    const unknown = await failure('evening-wave');
    expect(unknown.code).toBe('PROFILE_UNKNOWN');
    expect(unknown.message).toMatch(/^profile: expected one of morning-order-wave, .* or a profile file \(\.ts, \.js, \.yaml\), got "evening-wave"$/);
    write('empty.mjs', 'export const answer = 42;\n');
    expect(await failure('empty.mjs')).toEqual({
      code: 'PROFILE_INVALID',
      message: 'empty.mjs: expected a default export of a profile (export default defineProfile({ … })), got none',
    });
    write('throws.mjs', "throw new Error('boom');\n");
    expect(await failure('throws.mjs')).toEqual({ code: 'PROFILE_UNREADABLE', message: 'throws.mjs: failed while loading: boom' });
  });

  it('tells names from paths', () => {
    expect(isProfilePath('morning-order-wave')).toBe(false);
    expect(isProfilePath('my.yaml')).toBe(true);
    expect(isProfilePath('./x')).toBe(true);
  });
});
