/** The `provider "whatsapp"` block. */
import { DEFAULT_API_VERSION, FIRST_SETTINGS_VERSION, LAST_REGISTER_VERSION } from '../../cloud-api/api-version';
import { DEFAULT_BASE_URL } from '../../cloud-api/base-url';
import { t } from '../../plugin/values/cty-type';
import { integerBetween, positiveAtMost } from '../../plugin/validators/number-validators';
import { baseUrl, graphApiVersion } from '../validators/whatsapp-validators';
import type { BlockSchema, ViewOf } from '../../plugin/schema/model';

export const ENV_ACCESS_TOKEN = 'WHATSAPP_ACCESS_TOKEN';
export const ENV_API_VERSION = 'WHATSAPP_API_VERSION';
export const ENV_BASE_URL = 'WHATSAPP_BASE_URL';

export const providerConfigSchema = {
  version: 0,
  description:
    'Manages WhatsApp Cloud API **Local Storage** (where a phone number keeps message data at rest) through the Graph API. ' +
    'Every argument can also come from an environment variable, so pipelines need no secrets in configuration.',
  attributes: {
    access_token: {
      type: t.string,
      optional: true,
      sensitive: true,
      envVar: ENV_ACCESS_TOKEN,
      description:
        'Graph API access token (a system user token with `whatsapp_business_management` and `whatsapp_business_messaging`). ' +
        `Falls back to the \`${ENV_ACCESS_TOKEN}\` environment variable. Required one way or the other; never logged.`,
    },
    api_version: {
      type: t.string,
      optional: true,
      envVar: ENV_API_VERSION,
      validators: [graphApiVersion()],
      description:
        `Graph API version, for example \`${DEFAULT_API_VERSION}\`. Falls back to \`${ENV_API_VERSION}\`, then \`${DEFAULT_API_VERSION}\` (the newest version this provider knows). ` +
        `\`${FIRST_SETTINGS_VERSION}\` and newer write the region with the Settings API; \`${LAST_REGISTER_VERSION}\` and older used the legacy flow, which passes the region to \`/register\`. ` +
        'Meta serves each version until a date in its changelog and then answers calls to it as the oldest version it still serves: the plan warns 90 days before the configured version stops, ' +
        `and once it has stopped, plan and apply use the flow of the version Meta answers with (so \`${LAST_REGISTER_VERSION}\` now means the Settings API flow of \`${FIRST_SETTINGS_VERSION}\`).`,
    },
    base_url: {
      type: t.string,
      optional: true,
      envVar: ENV_BASE_URL,
      validators: [baseUrl()],
      description: `Graph API base URL without the version. Falls back to \`${ENV_BASE_URL}\`, then \`${DEFAULT_BASE_URL}\`. Point it at the bundled emulator (for example \`http://127.0.0.1:8787\`) to try things safely.`,
    },
    request_timeout_seconds: {
      type: t.number,
      optional: true,
      validators: [positiveAtMost(600, 'seconds')],
      description: "Timeout for one Graph API request, in seconds. Defaults to the engine's timeout (30 seconds).",
    },
    max_numbers_offline: {
      type: t.number,
      optional: true,
      validators: [integerBetween(1, 1000)],
      description:
        'How many phone numbers of this provider configuration may be offline for a storage change at the same moment (between their deregister and their register). ' +
        "Defaults to `1`: a change over many numbers is rolled out one number at a time, whatever the engine's `-parallelism`. " +
        'A number waits for its turn before it is deregistered, so waiting adds no downtime; it only makes the apply longer.',
    },
    max_retries: {
      type: t.number,
      optional: true,
      validators: [integerBetween(0, 10)],
      description:
        "How many times a request that failed with a retryable error (rate limits, transient 5xx) is retried with backoff. Defaults to the engine's setting.",
    },
  },
} satisfies BlockSchema;

export type ProviderConfigView = ViewOf<typeof providerConfigSchema>;
