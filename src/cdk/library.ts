/**
 * What the constructs need from a CDK for Terraform library. CDKTF (`cdktf`) and
 * CDK Terrain (`cdktn`) have the same API but are separate packages with their own
 * token registry and classes, so each entry point (src/cdktf, src/cdktn) hands its
 * library and its generated `LocalStorage` binding to `cdkLibrary`; nothing in
 * src/cdk imports either package.
 */
import type { Construct, IConstruct } from 'constructs';

/** The library's types the constructs' public API speaks of. */
export interface CdkTypes {
  /** `TerraformProvider` */
  readonly provider: IConstruct;
  /** `ITerraformDependable` */
  readonly dependable: object;
  /** `TerraformVariable` */
  readonly variable: IConstruct;
  /** The generated `LocalStorage` resource binding. */
  readonly resource: LocalStorageResource;
  /** The generated `DataWhatsappPhoneNumbers` data source binding. */
  readonly phoneNumbers: IConstruct & { readonly ids: string[] };
  /** `ListTerraformIterator` over a list of strings: `value` is the token of the current element (typed `any` by the library). */
  readonly iterator: { readonly value: string };
}

/** The attributes of the generated `LocalStorage` binding the construct exposes. */
export interface LocalStorageResource extends IConstruct {
  readonly storageStatus: string;
  readonly registered: unknown;
  readonly displayPhoneNumber: string;
}

/** `TerraformVariable`'s configuration, as far as the constructs use it. */
export interface VariableConfig {
  readonly type: string;
  readonly sensitive: boolean;
  readonly description: string;
  readonly validation: Array<{ condition: string; errorMessage: string }>;
}

/** The generated `LocalStorage` binding's configuration, as far as the constructs use it. */
export interface LocalStorageConfig<T extends CdkTypes> {
  readonly phoneNumberId: string;
  readonly dataLocalizationRegion?: string;
  readonly storageMode?: string;
  readonly retentionMinutes?: number;
  readonly pin?: string;
  readonly disableOnDestroy: boolean;
  readonly setPinBeforeDeregister?: boolean;
  readonly verificationCode?: string;
  readonly provider?: T['provider'];
  readonly dependsOn?: Array<T['dependable']>;
  readonly forEach?: T['iterator'];
  readonly oneAtATime?: boolean;
}

/** The generated `DataWhatsappPhoneNumbers` binding's configuration, as far as the constructs use it. */
export interface PhoneNumbersConfig<T extends CdkTypes> {
  readonly wabaId: string;
  readonly registeredOnly: boolean;
  readonly provider?: T['provider'];
}

/** The parts of `cdktf` / `cdktn` used here (both modules satisfy it as imported). */
export interface CdkModule<T extends CdkTypes> {
  readonly Token: { isUnresolved(value: unknown): boolean };
  readonly Annotations: { of(scope: IConstruct): { addWarning(message: string): void; addInfo(message: string): void } };
  readonly TerraformStack: { of(construct: IConstruct): IConstruct };
  readonly TerraformVariable: new (scope: Construct, id: string, config: VariableConfig) => T['variable'];
  readonly TerraformIterator: { fromList(list: string[]): T['iterator'] };
}

/** One library as the constructs use it: plain functions (no `this`), safe to pass on alone. */
export interface CdkLibrary<T extends CdkTypes> {
  /** True when `value` is a literal known at synth time (not a token of this library, not undefined). */
  readonly isLiteral: <V>(value: V | undefined) => value is V;
  /** True when `value` holds a token of this library. */
  readonly isUnresolved: (value: unknown) => boolean;
  readonly warn: (scope: IConstruct, message: string) => void;
  readonly info: (scope: IConstruct, message: string) => void;
  readonly stackOf: (construct: IConstruct) => IConstruct;
  readonly newVariable: (scope: Construct, id: string, config: VariableConfig) => T['variable'];
  readonly isVariable: (value: unknown) => value is T['variable'];
  readonly newLocalStorage: (scope: Construct, id: string, config: LocalStorageConfig<T>) => T['resource'];
  readonly newPhoneNumbers: (scope: Construct, id: string, config: PhoneNumbersConfig<T>) => T['phoneNumbers'];
  readonly iteratorFromList: (list: string[]) => T['iterator'];
}

/** Binds the constructs to one library and its generated bindings. */
export function cdkLibrary<T extends CdkTypes>(
  library: CdkModule<T>,
  LocalStorage: new (scope: Construct, id: string, config: LocalStorageConfig<T>) => T['resource'],
  PhoneNumbers: new (scope: Construct, id: string, config: PhoneNumbersConfig<T>) => T['phoneNumbers'],
): CdkLibrary<T> {
  const isUnresolved = (value: unknown) => library.Token.isUnresolved(value);
  return {
    isLiteral: <V>(value: V | undefined): value is V => value !== undefined && value !== null && !isUnresolved(value),
    isUnresolved,
    warn: (scope, message) => library.Annotations.of(scope).addWarning(message),
    info: (scope, message) => library.Annotations.of(scope).addInfo(message),
    stackOf: (construct) => library.TerraformStack.of(construct),
    newVariable: (scope, id, config) => new library.TerraformVariable(scope, id, config),
    isVariable: (value): value is T['variable'] => value instanceof library.TerraformVariable,
    newLocalStorage: (scope, id, config) => new LocalStorage(scope, id, config),
    newPhoneNumbers: (scope, id, config) => new PhoneNumbers(scope, id, config),
    iteratorFromList: (list) => library.TerraformIterator.fromList(list),
  };
}
