/**
 * Which Odoo answers at a URL: `POST /web/webclient/version_info` with an empty JSON-RPC call
 * (auth="none", no database needed) → `odoo.service.common.exp_version()`:
 * `{server_version: "17.0", server_version_info: [17, 0, 0, "final", 0, ""], server_serie: "17.0", protocol_version: 1}`.
 */
import { fromTransportError, ProtocolError } from './errors.js';
import { DEFAULT_TIMEOUT_MS, HttpChannel } from './http.js';
import { postJsonRpc } from './json-rpc.js';
import type { ServerVersion } from './types.js';

const PATH = 'web/webclient/version_info';

/**
 * The major version from `server_version_info[0]` (`17`, or `"saas~17"` on SaaS builds), else
 * from the leading digits of `server_version`; NaN when neither has one.
 */
export function majorOf(serverVersion: string, info: ReadonlyArray<string | number>): number {
  const first = info[0];
  if (typeof first === 'number') return first;
  const fromInfo = typeof first === 'string' ? /(\d+)/.exec(first) : null;
  if (fromInfo?.[1] !== undefined) return Number(fromInfo[1]);
  const fromText = /(\d+)/.exec(serverVersion);
  return fromText?.[1] !== undefined ? Number(fromText[1]) : Number.NaN;
}

/** Asks the server at `url` for its version. Rejects with an `OdooError` (connection, protocol …). */
export async function detectVersion(url: string, timeoutMs: number = DEFAULT_TIMEOUT_MS): Promise<ServerVersion> {
  const channel = new HttpChannel(url, timeoutMs);
  try {
    const { result } = await postJsonRpc(channel, PATH, {}, 1);
    const record = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
    const serverVersion = record.server_version;
    const info = record.server_version_info;
    if (typeof serverVersion !== 'string' || !Array.isArray(info)) {
      throw fromTransportError(new ProtocolError('version_info has no server_version / server_version_info'), channel.urlOf(PATH));
    }
    const serverVersionInfo = info.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number');
    return { serverVersion, serverVersionInfo, major: majorOf(serverVersion, serverVersionInfo) };
  } finally {
    await channel.close();
  }
}
