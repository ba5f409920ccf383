/**
 * XML-RPC bodies through the `xmlrpc` package's own serializer and deserializer
 * (node_modules/xmlrpc/lib/{serializer,deserializer}.js), which the package's typings do not expose.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';

interface SerializerModule {
  serializeMethodResponse(result: unknown): string;
  serializeFault(fault: { faultCode: number; faultString: string }): string;
}

interface DeserializerInstance {
  deserializeMethodCall(stream: Readable, callback: (error: Error | null, method?: string, params?: unknown[]) => void): void;
}

type DeserializerClass = new (encoding?: string) => DeserializerInstance;

const require = createRequire(import.meta.url);
const serializer = require('xmlrpc/lib/serializer.js') as SerializerModule;
const Deserializer = require('xmlrpc/lib/deserializer.js') as DeserializerClass;

/** Parses a `<methodCall>` body. */
export function parseMethodCall(body: string): Promise<{ method: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    new Deserializer('utf8').deserializeMethodCall(Readable.from([body]), (error, method, params) => {
      if (error || !method) reject(error ?? new Error('Method call did not contain a method name'));
      else resolve({ method, params: params ?? [] });
    });
  });
}

/** A `<methodResponse>` with one value (the caller has ruled out None). */
export function methodResponse(value: unknown): string {
  return serializer.serializeMethodResponse(value);
}

/** A `<fault>` response. */
export function faultResponse(faultCode: number, faultString: string): string {
  return serializer.serializeFault({ faultCode, faultString });
}
