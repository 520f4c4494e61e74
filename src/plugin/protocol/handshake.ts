/**
 * go-plugin launch contract: magic cookie, protocol version negotiation, the handshake
 * line. Pure functions, so tests and main.ts share them.
 */

export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** Plugin protocol versions this provider serves, highest first. */
export const SUPPORTED_PROTOCOL_VERSIONS = [6, 5] as const;
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/** go-plugin's own (core) protocol version, first field of the handshake. */
export const CORE_PROTOCOL_VERSION = 1;

/**
 * Picks the highest version both sides speak from PLUGIN_PROTOCOL_VERSIONS ("5,6").
 * Unset means an engine too old to say: go-plugin then uses the plugin's default, 6 here.
 * Returns an error message when there is no common version.
 */
export function negotiateProtocolVersion(
  offered: string | undefined,
  pluginName = 'this plugin',
): { version: ProtocolVersion } | { error: string } {
  if (offered === undefined || offered.trim() === '') return { version: SUPPORTED_PROTOCOL_VERSIONS[0] };
  const versions = offered
    .split(',')
    .map((v) => Number.parseInt(v.trim(), 10))
    .filter((v) => Number.isInteger(v));
  for (const ours of SUPPORTED_PROTOCOL_VERSIONS) {
    if (versions.includes(ours)) return { version: ours };
  }
  return {
    error:
      `${pluginName} speaks plugin protocol versions ${[...SUPPORTED_PROTOCOL_VERSIONS].reverse().join(' and ')}, ` +
      `but the engine offered only "${offered}" (PLUGIN_PROTOCOL_VERSIONS). ` +
      'Use Terraform 0.12 or later (1.0+ recommended) or any OpenTofu release.',
  };
}

/** `1|6|unix|/tmp/x/plugin.sock|grpc|<cert>`; no trailing newline. */
export function handshakeLine(version: ProtocolVersion, network: 'unix' | 'tcp', address: string, certField: string): string {
  return [CORE_PROTOCOL_VERSION, version, network, address, 'grpc', certField].join('|');
}
