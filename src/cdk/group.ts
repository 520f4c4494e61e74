/** Applying one storage mode (a Local Storage region, default storage or No Storage) to many phone numbers at once. */
import { Construct } from 'constructs';
import type { CdkLibrary, CdkTypes } from './library';
import type { LocalStorageConstruct, LocalStorageProps } from './local-storage';
import type { LocalStorageRegion } from './regions';
import type { StorageMode } from '../engine/storage-modes';

export interface LocalStorageGroupProps<T extends CdkTypes> {
  /** The phone number ids that share the region (each gets its own resource, with the id as construct id). */
  readonly phoneNumberIds: readonly string[];
  /**
   * The region for every number (in-country storage). State the mode with
   * `storageMode` instead for default storage or No Storage.
   *
   * @default - none: state `storageMode` instead
   */
  readonly region?: LocalStorageRegion;
  /** @default - `'IN_COUNTRY'` when `region` is given; otherwise it must be stated (see `WhatsAppLocalStorageProps.storageMode`) */
  readonly storageMode?: StorageMode;
  /** With `storageMode: 'NO_STORAGE'`: minutes in transit (Meta accepts `60`). @default - none */
  readonly retentionMinutes?: number;
  /**
   * The numbers' two-step PIN (6 digits), from a sensitive `TerraformVariable`.
   * One PIN for the group: use separate groups or constructs for numbers with different PINs.
   *
   * @default - none
   */
  readonly pin?: string;
  /** @default false */
  readonly disableOnDestroy?: boolean;
  /** @default - the stack's default `whatsapp` provider */
  readonly provider?: T['provider'];
  /**
   * Change the numbers one after another instead of in parallel, so that at most
   * one of them is offline at any moment during a region change.
   *
   * @default false
   */
  readonly oneAtATime?: boolean;
}

/**
 * One region for many phone numbers, e.g. every number of a country's support
 * team. Creates a `WhatsAppLocalStorage` per number (reachable through `numbers`).
 *
 * @example
 * new WhatsAppLocalStorageGroup(stack, 'India', {
 *   phoneNumberIds: ['106540352242924', '106540352242925'],
 *   region: 'IN',
 *   pin: pin.stringValue,
 * });
 */
export abstract class LocalStorageGroupConstruct<T extends CdkTypes, N extends LocalStorageConstruct<T>> extends Construct {
  /** The constructs, keyed by phone number id, in the order given. */
  readonly numbers: ReadonlyMap<string, N>;

  /** @param newNumber the entry point's `WhatsAppLocalStorage` constructor */
  protected constructor(
    scope: Construct,
    id: string,
    props: LocalStorageGroupProps<T>,
    library: CdkLibrary<T>,
    newNumber: (scope: Construct, id: string, props: LocalStorageProps<T>) => N,
  ) {
    super(scope, id);
    const numbers = new Map<string, N>();
    const duplicates = new Set<string>();
    let previous: T['dependable'] | undefined;
    for (const [index, phoneNumberId] of (props.phoneNumberIds ?? []).entries()) {
      if (numbers.has(phoneNumberId)) {
        duplicates.add(phoneNumberId);
        continue;
      }
      // Literal ids make readable construct ids; tokens get their position.
      const childId = library.isLiteral(phoneNumberId) ? phoneNumberId : `Number${index}`;
      const number = newNumber(this, childId, {
        phoneNumberId,
        region: props.region,
        storageMode: props.storageMode,
        retentionMinutes: props.retentionMinutes,
        pin: props.pin,
        disableOnDestroy: props.disableOnDestroy,
        provider: props.provider,
        dependsOn: props.oneAtATime && previous ? [previous] : undefined,
      });
      numbers.set(phoneNumberId, number);
      previous = number.resource;
    }
    this.numbers = numbers;
    this.node.addValidation({
      validate: () => [
        ...((props.phoneNumberIds ?? []).length === 0
          ? ['phoneNumberIds is empty: list at least one phone number id, or remove the group.']
          : []),
        ...[...duplicates].map((d) => `phoneNumberIds lists ${d} more than once: list each number once.`),
      ],
    });
  }
}
