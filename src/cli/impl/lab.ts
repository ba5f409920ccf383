/** `lab start | stop | status` (no yargs here: plain options in, exit code out). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defaultLabDirectory } from '../../lab/postgres.js';
import { isAlive, readLabState, serveLab, startLabDaemon, stopLabDaemon } from '../../lab/daemon.js';
import { ExitCode } from '../exit-codes.js';
import type { LabStartOptions } from '../commands/lab.js';

export async function labStart(options: LabStartOptions): Promise<number> {
  const dir = path.resolve(options.dir ?? defaultLabDirectory());
  const labOptions = {
    dir,
    workers: options.workers,
    dataset: options.dataset,
    port: options.port,
    fresh: options.fresh,
    neutralized: !options['not-neutralized'],
    maxCronThreads: options['max-cron-threads'],
    limitTimeReal: options['limit-time-real'],
    dbMaxConn: options['db-maxconn'],
    cronIntervalS: options['cron-interval'],
  };
  if (options.foreground) {
    await serveLab(labOptions);
    return ExitCode.ok;
  }
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.js');
  const args = [
    'lab', 'start', '--foreground', '--dir', dir, '--workers', String(options.workers), '--dataset', options.dataset,
    '--max-cron-threads', String(options['max-cron-threads']), '--limit-time-real', String(options['limit-time-real']),
    '--db-maxconn', String(options['db-maxconn']), '--cron-interval', String(options['cron-interval']),
  ];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.fresh) args.push('--fresh');
  if (options['not-neutralized']) args.push('--not-neutralized');
  const state = await startLabDaemon(entry, args, dir);
  process.stdout.write(
    [
      `lab running (pid ${state.pid}, ${state.workers} workers + ${options['max-cron-threads']} cron, ${state.dataset} dataset, limit_time_real ${options['limit-time-real']} s)`,
      `  Odoo      ${state.odooUrl}   db ${state.db}   login ${state.login}`,
      `  password  ${state.passwordFile}`,
      `  postgres  ${state.pgUrlWithoutPassword}   (password in ${state.pgPasswordFile})`,
      `  log       ${state.logFile}`,
      'try:',
      `  PGPASSWORD="$(cat ${state.pgPasswordFile})" odoo-capacity run morning-order-wave --target ${state.odooUrl} --db ${state.db} \\`,
      `    --login ${state.login} --password-file ${state.passwordFile} --pg ${state.pgUrlWithoutPassword} --odoo-log ${state.logFile} --duration 60`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}

export async function labStop(options: { dir?: string }): Promise<number> {
  const dir = path.resolve(options.dir ?? defaultLabDirectory());
  const state = await stopLabDaemon(dir);
  process.stdout.write(state ? `lab stopped (pid ${state.pid})\n` : `no lab running in ${dir}\n`);
  return ExitCode.ok;
}

export async function labStatus(options: { dir?: string; json: boolean }): Promise<number> {
  const dir = path.resolve(options.dir ?? defaultLabDirectory());
  const state = readLabState(dir);
  const running = state !== undefined && isAlive(state.pid);
  if (options.json) {
    process.stdout.write(JSON.stringify({ dir, running, ...(running ? state : {}) }, null, 2) + '\n');
  } else if (running && state) {
    process.stdout.write(`lab running (pid ${state.pid}) at ${state.odooUrl}, db ${state.db}, ${state.workers} workers; dir ${dir}\n`);
  } else {
    process.stdout.write(`no lab running in ${dir}\n`);
  }
  return running ? ExitCode.ok : ExitCode.notRunning;
}
