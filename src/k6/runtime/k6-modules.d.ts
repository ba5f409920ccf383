/**
 * The parts of k6's JavaScript API the bundled runtime uses (k6 ≥ 0.43; https://grafana.com/docs/k6/latest/javascript-api/).
 * Declared here rather than through @types/k6 so the project needs no extra dependency; these
 * modules exist only inside k6 and are left external by the bundler.
 */
declare module 'k6/http' {
  export interface K6Response {
    status: number;
    body: string | null;
    /** Transport error text, '' when none. */
    error: string;
    /** k6 error code (1000–1999 network, 1050 timeout …), 0 when none. */
    error_code: number;
  }
  export interface K6RequestParams {
    headers?: Record<string, string>;
    tags?: Record<string, string>;
    timeout?: string;
  }
  /** Since k6 0.43. */
  export function asyncRequest(method: string, url: string, body?: string | null, params?: K6RequestParams): Promise<K6Response>;
  const http: { asyncRequest: typeof asyncRequest };
  export default http;
}

declare module 'k6/metrics' {
  export class Trend {
    constructor(name: string, isTime?: boolean);
    add(value: number, tags?: Record<string, string>): void;
  }
  export class Rate {
    constructor(name: string);
    add(value: number | boolean, tags?: Record<string, string>): void;
  }
  export class Counter {
    constructor(name: string);
    add(value: number, tags?: Record<string, string>): void;
  }
}

declare module 'k6' {
  /** Blocks the VU for `seconds`. */
  export function sleep(seconds: number): void;
}

/** k6 globals: environment variables (`-e NAME=value` or the process environment), VU and iteration numbers. */
declare const __ENV: Record<string, string | undefined>;
declare const __VU: number;
declare const __ITER: number;
