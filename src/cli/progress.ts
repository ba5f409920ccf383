/**
 * The live progress line. It only listens to the engine's progress events (the engine never prints).
 * On a terminal it redraws one line; otherwise it prints a line every `everyS` seconds.
 */
import type { Progress } from '../engine/run-plan.js';

export interface ProgressPrinter {
  update(progress: Progress): void;
  done(): void;
}

export function progressBar(elapsedS: number, durationS: number, width = 24): string {
  const share = durationS > 0 ? Math.min(1, Math.max(0, elapsedS / durationS)) : 0;
  const filled = Math.round(share * width);
  return '[' + '#'.repeat(filled) + '.'.repeat(width - filled) + ']';
}

/**
 * @param achievedRate iterations/s over the last few seconds (smoothed by the printer), or the
 *   engine's last-window figure.
 */
export function formatProgress(p: Progress, achievedRate = p.rateAchieved): string {
  const p95 = p.p95Ms !== null ? `${Math.round(p.p95Ms)} ms` : '–';
  return (
    `${progressBar(p.elapsedS, p.durationS)} ${Math.floor(p.elapsedS)}/${Math.round(p.durationS)} s` +
    `  rate ${achievedRate.toFixed(2)}/s (target ${p.rateTarget.toFixed(2)})` +
    `  p95 ${p95}  done ${p.completed}  errors ${p.errors}  dropped ${p.dropped}  VUs ${p.vus}`
  );
}

export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr, everyS = 10): ProgressPrinter {
  const tty = stream.isTTY === true;
  let lastPrinted = -Infinity;
  let drawn = false;
  // Completions over a sliding 10 s span: a 1 s window holds too few iterations to read as a rate.
  const history: Array<{ t: number; completed: number }> = [];
  return {
    update(progress) {
      history.push({ t: progress.elapsedS, completed: progress.completed });
      while (history.length > 1 && progress.elapsedS - history[0]!.t > 10) history.shift();
      const first = history[0]!;
      const span = progress.elapsedS - first.t;
      const line = formatProgress(progress, span > 0 ? (progress.completed - first.completed) / span : progress.rateAchieved);
      if (tty) {
        stream.write('\r' + line.slice(0, (stream.columns || 120) - 1) + '\x1b[K');
        drawn = true;
      } else if (progress.elapsedS - lastPrinted >= everyS) {
        stream.write(line + '\n');
        lastPrinted = progress.elapsedS;
      }
    },
    done() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
