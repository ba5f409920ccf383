/**
 * `tail -F` for a local text file, by polling (fs.watch misses events on some file systems and
 * across rotation): every `pollMs` the new bytes are read and split into lines.
 *
 * - starts at the current end of the file (or at its start with `fromStart`); a file that does
 *   not exist yet is waited for and then read from its start;
 * - rotation (the path now names another inode, e.g. logrotate's `create`): the rest of the old
 *   file is read, then the new one from its start;
 * - truncation in place (`copytruncate`, `> odoo.log`): the size dropped below the read position,
 *   or the last bytes read (up to 64, kept as a signature) are no longer there — a file truncated
 *   and rewritten past our position between two polls — so reading restarts at 0;
 * - a last line without its newline is kept until the newline arrives (or `stop()`).
 * Never throws after start: read errors go to `onWarning`, once per distinct message.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { Sleeper, systemClock, type CollectorClock } from './clock.js';

export interface TailOptions {
  file: string;
  onLine: (line: string) => void;
  /** Called after each poll that delivered lines, and after quiet polls (the parser flushes held entries). */
  onPoll?: (delivered: number) => void;
  onWarning?: (message: string) => void;
  /** Default 250 ms. */
  pollMs?: number;
  /** Read the existing content too (default: start at the current end). */
  fromStart?: boolean;
  clock?: CollectorClock;
}

export interface FileTail {
  /** Reads what is left, delivers a trailing partial line, stops polling. Never rejects. */
  stop(): Promise<void>;
  /** Times the file was found rotated or truncated. */
  readonly restarts: number;
}

const CHUNK = 64 * 1024;
const SIGNATURE = 64;

export async function tailFile(options: TailOptions): Promise<FileTail> {
  const clock = options.clock ?? systemClock;
  const pollMs = options.pollMs ?? 250;
  const sleeper = new Sleeper(clock);
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    options.onWarning?.(message);
  };

  let handle: FileHandle | undefined;
  let ino: number | undefined;
  let position = 0;
  let decoder = new StringDecoder('utf8');
  let partial = '';
  let restarts = 0;
  /** The last bytes read before `position`, to notice a truncate-and-rewrite. */
  let signature = Buffer.alloc(0);
  let stopped = false;

  const deliver = (text: string): number => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      try {
        options.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      } catch (error) {
        warn(`log tail ${options.file}: line handler failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return parts.length;
  };

  /** Reads from `position` to the end of the open file. */
  const drain = async (): Promise<number> => {
    if (handle === undefined) return 0;
    let delivered = 0;
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) return delivered;
      position += bytesRead;
      signature = Buffer.concat([signature, buffer.subarray(0, bytesRead)]).subarray(-SIGNATURE);
      delivered += deliver(decoder.write(buffer.subarray(0, bytesRead)));
    }
  };

  const openAt = async (fromEnd: boolean): Promise<boolean> => {
    try {
      const next = await open(options.file, 'r');
      const info = await next.stat();
      handle = next;
      ino = info.ino;
      position = fromEnd ? info.size : 0;
      decoder = new StringDecoder('utf8');
      signature = Buffer.alloc(0);
      if (position > 0) {
        const length = Math.min(SIGNATURE, position);
        const head = Buffer.alloc(length);
        const { bytesRead } = await next.read(head, 0, length, position - length);
        signature = head.subarray(0, bytesRead);
      }
      return true;
    } catch (error) {
      warn(`log tail ${options.file}: cannot open (${error instanceof Error ? error.message : String(error)}); waiting for it`);
      return false;
    }
  };

  /** True when the bytes before `position` are not the ones read there: the file was rewritten. */
  const rewritten = async (): Promise<boolean> => {
    if (handle === undefined || signature.length === 0) return false;
    const check = Buffer.alloc(signature.length);
    const { bytesRead } = await handle.read(check, 0, signature.length, position - signature.length);
    return bytesRead !== signature.length || !check.equals(signature);
  };

  const restartAtZero = () => {
    restarts++;
    flushPartial();
    position = 0;
    signature = Buffer.alloc(0);
    decoder = new StringDecoder('utf8');
  };

  const pollOnce = async (): Promise<number> => {
    if (handle === undefined) return (await openAt(false)) ? drain() : 0;
    if (await rewritten()) restartAtZero();
    let delivered = await drain();
    const onDisk = await stat(options.file).catch(() => undefined);
    const open = await handle.stat();
    if (onDisk !== undefined && onDisk.ino !== ino) {
      // Rotated: drain the old file once more — lines written between the drain above and the
      // rename (a busy machine stretches that gap) are in it — then the new one from its start.
      delivered += await drain();
      await handle.close().catch(() => undefined);
      handle = undefined;
      restarts++;
      flushPartial();
      if (await openAt(false)) delivered += await drain();
    } else if (open.size < position) {
      restartAtZero();
      delivered += await drain();
    }
    return delivered;
  };

  const flushPartial = () => {
    const rest = partial + decoder.end();
    partial = '';
    if (rest !== '') deliver(rest + '\n');
  };

  await openAt(!options.fromStart);
  const loop = async () => {
    while (!stopped) {
      try {
        const delivered = await pollOnce();
        options.onPoll?.(delivered);
      } catch (error) {
        warn(`log tail ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (await sleeper.sleep(pollMs)) break;
    }
  };
  const running = loop();

  let stopping: Promise<void> | undefined;
  return {
    get restarts() {
      return restarts;
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        sleeper.cancel();
        await running;
        try {
          await pollOnce();
        } catch {
          // The file vanished at the end: what was read is kept.
        }
        flushPartial();
        options.onPoll?.(0);
        await handle?.close().catch(() => undefined);
      })();
      return stopping;
    },
  };
}
