/** `resource "whatsapp_local_storage"`: one phone number's Local Storage setting. */
import { REGION_CHANGE_DOWNTIME } from '../../engine/downtime';
import { PIN_MISMATCH, QUOTA_EXCEEDED, wrongPinRisk } from '../../engine/engine-errors';
import { SUPPORTED_REGIONS } from '../../engine/regions';
import { requiresReplace, useStateForUnknown } from '../../plugin/plan-modifiers/common';
import { t } from '../../plugin/values/cty-type';
import { atMostOneOf } from '../../plugin/validators/config-validators';
import { integerBetween } from '../../plugin/validators/number-validators';
import { digitsOfLength } from '../../plugin/validators/string-validators';
import { PIN_LENGTH, VERIFICATION_CODE_LENGTH } from '../../cloud-api/secret-formats';
import { graphId, localStorageRegion, noStorageRetention, storageMode, storageModeStated } from '../validators/whatsapp-validators';
import { NO_STORAGE_RETENTION_MINUTES } from '../../cloud-api/no-storage';
import type { BlockSchema, ViewOf } from '../../plugin/schema/model';
import { QUOTA_LIMIT, QUOTA_WINDOW_HOURS } from '../../engine/quota';
import { HCL_INPUT_NAMES } from '../engine-input-paths';

export const LOCAL_STORAGE_TYPE = 'whatsapp_local_storage';

/**
 * Version 1 added pin_wo, pin_wo_version, verification_code and display_phone_number;
 * version 2 added storage_mode and retention_minutes (No Storage); version 3 the quota
 * attributes (register_calls_72h, deregister_calls_72h, quota_available_at).
 */
export const LOCAL_STORAGE_SCHEMA_VERSION = 3;

/** What a wrong PIN costs, in this resource's attribute names (the plan's explanation says the same). */
export const WRONG_PIN_RISK = wrongPinRisk(HCL_INPUT_NAMES);

const regionList = SUPPORTED_REGIONS.map((r) => `\`${r.code}\` (${r.country})`).join(', ');

export const localStorageResourceSchema = {
  version: LOCAL_STORAGE_SCHEMA_VERSION,
  description:
    'Declares where a WhatsApp Business phone number keeps its message data: at rest in one country (**Local Storage**, `data_localization_region`), ' +
    'in Meta\'s default storage (`storage_mode = "DEFAULT"`), or nowhere at rest (**No Storage**, `storage_mode = "NO_STORAGE"` with `retention_minutes`). ' +
    'The mode must always be stated: a configuration that says none of the three is an error, never a move to default storage.\n\n' +
    'A plan that weakens data residency (No Storage to in-country or default, in-country to default) or moves it to another country carries a warning naming the number, from and to.\n\n' +
    'Destroying the resource leaves the storage setting as it is unless `disable_on_destroy` is `true`.\n\n' +
    `**Downtime.** ${REGION_CHANGE_DOWNTIME} ` +
    'Each change uses one of the 10 register and 10 deregister calls Meta allows per number in 72 hours. ' +
    `${WRONG_PIN_RISK} ` +
    'The plan warns once per number, naming it with its storage before and after; engines fold warnings of the same change ' +
    '(same storage before and after) into one, "and N more similar warnings elsewhere", and the plan\'s diff lists every number.\n\n' +
    '**Numbers that cannot be read.** A plan fails when the apply would: a `phone_number_id` that does not exist ' +
    "or that the token cannot see (another business's number), an invalid or expired token, a token without permission, " +
    'a number not on Cloud API that the plan would change, or an API that does not answer after the retries (`max_retries`) ' +
    'is an error at plan, for a new number and at the refresh of one in state. Only an id unknown until apply is not read. ' +
    'A number in state is never dropped from state because it cannot be read: Graph answers the same way for a deleted number ' +
    'and for a token that lost access to it, and a pipeline must not forget a live number because of a token. ' +
    'The refresh fails and the state is kept; after deleting a number on purpose, ' +
    'remove it with `terraform state rm` (`tofu state rm`) or a `removed` block.',
  attributes: {
    id: {
      type: t.string,
      computed: true,
      planModifiers: [useStateForUnknown()],
      description: 'Same as `phone_number_id`.',
    },
    phone_number_id: {
      type: t.string,
      required: true,
      validators: [graphId('phone_number_id')],
      planModifiers: [requiresReplace()],
      description: 'The WhatsApp Business phone number id (digits only, as shown in WhatsApp Manager). Changing it replaces the resource.',
    },
    data_localization_region: {
      type: t.string,
      optional: true,
      validators: [localStorageRegion()],
      description:
        `Country to keep message data in, as an upper-case ISO 3166-1 alpha-2 code: ${regionList}. ` +
        'Setting it alone declares in-country storage (`storage_mode` is then `IN_COUNTRY`). ' +
        'Leave it unset only together with `storage_mode = "DEFAULT"` or `"NO_STORAGE"`.',
    },
    storage_mode: {
      type: t.string,
      optional: true,
      computed: true,
      validators: [storageMode()],
      description:
        'The storage mode: `IN_COUNTRY` (with `data_localization_region`; implied when only the region is set), ' +
        "`DEFAULT` (Meta's default storage, Local Storage off), or `NO_STORAGE` (message data only in transit, with `retention_minutes`). " +
        'A mode that contradicts `data_localization_region` is an error.',
    },
    retention_minutes: {
      type: t.number,
      optional: true,
      validators: [noStorageRetention()],
      description:
        `With \`storage_mode = "NO_STORAGE"\` (and only then, required): how long Meta keeps message data in transit, in minutes. Meta accepts ${NO_STORAGE_RETENTION_MINUTES.map((m) => `\`${m}\``).join(', ')} today. ` +
        'Webhook and decryption retries are limited to that window.',
    },
    pin: {
      type: t.string,
      optional: true,
      sensitive: true,
      validators: [digitsOfLength(PIN_LENGTH, 'the two-step verification PIN')],
      description:
        "The number's two-step verification PIN (6 digits), used to register the number again after the storage setting changes. " +
        '**Required at apply whenever the plan registers the number** (changing the region of a registered number, or enabling it on an unregistered one). ' +
        'Stored in state (marked sensitive); use `pin_wo` instead to keep it out of state. Set at most one of `pin` and `pin_wo`.',
    },
    pin_wo: {
      type: t.string,
      optional: true,
      sensitive: true,
      writeOnly: true,
      validators: [digitsOfLength(PIN_LENGTH, 'the two-step verification PIN')],
      description:
        'The two-step verification PIN as a write-only attribute (Terraform 1.11+, OpenTofu 1.11+): used like `pin` but never stored in plan or state. ' +
        'Because it is not stored, it is not available when destroying with `disable_on_destroy`. Change `pin_wo_version` to run registration again with a new value. ' +
        'The provider plans it null, as write-only attributes must be; OpenTofu still lists it as `(write-only attribute)` in the plan of every update, set or not, because its plan renderer shows all write-only attributes of a changing resource.',
    },
    pin_wo_version: {
      type: t.number,
      optional: true,
      validators: [integerBetween(0, Number.MAX_SAFE_INTEGER)],
      description:
        'Any whole number. Write-only values leave no trace in state, so changing `pin_wo` alone plans nothing: change `pin_wo_version` with it to make the next apply run with the new `pin_wo` ' +
        '(it registers the number whenever convergence needs registering; a number that is registered with the declared storage is left as it is).',
    },
    verification_code: {
      type: t.string,
      optional: true,
      sensitive: true,
      validators: [digitsOfLength(VERIFICATION_CODE_LENGTH, 'the one-time code Meta sent by SMS or voice')],
      description:
        'One-time verification code (6 digits) for a number that is not verified (`code_verification_status` other than `VERIFIED`), ' +
        'which must be verified before it can register. An apply without it asks Meta to send the code by SMS and stops ' +
        'before changing anything else; set the code received here for the next apply.',
    },
    set_pin_before_deregister: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description:
        "When `true`, an apply that takes the number offline first **changes the number's two-step verification PIN to the configured `pin`** " +
        '(`POST /<PHONE_NUMBER_ID>` with the PIN, while the number is still registered) before the deregister, so the register afterwards cannot fail on a wrong PIN. ' +
        "Defaults to `false`. Meta has no way to check a PIN without registering: with `false`, a `pin` that is not the number's current PIN is only discovered by the register " +
        `after the deregister, which fails with error ${PIN_MISMATCH} (Two step verification PIN Mismatch), and **the number stays offline until the right PIN is applied** ` +
        "(set the correct `pin` and apply again, or reset the PIN in WhatsApp Manager). Turn it on only if the configured PIN may become the number's PIN.",
    },
    disable_on_destroy: {
      type: t.bool,
      optional: true,
      computed: true,
      default: false,
      description:
        "When `true`, destroying the resource moves the number to Meta's default storage (a residency weakening the destroy plan warns about), disabling Local Storage or No Storage on the number (which deregisters and registers it again with `pin`). " +
        'Defaults to `false`: destroying only stops managing the setting.',
    },
    one_at_a_time: {
      type: t.bool,
      optional: true,
      description:
        "Superseded by the provider's `max_numbers_offline` (default `1`), which rolls every change out one number at a time already. " +
        'Still accepted: when `true`, applies of the resources that set it also run one after another as a whole, reads included. Changes nothing on the number itself.',
    },
    storage_status: {
      type: t.string,
      computed: true,
      description:
        'Storage status as the API reports it: `IN_COUNTRY_STORAGE_ENABLED`, `DEFAULT` (disabled), `NO_STORAGE_ENABLED`, or a newer status verbatim.',
    },
    registered: {
      type: t.bool,
      computed: true,
      description: 'Whether the number is registered with Cloud API (can send and receive messages).',
    },
    display_phone_number: {
      type: t.string,
      computed: true,
      planModifiers: [useStateForUnknown()],
      description: 'The phone number as WhatsApp displays it, for example `+1 555-010-0000`.',
    },
    register_calls_72h: {
      type: t.number,
      computed: true,
      description:
        `Register calls this provider sent to the number in the last ${QUOTA_WINDOW_HOURS} hours (calls without an answer included), of the ${QUOTA_LIMIT} Meta allows; ` +
        `${QUOTA_LIMIT} while Meta blocks registering (error ${QUOTA_EXCEEDED}, calls made elsewhere included). Updated by apply and refresh; alert on it.`,
    },
    deregister_calls_72h: {
      type: t.number,
      computed: true,
      description:
        `Deregister calls this provider sent to the number in the last ${QUOTA_WINDOW_HOURS} hours, counted as \`register_calls_72h\` is. ` +
        'A change of storage on a registered number uses one register and one deregister; a plan that would exceed either count is an error before any write.',
    },
    quota_available_at: {
      type: t.string,
      computed: true,
      description:
        `When the oldest counted register or deregister call leaves the ${QUOTA_WINDOW_HOURS}-hour window (RFC 3339, UTC), freeing one call; null when none is counted. ` +
        "The counts live in the resource's private state, which `state pull`/`push` keep.",
    },
  },
  configValidators: [atMostOneOf('pin', 'pin_wo'), storageModeStated()],
} satisfies BlockSchema;

/** A whatsapp_local_storage config, plan or state: reads and changes by attribute name are type-checked. */
export type LocalStorageView = ViewOf<typeof localStorageResourceSchema>;

export type LocalStorageAttribute = keyof typeof localStorageResourceSchema.attributes;
