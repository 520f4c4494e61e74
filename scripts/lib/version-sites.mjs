// Where the default Graph API version is written outside the table (scripts/generate-versions.mjs keeps them).
const V = 'v\\d{1,3}\\.\\d{1,3}';

/** Each file and the places in it that mean "the default version": (text before)(version). */
export const DEFAULT_VERSION_SITES = {
  'README.md': [
    `(the default is the newest version, \`)${V}`,
    `(api_version = ")${V}(?=" # the default)`,
    `(the default is the newest, \`)${V}`,
  ],
  'docs/cdktf.md': [`(\\(defaults: Graph, none, \`)${V}`],
  'docs/emulator.md': [`(the newest in the version table \\(\`)${V}`, `(paths \`/v\\d+\\.\\d+\` to \`/)${V}`],
  'examples/hcl/variables.tf': [`(variable "api_version" \\{[^}]*default\\s*=\\s*")${V}`],
  'examples/provider/provider.tf': [`(api_version = ")${V}`],
  'scripts/demo.mjs': [`(const API_VERSION = ')${V}`],
  'src/cdk/provider.ts': [`(Graph API version such as \`)${V}`, `(the newest version it knows \\(\`)${V}`],
  'src/emulator/types.ts': [`(Oldest and newest Graph versions served \\(inclusive\\), e\\.g\\. "v\\d+\\.\\d+" and ")${V}`],
};
