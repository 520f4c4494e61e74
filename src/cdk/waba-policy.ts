/** One storage policy for every number of a WhatsApp Business Account, whatever numbers it has at plan time. */
import { Construct } from 'constructs';
import { GRAPH_ID_MAX_DIGITS } from '../cloud-api/ids';
import { isPin } from '../cloud-api/secret-formats';
import { explainUnsupportedRegion } from '../engine/regions';
import type { StorageMode } from '../engine/storage-modes';
import type { CdkLibrary, CdkTypes } from './library';
import { isGraphIdText, storageDeclarationProblems } from './local-storage';
import type { LocalStorageRegion } from './regions';

const IS_POLICY = Symbol.for('whatsapp-local-storage.WhatsAppWabaStoragePolicy');

export interface WabaStoragePolicyProps<T extends CdkTypes> {
  /** The WhatsApp Business Account id (digits only, WhatsApp Manager > Account tools). */
  readonly wabaId: string;
  /**
   * The region for every number of the WABA (in-country storage), or `undefined` with
   * `storageMode` stated: a mode is never implied by leaving the region out.
   */
  readonly region: LocalStorageRegion | undefined;
  /**
   * `'DEFAULT'` (Meta's default storage) or `'NO_STORAGE'` (with `retentionMinutes`) for
   * every number; `'IN_COUNTRY'` is implied by a `region`.
   * @default - implied by `region`; with neither, synth fails naming the three ways to state it
   */
  readonly storageMode?: StorageMode;
  /** With `storageMode: 'NO_STORAGE'` (and only then, required): minutes Meta keeps message data in transit. */
  readonly retentionMinutes?: number;
  /**
   * The numbers' two-step PIN (6 digits), from a sensitive `TerraformVariable`
   * (`WhatsAppLocalStorage.pinVariable`). One PIN for the WABA.
   *
   * @default - none
   */
  readonly pin?: string;
  /**
   * Only numbers registered at plan time. Otherwise the policy also registers the
   * WABA's unregistered numbers (which needs `pin`).
   *
   * @default false
   */
  readonly registeredOnly?: boolean;
  /** @default false */
  readonly disableOnDestroy?: boolean;
  /** @default - the stack's default `whatsapp` provider */
  readonly provider?: T['provider'];
  /**
   * Superseded: a change is rolled out `maxNumbersOffline` numbers at a time by the
   * provider (`WhatsAppProvider`, default 1), so the WABA's numbers never all go offline
   * together. Still accepted: sets `one_at_a_time` on the resource.
   *
   * @default false
   */
  readonly oneAtATime?: boolean;
}

/** Problems with the props that are knowable at synth time (tokens are skipped). */
export function wabaPolicyProblems<T extends CdkTypes>(props: WabaStoragePolicyProps<T>, library: CdkLibrary<T>): string[] {
  const { isLiteral } = library;
  const problems: string[] = [];
  const waba = props.wabaId as unknown;
  if (waba === undefined || waba === null || (typeof waba === 'string' && waba.trim() === '')) {
    problems.push('wabaId is missing: set it to the WhatsApp Business Account id WhatsApp Manager shows (digits only).');
  } else if (typeof waba !== 'string') {
    problems.push(`wabaId must be a string of digits, got ${typeof waba}: write it in quotes (ids exceed JavaScript's safe integers).`);
  } else if (isLiteral(waba) && !isGraphIdText(waba)) {
    problems.push(`wabaId "${waba}" is not a Graph id: it must be 1 to ${GRAPH_ID_MAX_DIGITS} digits, as WhatsApp Manager shows it.`);
  }
  const region = props.region as unknown;
  if (region !== undefined && region !== null) {
    if (typeof region !== 'string') problems.push(`region must be a region code string or undefined, got ${typeof region}.`);
    else if (isLiteral(region)) {
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
  for (const flag of ['registeredOnly', 'disableOnDestroy', 'oneAtATime'] as const) {
    const value = props[flag] as unknown;
    if (value !== undefined && typeof value !== 'boolean' && isLiteral(value))
      problems.push(`${flag} must be true or false, got ${typeof value}.`);
  }
  return problems;
}

/**
 * Every number of WABA X keeps its data in region Y (or in the storage mode stated).
 * A change of the policy is rolled out by the provider at most `maxNumbersOffline`
 * numbers at a time (a `WhatsAppProvider` prop, default 1), each within Meta's
 * register/deregister quota (the plan shows it per number).
 * The numbers come from the `whatsapp_phone_numbers` data source at plan time and
 * one `whatsapp_local_storage` resource iterates over them (`for_each` through a
 * `TerraformIterator`), so numbers added to the WABA later are covered by the next apply.
 *
 * @example
 * new WhatsAppWabaStoragePolicy(stack, 'Germany', {
 *   wabaId: '102290129340398',
 *   region: 'DE',
 *   pin: WhatsAppLocalStorage.pinVariable(stack).stringValue,
 * });
 */
export abstract class WabaStoragePolicyConstruct<T extends CdkTypes> extends Construct {
  /** True for a `WhatsAppWabaStoragePolicy` of either entry point (also across copies of this package). */
  static isWhatsAppWabaStoragePolicy(x: unknown): x is WabaStoragePolicyConstruct<CdkTypes> {
    return typeof x === 'object' && x !== null && IS_POLICY in x;
  }

  /** The data source listing the WABA's numbers. */
  readonly numbers: T['phoneNumbers'];
  /** The iterator over the numbers' ids (for further resources per number). */
  readonly iterator: T['iterator'];
  /** The `whatsapp_local_storage` resource with one instance per number. */
  readonly resource: T['resource'];
  readonly wabaId: string;

  protected constructor(scope: Construct, id: string, props: WabaStoragePolicyProps<T>, library: CdkLibrary<T>) {
    super(scope, id);
    Object.defineProperty(this, IS_POLICY, { value: true });
    this.wabaId = props.wabaId;
    this.node.addValidation({ validate: () => [...wabaPolicyProblems(props, library), ...this.duplicateProblems(library)] });
    if (library.isLiteral(props.pin) && isPin(props.pin)) {
      library.warn(
        this,
        'pin is a literal string, so it is written in plain text to cdk.tf.json: pass a sensitive TerraformVariable instead (WhatsAppLocalStorage.pinVariable).',
      );
    }

    this.numbers = library.newPhoneNumbers(this, 'Numbers', {
      wabaId: props.wabaId,
      registeredOnly: props.registeredOnly ?? false,
      provider: props.provider,
    });
    this.iterator = library.iteratorFromList(this.numbers.ids);
    this.resource = library.newLocalStorage(this, 'Storage', {
      forEach: this.iterator,
      phoneNumberId: this.iterator.value,
      dataLocalizationRegion: props.region ?? undefined,
      storageMode: props.storageMode,
      retentionMinutes: props.retentionMinutes,
      pin: props.pin,
      disableOnDestroy: props.disableOnDestroy ?? false,
      oneAtATime: props.oneAtATime === true ? true : undefined,
      provider: props.provider,
    });
  }

  /** Two policies over one WABA would undo each other's region on every apply. */
  private duplicateProblems(library: CdkLibrary<T>): string[] {
    if (!library.isLiteral(this.wabaId)) return [];
    const others = library
      .stackOf(this)
      .node.findAll()
      .filter((c) => c !== this && WabaStoragePolicyConstruct.isWhatsAppWabaStoragePolicy(c) && c.wabaId === this.wabaId);
    if (others.length === 0) return [];
    return [
      `wabaId ${this.wabaId} is also covered by ${others.map((o) => o.node.path).join(', ')}: declare one policy per WABA, or the applies fight over its numbers' region.`,
    ];
  }
}
