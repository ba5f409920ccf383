/**
 * RunWriter: creates `runs/<id>/` and appends to it as the run happens (DESIGN.md principle 3).
 *
 * - manifest.json is written atomically (temporary file + rename) at creation and on every
 *   status change, so a reader never sees half a manifest;
 * - NDJSON streams (`metrics`, `events`, `pg_activity`, or any other name) are buffered and
 *   appended in small batches — every `flushIntervalMs` (200 ms) or `flushRecords` (64) records,
 *   and on close — so a crash loses at most the last batch, and a torn last line is what
 *   `readRun` tolerates.
 *
 * The writer satisfies the engine's sink (`window`, `event`) and the collectors' (`pgActivity`).
 */
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { cpus, hostname } from 'node:os';
import path from 'node:path';
import { RUN_FORMAT_VERSION, RUN_STREAMS, streamFile, type RunStream, type MetricWindow, type PgActivitySample, type RunEvent, type RunManifest, type RunStatus } from './records.js';
import { redactingReplacer, redactUrl } from '../redact.js';
import { newRunId } from './run-id.js';

export { newRunId } from './run-id.js';

/** What the caller knows about a run when it starts; the writer adds `v`, `id`, `status` and times. */
export interface ManifestInput {
  tool?: RunManifest['tool'];
  engine: RunManifest['engine'];
  /** No password here; extra properties (an `OdooTarget`'s password) are dropped and the URL is redacted anyway. */
  target: RunManifest['target'];
  pg?: RunManifest['pg'];
  plan: RunManifest['plan'];
  collectors?: RunManifest['collectors'];
  /** Default 1000. */
  windowMs?: number;
  host?: RunManifest['host'];
  server?: RunManifest['server'];
  /** One execution segment of the plan (`run --segment i/n`). */
  segment?: RunManifest['segment'];
  /** `collect`: a collect-only directory (no load). */
  kind?: RunManifest['kind'];
}

export interface CreateRunOptions {
  /** Directory holding the runs (created when missing), e.g. `runs`. */
  root: string;
  manifest: ManifestInput;
  /** Default `newRunId(plan.profile, now)`. */
  id?: string;
  /** Wall clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** Default 200 ms. */
  flushIntervalMs?: number;
  /** Default 64. */
  flushRecords?: number;
  /** Called once when a write fails (disk full, directory removed); the run should stop. */
  onError?: (error: Error) => void;
}

/** An NDJSON record: every one carries the format version. */
export interface RunRecord {
  v: 1;
  type: string;
}

const STREAM_NAME = /^[a-z][a-z0-9_-]*$/;

export class RunWriter {
  readonly id: string;
  readonly dir: string;
  private current: RunManifest;
  private readonly buffers = new Map<RunStream, string[]>();
  /** Per file: the chain of pending appends, so batches land in order. */
  private readonly writes = new Map<RunStream, Promise<void>>();
  private manifestWrite: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    dir: string,
    manifest: RunManifest,
    private readonly options: Required<Pick<CreateRunOptions, 'now' | 'flushIntervalMs' | 'flushRecords'>> &
      Pick<CreateRunOptions, 'onError'>,
  ) {
    this.id = manifest.id;
    this.dir = dir;
    this.current = manifest;
  }

  /** Creates `<root>/<id>/` (refusing an existing one), writes the manifest with status `running`. */
  static async create(options: CreateRunOptions): Promise<RunWriter> {
    const now = options.now ?? Date.now;
    const input = options.manifest;
    const id = options.id ?? newRunId(input.plan.profile, new Date(now()));
    const dir = path.join(options.root, id);
    await mkdir(options.root, { recursive: true });
    await mkdir(dir); // not recursive: an existing run directory is an error, never overwritten
    const manifest: RunManifest = {
      v: RUN_FORMAT_VERSION,
      id,
      tool: input.tool ?? { name: 'odoo-capacity', version: '0.0.0' },
      status: 'running',
      startedAt: new Date(now()).toISOString(),
      engine: input.engine,
      target: cleanTarget(input.target),
      ...(input.pg ? { pg: { ...input.pg, url: redactUrl(input.pg.url) } } : {}),
      plan: input.plan,
      collectors: input.collectors ?? [],
      windowMs: input.windowMs ?? 1000,
      host: { ...(input.host ?? { hostname: hostname(), cpus: cpus().length, platform: process.platform, node: process.version }), pid: process.pid },
      ...(input.server ? { server: input.server } : {}),
      ...(input.segment ? { segment: { index: input.segment.index, count: input.segment.count } } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
    };
    const writer = new RunWriter(dir, manifest, {
      now,
      flushIntervalMs: options.flushIntervalMs ?? 200,
      flushRecords: options.flushRecords ?? 64,
      onError: options.onError,
    });
    await writer.writeManifest();
    await Promise.all([RUN_STREAMS.metrics, RUN_STREAMS.events].map((s) => writeFile(writer.file(s), '', { flag: 'a' })));
    return writer;
  }

  /** The manifest as last written. */
  get manifest(): Readonly<RunManifest> {
    return this.current;
  }

  /** Queues one record for `<stream>.ndjson`. Never throws for I/O: failures go to `onError` and `close()`. */
  append(stream: RunStream, record: RunRecord): void {
    if (!STREAM_NAME.test(stream)) throw new Error(`RunWriter.append: stream name '${stream}' must match ${STREAM_NAME}`);
    if (this.closed) return;
    let buffer = this.buffers.get(stream);
    if (!buffer) this.buffers.set(stream, (buffer = []));
    // Every string is redacted here, whatever produced it (failure reasons, event messages, URLs).
    buffer.push(JSON.stringify(record, redactingReplacer));
    if (buffer.length >= this.options.flushRecords) void this.flushStream(stream);
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush().catch(() => undefined);
      }, this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** metrics.ndjson */
  window(record: MetricWindow): void {
    this.append(RUN_STREAMS.metrics, record);
  }

  /** events.ndjson */
  event(record: RunEvent): void {
    this.append(RUN_STREAMS.events, record);
  }

  /** pg_activity.ndjson */
  pgActivity(record: PgActivitySample): void {
    this.append(RUN_STREAMS.pgActivity, record);
  }

  /** Writes every buffered record; rejects with the first write failure. */
  async flush(): Promise<void> {
    await Promise.all([...this.buffers.keys()].map((s) => this.flushStream(s)));
    if (this.failure) throw this.failure;
  }

  /** Adds facts learned after the start (server versions, collectors) and rewrites the manifest. */
  async update(patch: Partial<Pick<RunManifest, 'target' | 'pg' | 'collectors'>>): Promise<void> {
    const next: RunManifest = { ...this.current, ...patch };
    if (patch.target) next.target = cleanTarget(patch.target);
    if (patch.pg) next.pg = { ...patch.pg, url: redactUrl(patch.pg.url) };
    this.current = next;
    await this.writeManifest();
  }

  /** Records a status change: a `status` event and the rewritten manifest. */
  async setStatus(status: RunStatus, reason?: string): Promise<void> {
    const t = this.options.now();
    this.event({ v: RUN_FORMAT_VERSION, type: 'status', t, status, ...(reason !== undefined ? { reason } : {}) });
    const { statusReason: _old, ...rest } = this.current;
    this.current = { ...rest, status, ...(reason !== undefined ? { statusReason: reason } : {}) };
    if (status !== 'running') this.current.endedAt = new Date(t).toISOString();
    await this.flush();
    await this.writeManifest();
  }

  /** Final status, flush, manifest with `endedAt`. Rejects with the first write failure. */
  async close(status: RunStatus, reason?: string): Promise<void> {
    if (this.closed) return;
    await this.setStatus(status, reason);
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.failure) throw this.failure;
  }

  private file(stream: RunStream): string {
    return path.join(this.dir, streamFile(stream));
  }

  private flushStream(stream: RunStream): Promise<void> {
    const buffer = this.buffers.get(stream);
    const previous = this.writes.get(stream) ?? Promise.resolve();
    if (!buffer || buffer.length === 0) return previous;
    const data = buffer.join('\n') + '\n';
    buffer.length = 0;
    const next = previous.then(() => appendFile(this.file(stream), data)).catch((e: unknown) => this.fail(e));
    this.writes.set(stream, next);
    return next;
  }

  private writeManifest(): Promise<void> {
    const text = JSON.stringify(this.current, redactingReplacer, 2) + '\n';
    const target = path.join(this.dir, 'manifest.json');
    const temporary = `${target}.${process.pid}.tmp`;
    this.manifestWrite = this.manifestWrite
      .then(async () => {
        await writeFile(temporary, text);
        await rename(temporary, target);
      })
      .catch((e: unknown) => this.fail(e));
    return this.manifestWrite.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  private fail(e: unknown): void {
    if (this.failure) return;
    this.failure = e instanceof Error ? e : new Error(String(e));
    this.options.onError?.(this.failure);
  }
}

/** Only the known target fields, URL without password. */
function cleanTarget(target: RunManifest['target']): RunManifest['target'] {
  const clean: RunManifest['target'] = { url: redactUrl(target.url), db: target.db, login: target.login };
  if (target.transport !== undefined) clean.transport = target.transport;
  if (target.serverVersion !== undefined) clean.serverVersion = target.serverVersion;
  return clean;
}
