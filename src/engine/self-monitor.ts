/**
 * Self-monitoring: is the load generator itself the bottleneck? Per window it records the Node
 * event loop's delay (perf_hooks.monitorEventLoopDelay), this process's CPU time (process.cpuUsage)
 * and how late iterations started against their intended time, as EngineHealthRecord
 * (`engine.ndjson`). A saturated generator starts iterations late and times requests with a
 * blocked loop, so its latencies are the generator's, not Odoo's; `summarizeEngineHealth` (pure)
 * says when that happened, for the run's warning and the report.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { newHistogram, type Histogram } from '../run/histogram.js';
import { RUN_FORMAT_VERSION, type EngineHealthRecord } from '../run/records.js';
import type { Sample, SampleSink } from './samples.js';

/** When the generator counts as the bottleneck (any one suffices). */
export class SelfMonitor implements SampleSink {
  private readonly loop: IntervalHistogram;
  private cpu = process.cpuUsage();
  private lastMs: number;
  private lag: Histogram = newHistogram();
  private arrivals = 0;
  readonly records: EngineHealthRecord[] = [];

  /** @param nowMs the engine clock's time now, epoch ms */
  constructor(nowMs: number, private readonly keep = true) {
    this.loop = monitorEventLoopDelay({ resolution: 10 });
    this.loop.enable();
    this.lastMs = nowMs;
  }

  push(sample: Sample): void {
    if (sample.type !== 'arrival') return;
    this.arrivals += 1;
    if (sample.lagMs !== undefined) this.lag.recordValue(Math.round(sample.lagMs * 1000)); // µs
  }

  /** Closes the window [last, nowMs) and starts the next one. */
  sample(windowStartMs: number, nowMs: number): EngineHealthRecord {
    const elapsedMs = Math.max(1, nowMs - this.lastMs);
    const cpu = process.cpuUsage(this.cpu);
    const memory = process.memoryUsage();
    const record: EngineHealthRecord = {
      v: RUN_FORMAT_VERSION,
      type: 'engine',
      t: windowStartMs,
      windowMs: Math.round(elapsedMs),
      loopLagP99Ms: this.loop.count > 0 ? this.loop.percentile(99) / 1e6 : 0,
      loopLagMaxMs: this.loop.count > 0 ? this.loop.max / 1e6 : 0,
      cpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs,
      startLagP99Ms: this.lag.totalCount > 0 ? this.lag.getValueAtPercentile(99) / 1000 : null,
      arrivals: this.arrivals,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
    this.loop.reset();
    this.cpu = process.cpuUsage();
    this.lastMs = nowMs;
    this.lag.reset();
    this.arrivals = 0;
    if (this.keep) this.records.push(record);
    return record;
  }

  stop(): void {
    this.loop.disable();
    this.lag.destroy();
  }
}
