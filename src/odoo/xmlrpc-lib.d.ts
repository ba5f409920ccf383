/**
 * Types for the parts of the `xmlrpc` package (1.3.x) used directly: its serializer and
 * deserializer (@types/xmlrpc only declares the client and server).
 */
declare module 'xmlrpc/lib/serializer.js' {
  /** `<?xml …?><methodCall>…` for `method(params…)`. */
  export function serializeMethodCall(method: string, params?: unknown[], encoding?: string): string;
  /** `<methodResponse><params><param>…` */
  export function serializeMethodResponse(result: unknown): string;
  /** `<methodResponse><fault>…` for `{faultCode, faultString}`. */
  export function serializeFault(fault: { faultCode: number | string; faultString: string }): string;
}

declare module 'xmlrpc/lib/deserializer.js' {
  import type { Readable } from 'node:stream';

  /** A fault decodes to an Error with `faultCode`/`faultString`; other errors are parse errors. */
  type Callback = (error: (Error & { faultCode?: number | string; faultString?: string }) | null | undefined, value?: unknown) => void;

  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(stream: Readable, callback: Callback): void;
    deserializeMethodCall(stream: Readable, callback: (error: Error | null | undefined, method?: string, params?: unknown[]) => void): void;
  }
  export default Deserializer;
}
