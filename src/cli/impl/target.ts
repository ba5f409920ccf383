/**
 * The Odoo target as the commands that talk to Odoo read it (run, check, prepare, cleanup):
 * flags, then ODOO_* variables, then the config file; and an integration-transport client for
 * administrative calls (XML-RPC up to Odoo 18, JSON-2 from 19, or `--transport`).
 */
import { createClient } from '../../odoo/connect.js';
import { resolveTarget } from '../../odoo/target-config.js';
import { isTransportName, transportFor } from '../../odoo/transport-choice.js';
import type { OdooClient, OdooTarget, TransportName } from '../../odoo/types.js';
import { detectVersion } from '../../odoo/version.js';
import { UsageError } from '../../errors.js';
import type { TargetOptions } from '../options.js';
import type { OdooConfigOptions } from '../options-odoo.js';

export function targetFromOptions(options: TargetOptions & OdooConfigOptions, env: NodeJS.ProcessEnv = process.env): OdooTarget {
  return resolveTarget(
    {
      target: options.target,
      db: options.db,
      login: options.login,
      passwordFile: options['password-file'],
      apiKeyFile: options['api-key-file'],
      config: options.config,
    },
    env,
  );
}

/** `--transport`, checked: yargs' choices already limit it, but config-driven callers pass strings too. */
export function transportOverride(transport: string | undefined): TransportName | undefined {
  if (transport === undefined) return undefined;
  if (!isTransportName(transport)) throw new UsageError(`--transport: expected web, xmlrpc, jsonrpc or json2, got "${transport}".`);
  return transport;
}

/** A client for administrative calls on the target's integration transport (not yet logged in). */
export async function adminClient(target: OdooTarget, transport: string | undefined): Promise<OdooClient> {
  const override = transportOverride(transport);
  const { major } = await detectVersion(target.url, target.timeoutMs);
  return createClient(target, transportFor('xmlrpc', major, override));
}
