/**
 * `WhatsAppLocalStorage`: one phone number's Local Storage setting, over the
 * generated `LocalStorage` binding (which stays untouched). Each entry point
 * (src/cdktf, src/cdktn) subclasses `LocalStorageConstruct` with its library.
 */
import { Construct } from 'constructs';
import { GRAPH_ID_MAX_DIGITS, isGraphId } from '../cloud-api/ids';
import { explainUnsupportedRegion } from '../engine/regions';
import { declaredStorage, type StorageMode, type StorageNames } from '../engine/storage-modes';
import { isPin, isVerificationCode, PIN_LENGTH, PIN_PATTERN } from '../cloud-api/secret-formats';
import type { CdkLibrary, CdkTypes } from './library';
import type { LocalStorageRegion } from './regions';

const IS_LOCAL_STORAGE = Symbol.for('whatsapp-local-storage.WhatsAppLocalStorage');

export const CONSTRUCT_STORAGE_NAMES: StorageNames = {
  region: 'region',
  mode: 'storageMode',
  retentionMinutes: 'retentionMinutes',
  assign: (name, value) => `${name}: ${typeof value === 'number' ? value : `'${value}'`}`,
};

/**
 * The provider's rule for stating a storage mode (engine/storage-modes.ts), in the constructs' prop names;
 * tokens (not literals for the entry's library) are judged at plan time.
 */
export function storageDeclarationProblems(
  props: { region?: unknown; storageMode?: unknown; retentionMinutes?: unknown },
  isLiteral: (value: unknown) => boolean,
): string[] {
  const stated = (v: unknown) => (v === undefined || v === null ? null : isLiteral(v) ? v : undefined);
  const { problems } = declaredStorage(
    { region: stated(props.region), mode: stated(props.storageMode), retentionMinutes: stated(props.retentionMinutes) },
    CONSTRUCT_STORAGE_NAMES,
  );
  return problems.map((p) => `${p.summary}: ${p.detail}`);
}

export interface LocalStorageProps<T extends CdkTypes> {
  /**
   * The WhatsApp Business phone number id: the digits WhatsApp Manager shows as
   * "Phone number ID" (not the phone number itself). Changing it replaces the resource.
   */
  readonly phoneNumberId: string;
  /**
   * Country to keep the number's message data in at rest, e.g. `'BR'`, `'IN'`, `'DE'`
   * (in-country storage; `storageMode` is then implied).
   *
   * Every number states its storage mode: a `region`, `storageMode: 'DEFAULT'`,
   * or `storageMode: 'NO_STORAGE'` with `retentionMinutes`. Saying none fails at
   * synth: leaving the region out never means "move my data to default storage".
   *
   * Changing Local Storage on a registered number takes it offline for a few seconds: the API accepts the setting only while the number is unregistered, so the provider deregisters it, writes the setting and registers it again with the two-step PIN.
   *
   * A token (e.g. a `TerraformVariable`) is accepted and checked at plan time.
   *
   * @default - none: state `storageMode` instead
   */
  readonly region?: LocalStorageRegion;
  /**
   * The storage mode: `'IN_COUNTRY'` (with `region`; implied by it), `'DEFAULT'`
   * (Meta's default storage, Local Storage off) or `'NO_STORAGE'` (message data only
   * in transit, never at rest; needs `retentionMinutes`).
   *
   * @default - `'IN_COUNTRY'` when `region` is given; otherwise it must be stated
   */
  readonly storageMode?: StorageMode;
  /**
   * With `storageMode: 'NO_STORAGE'` (and only then, required): how long Meta keeps
   * message data in transit, in minutes. Meta accepts only `60` today.
   *
   * @default - none
   */
  readonly retentionMinutes?: number;
  /**
   * The number's two-step verification PIN (6 digits), needed to register the
   * number again after a region change. Pass a sensitive `TerraformVariable`
   * (see `WhatsAppLocalStorage.pinVariable`); a literal is written in plain text
   * to `cdk.tf.json` (synth warns).
   *
   * @default - none: a plan that has to register the number fails at apply until a PIN is given
   */
  readonly pin?: string;
  /**
   * When `true`, an apply that takes the number offline first changes the number's
   * two-step PIN to `pin` (while it is still registered), so the register after the
   * deregister cannot fail on a wrong PIN. It changes the number's PIN. Without it, a
   * wrong `pin` leaves the number offline (PIN mismatch at the register) until the right PIN is applied.
   *
   * @default false
   */
  readonly setPinBeforeDeregister?: boolean;
  /**
   * One-time verification code (6 digits) Meta sent by SMS or voice, for a number
   * that must be verified before it can register. Pass a sensitive `TerraformVariable`.
   *
   * @default - none: an apply that needs one asks Meta to send it and stops
   */
  readonly verificationCode?: string;
  /**
   * Whether destroying the resource turns Local Storage off on the number (which
   * deregisters and registers it again with `pin`). When `false`, destroying
   * only stops managing the setting and leaves the number as it is.
   *
   * @default false
   */
  readonly disableOnDestroy?: boolean;
  /**
   * The provider to use, e.g. an aliased `WhatsAppProvider` for another Meta app.
   *
   * @default - the stack's default `whatsapp` provider
   */
  readonly provider?: T['provider'];
  /**
   * Resources or modules to create first.
   *
   * @default - none
   */
  readonly dependsOn?: Array<T['dependable']>;
}

/**
 * isGraphId as a plain boolean: its `value is string` would narrow a string that fails it to
 * `never` in the message that quotes it.
 */
export const isGraphIdText = (text: string): boolean => isGraphId(text);

/** Problems with the props that are knowable at synth time (tokens are skipped). */
export function localStorageProblems<T extends CdkTypes>(props: LocalStorageProps<T>, library: CdkLibrary<T>): string[] {
  const { isLiteral } = library;
  const problems: string[] = [];
  const id = props.phoneNumberId as unknown;
  if (id === undefined || id === null || (typeof id === 'string' && id.trim() === '')) {
    problems.push('phoneNumberId is missing: set it to the "Phone number ID" WhatsApp Manager shows (digits only).');
  } else if (typeof id !== 'string') {
    problems.push(
      `phoneNumberId must be a string of digits, got ${typeof id}: write it in quotes (ids exceed JavaScript's safe integers).`,
    );
  } else if (isLiteral(id) && !isGraphIdText(id)) {
    problems.push(
      /^\+|[ -]/.test(id)
        ? `phoneNumberId "${id}" looks like a phone number: use the "Phone number ID" from WhatsApp Manager (digits only), not the number itself.`
        : `phoneNumberId "${id}" is not a Graph id: it must be 1 to ${GRAPH_ID_MAX_DIGITS} digits, as WhatsApp Manager shows it.`,
    );
  }
  const region = props.region as unknown;
  if (region !== undefined && region !== null) {
    if (typeof region !== 'string') {
      problems.push(`region must be a region code string or undefined, got ${typeof region}.`);
    } else if (isLiteral(region)) {
      const why = explainUnsupportedRegion(region);
      if (why) problems.push(`region: ${why} Use storageMode: 'DEFAULT' to turn Local Storage off.`);
    }
  }
  problems.push(...storageDeclarationProblems(props, isLiteral));
  if (isLiteral(props.pin) && !isPin(props.pin)) {
    problems.push(
      'pin must be the 6-digit two-step verification PIN: pass a sensitive TerraformVariable (WhatsAppLocalStorage.pinVariable) holding it.',
    );
  }
  if (isLiteral(props.verificationCode) && !isVerificationCode(props.verificationCode)) {
    problems.push('verificationCode must be the 6-digit code Meta sent by SMS or voice.');
  }
  if (props.disableOnDestroy !== undefined && typeof props.disableOnDestroy !== 'boolean' && isLiteral(props.disableOnDestroy)) {
    problems.push(`disableOnDestroy must be true or false, got ${typeof props.disableOnDestroy}.`);
  }
  return problems;
}

/**
 * Declares where one WhatsApp Business phone number keeps its message data: at
 * rest in one country (Cloud API **Local Storage**), in Meta's default storage,
 * or nowhere at rest (**No Storage**, today with a retention of 60 minutes).
 *
 * Synthesizes one `whatsapp_local_storage` resource. Props are checked when the
 * app synthesizes; every problem is reported at once, naming the prop and the fix.
 *
 * @example
 * const pin = WhatsAppLocalStorage.pinVariable(stack);
 * new WhatsAppLocalStorage(stack, 'SaoPaulo', {
 *   phoneNumberId: '106540352242922',
 *   region: 'BR',
 *   pin: pin.stringValue,
 * });
 */
export abstract class LocalStorageConstruct<T extends CdkTypes> extends Construct {
  /**
   * True for a `WhatsAppLocalStorage` of either entry point (also across copies of this package).
   */
  static isWhatsAppLocalStorage(x: unknown): x is LocalStorageConstruct<CdkTypes> {
    return typeof x === 'object' && x !== null && IS_LOCAL_STORAGE in x;
  }

  /** The generated L1 resource, for escape hatches (`addOverride`, lifecycle, ...). */
  readonly resource: T['resource'];
  /** The phone number id as given. */
  readonly phoneNumberId: string;
  /** The declared region; `undefined` unless the storage is in-country. */
  readonly region: LocalStorageRegion | undefined;
  /** The declared storage mode (`'IN_COUNTRY'` when only a region is given). */
  readonly storageMode: StorageMode | undefined;

  protected constructor(scope: Construct, id: string, props: LocalStorageProps<T>, library: CdkLibrary<T>) {
    super(scope, id);
    Object.defineProperty(this, IS_LOCAL_STORAGE, { value: true });
    this.phoneNumberId = props.phoneNumberId;
    this.region = props.region ?? undefined;
    this.storageMode = props.storageMode ?? (this.region !== undefined ? 'IN_COUNTRY' : undefined);
    this.node.addValidation({ validate: () => [...localStorageProblems(props, library), ...this.duplicateProblems(library)] });

    if (library.isLiteral(props.pin) && isPin(props.pin)) {
      library.warn(
        this,
        'pin is a literal string, so it is written in plain text to cdk.tf.json: pass a sensitive TerraformVariable instead (WhatsAppLocalStorage.pinVariable).',
      );
    }
    if (props.pin === undefined && this.storageMode !== undefined && this.storageMode !== 'DEFAULT') {
      library.info(
        this,
        `phone number ${props.phoneNumberId}: no pin given; applying a storage change to a registered number needs its two-step PIN.`,
      );
    }

    this.resource = library.newLocalStorage(this, 'Resource', {
      phoneNumberId: props.phoneNumberId,
      dataLocalizationRegion: this.region,
      storageMode: props.storageMode,
      retentionMinutes: props.retentionMinutes,
      pin: props.pin,
      disableOnDestroy: props.disableOnDestroy ?? false,
      setPinBeforeDeregister: props.setPinBeforeDeregister ?? false,
      ...(props.verificationCode !== undefined ? { verificationCode: props.verificationCode } : {}),
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }

  /** `IN_COUNTRY_STORAGE_ENABLED`, `DEFAULT` (off), `NO_STORAGE_ENABLED` or a newer status, as the API reports it after apply. */
  get storageStatus(): string {
    return this.resource.storageStatus;
  }

  /** Whether the number is registered with Cloud API after apply. */
  get registered(): T['resource']['registered'] {
    return this.resource.registered;
  }

  /** The number as WhatsApp displays it, e.g. `+55 11 5555 0100`. */
  get displayPhoneNumber(): string {
    return this.resource.displayPhoneNumber;
  }

  /** Two constructs managing one number would undo each other's region on every apply. */
  private duplicateProblems(library: CdkLibrary<T>): string[] {
    if (!library.isLiteral(this.phoneNumberId)) return [];
    const others = library
      .stackOf(this)
      .node.findAll()
      .filter((c) => c !== this && LocalStorageConstruct.isWhatsAppLocalStorage(c) && c.phoneNumberId === this.phoneNumberId);
    if (others.length === 0) return [];
    return [
      `phoneNumberId ${this.phoneNumberId} is also managed by ${others.map((o) => o.node.path).join(', ')}: declare each number once, or the applies fight over its region.`,
    ];
  }
}

/**
 * Declares the sensitive `pin` variable (6 digits, checked by the engine at plan time);
 * `WhatsAppLocalStorage.pinVariable` of each entry point.
 */
export function pinVariable<T extends CdkTypes>(library: CdkLibrary<T>, scope: Construct, id: string): T['variable'] {
  const existing = scope.node.tryFindChild(id);
  if (library.isVariable(existing)) return existing;
  return library.newVariable(scope, id, {
    type: 'string',
    sensitive: true,
    description:
      'Two-step verification PIN (6 digits) of the WhatsApp numbers, used to register a number again after its storage region changes.',
    validation: [
      { condition: `\${can(regex("${PIN_PATTERN.source}", var.${id}))}`, errorMessage: `The PIN must be exactly ${PIN_LENGTH} digits.` },
    ],
  });
}
