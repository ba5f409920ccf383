/** Types of ./layers.js (plain JavaScript, since ESLint loads it before any build). */
import type { ESLint } from 'eslint';

export interface Allowance {
  key: string;
  typesOnly: boolean;
}
export interface Layer {
  key: string;
  allow: 'all' | Allowance[];
}
export function parseLayerTable(markdown: string): { layers: Layer[] };
export function layerOf(layers: readonly Layer[], relative: string): Layer | undefined;
export function forbidden(from: Layer, to: Layer, typeOnly: boolean): string | undefined;
export function layersPlugin(root: string, architecturePath?: string): ESLint.Plugin;
