/**
 * A binary min-heap of timed events, ties broken by insertion order so a run is deterministic.
 * O(log n) push and pop.
 */
export interface TimedEvent<T> {
  t: number;
  seq: number;
  item: T;
}

export class EventQueue<T> {
  private readonly heap: Array<TimedEvent<T>> = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The earliest event without removing it. */
  peek(): TimedEvent<T> | undefined {
    return this.heap[0];
  }

  push(t: number, item: T): void {
    const event = { t, seq: this.seq++, item };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p === undefined || !before(event, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  pop(): TimedEvent<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const l = heap[left];
      const r = heap[right];
      let child = left;
      let c = l;
      if (r !== undefined && l !== undefined && before(r, l)) {
        child = right;
        c = r;
      }
      if (c === undefined || !before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

function before<T>(a: TimedEvent<T>, b: TimedEvent<T>): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
