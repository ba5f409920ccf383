/**
 * The database server PGTune sizes the settings for: RAM, CPUs and storage, each either known (a
 * forecast's `database`, the tested server's `--db-cores`) or assumed — and when assumed, said so
 * in the reasons, with where the assumption comes from. Pure.
 */
import type { PgStorage } from './pgtune.js';
import type { Reasoned } from './reasoned.js';

/** What is assumed of a database server nobody described: PGTune's usual mid-size SSD machine. */
export const ASSUMED_DATABASE_SERVER = { ramGb: 16, cpus: 4, storage: 'ssd' } as const satisfies DatabaseShape;

export interface DatabaseShape {
  ramGb: number;
  cpus: number;
  storage: PgStorage;
}

export interface DatabaseServer extends DatabaseShape {
  /** Which of the three were assumed (ASSUMED_DATABASE_SERVER), not known. */
  assumed: Array<keyof DatabaseShape>;
  /** Where the known ones come from, e.g. `the forecast` or `--db-cores`. */
  source: string;
  /** How to declare the assumed ones, e.g. `give --forecast with database.ramGb`. */
  howToDeclare: string;
}

/** The database server from what is known of it, the rest assumed. */
export function databaseServer(known: Partial<DatabaseShape>, source: string, howToDeclare: string): DatabaseServer {
  const keys = ['ramGb', 'cpus', 'storage'] as const;
  return {
    ramGb: known.ramGb ?? ASSUMED_DATABASE_SERVER.ramGb,
    cpus: known.cpus ?? ASSUMED_DATABASE_SERVER.cpus,
    storage: known.storage ?? ASSUMED_DATABASE_SERVER.storage,
    assumed: keys.filter((k) => known[k] === undefined),
    source,
    howToDeclare,
  };
}

/** One sentence on what was assumed of the database server; empty when everything was known. */
export function assumptionText(db: DatabaseServer): string {
  if (db.assumed.length === 0) return '';
  const shown = { ramGb: `${db.ramGb} GB RAM`, cpus: `${db.cpus} CPUs`, storage: `${db.storage} storage` };
  return `Assumed for the database server (not given by ${db.source}): ${db.assumed.map((k) => shown[k]).join(', ')}; ${db.howToDeclare} to size for yours.`;
}

/** The database server's RAM as a recommended value: declared or assumed, and why. */
export function postgresRamGb(db: DatabaseServer): Reasoned<number> {
  const declared = !db.assumed.includes('ramGb');
  return {
    value: db.ramGb,
    unit: 'GB',
    reason: declared
      ? `As given by ${db.source} (${db.ramGb} GB).`
      : `${db.ramGb} GB assumed (not given by ${db.source}): PGTune scales the memory settings from it; ${db.howToDeclare} to size for yours.`,
    inputs: { declared },
  };
}
