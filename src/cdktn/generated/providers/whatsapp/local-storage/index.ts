// https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface LocalStorageConfig extends cdktn.TerraformMetaArguments {
  /**
  * Country to keep message data in, as an upper-case ISO 3166-1 alpha-2 code: `AU` (Australia), `IN` (India), `ID` (Indonesia), `JP` (Japan), `SG` (Singapore), `KR` (South Korea), `DE` (Germany), `CH` (Switzerland), `GB` (United Kingdom), `BR` (Brazil), `BH` (Bahrain), `ZA` (South Africa), `AE` (United Arab Emirates), `CA` (Canada). Setting it alone declares in-country storage (`storage_mode` is then `IN_COUNTRY`). Leave it unset only together with `storage_mode = "DEFAULT"` or `"NO_STORAGE"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#data_localization_region LocalStorage#data_localization_region}
  */
  readonly dataLocalizationRegion?: string;
  /**
  * When `true`, destroying the resource moves the number to Meta's default storage (a residency weakening the destroy plan warns about), disabling Local Storage or No Storage on the number (which deregisters and registers it again with `pin`). Defaults to `false`: destroying only stops managing the setting.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#disable_on_destroy LocalStorage#disable_on_destroy}
  */
  readonly disableOnDestroy?: boolean | cdktn.IResolvable;
  /**
  * Superseded by the provider's `max_numbers_offline` (default `1`), which rolls every change out one number at a time already. Still accepted: when `true`, applies of the resources that set it also run one after another as a whole, reads included. Changes nothing on the number itself.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#one_at_a_time LocalStorage#one_at_a_time}
  */
  readonly oneAtATime?: boolean | cdktn.IResolvable;
  /**
  * The WhatsApp Business phone number id (digits only, as shown in WhatsApp Manager). Changing it replaces the resource.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#phone_number_id LocalStorage#phone_number_id}
  */
  readonly phoneNumberId: string;
  /**
  * The number's two-step verification PIN (6 digits), used to register the number again after the storage setting changes. **Required at apply whenever the plan registers the number** (changing the region of a registered number, or enabling it on an unregistered one). Stored in state (marked sensitive); use `pin_wo` instead to keep it out of state. Set at most one of `pin` and `pin_wo`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#pin LocalStorage#pin}
  */
  readonly pin?: string;
  /**
  * The two-step verification PIN as a write-only attribute (Terraform 1.11+, OpenTofu 1.11+): used like `pin` but never stored in plan or state. Because it is not stored, it is not available when destroying with `disable_on_destroy`. Change `pin_wo_version` to run registration again with a new value. The provider plans it null, as write-only attributes must be; OpenTofu still lists it as `(write-only attribute)` in the plan of every update, set or not, because its plan renderer shows all write-only attributes of a changing resource.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#pin_wo LocalStorage#pin_wo}
  */
  readonly pinWo?: string;
  /**
  * Any whole number. Write-only values leave no trace in state, so changing `pin_wo` alone plans nothing: change `pin_wo_version` with it to make the next apply run with the new `pin_wo` (it registers the number whenever convergence needs registering; a number that is registered with the declared storage is left as it is).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#pin_wo_version LocalStorage#pin_wo_version}
  */
  readonly pinWoVersion?: number;
  /**
  * With `storage_mode = "NO_STORAGE"` (and only then, required): how long Meta keeps message data in transit, in minutes. Meta accepts `60` today. Webhook and decryption retries are limited to that window.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#retention_minutes LocalStorage#retention_minutes}
  */
  readonly retentionMinutes?: number;
  /**
  * When `true`, an apply that takes the number offline first **changes the number's two-step verification PIN to the configured `pin`** (`POST /<PHONE_NUMBER_ID>` with the PIN, while the number is still registered) before the deregister, so the register afterwards cannot fail on a wrong PIN. Defaults to `false`. Meta has no way to check a PIN without registering: with `false`, a `pin` that is not the number's current PIN is only discovered by the register after the deregister, which fails with error 133005 (Two step verification PIN Mismatch), and **the number stays offline until the right PIN is applied** (set the correct `pin` and apply again, or reset the PIN in WhatsApp Manager). Turn it on only if the configured PIN may become the number's PIN.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#set_pin_before_deregister LocalStorage#set_pin_before_deregister}
  */
  readonly setPinBeforeDeregister?: boolean | cdktn.IResolvable;
  /**
  * The storage mode: `IN_COUNTRY` (with `data_localization_region`; implied when only the region is set), `DEFAULT` (Meta's default storage, Local Storage off), or `NO_STORAGE` (message data only in transit, with `retention_minutes`). A mode that contradicts `data_localization_region` is an error.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#storage_mode LocalStorage#storage_mode}
  */
  readonly storageMode?: string;
  /**
  * One-time verification code (6 digits) for a number that is not verified (`code_verification_status` other than `VERIFIED`), which must be verified before it can register. An apply without it asks Meta to send the code by SMS and stops before changing anything else; set the code received here for the next apply.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#verification_code LocalStorage#verification_code}
  */
  readonly verificationCode?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage whatsapp_local_storage}
*/
export class LocalStorage extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "whatsapp_local_storage";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a LocalStorage resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the LocalStorage to import
  * @param importFromId The id of the existing LocalStorage that should be imported. Refer to the {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the LocalStorage to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "whatsapp_local_storage", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/resources/local_storage whatsapp_local_storage} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options LocalStorageConfig
  */
  public constructor(scope: Construct, id: string, config: LocalStorageConfig) {
    super(scope, id, {
      terraformResourceType: 'whatsapp_local_storage',
      terraformGeneratorMetadata: {
        providerName: 'whatsapp',
        providerVersion: '0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._dataLocalizationRegion = config.dataLocalizationRegion;
    this._disableOnDestroy = config.disableOnDestroy;
    this._oneAtATime = config.oneAtATime;
    this._phoneNumberId = config.phoneNumberId;
    this._pin = config.pin;
    this._pinWo = config.pinWo;
    this._pinWoVersion = config.pinWoVersion;
    this._retentionMinutes = config.retentionMinutes;
    this._setPinBeforeDeregister = config.setPinBeforeDeregister;
    this._storageMode = config.storageMode;
    this._verificationCode = config.verificationCode;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // data_localization_region - computed: false, optional: true, required: false
  private _dataLocalizationRegion?: string; 
  public get dataLocalizationRegion() {
    return this.getStringAttribute('data_localization_region');
  }
  public set dataLocalizationRegion(value: string) {
    this._dataLocalizationRegion = value;
  }
  public resetDataLocalizationRegion() {
    this._dataLocalizationRegion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dataLocalizationRegionInput() {
    return this._dataLocalizationRegion;
  }

  // deregister_calls_72h - computed: true, optional: false, required: false
  public get deregisterCalls72H() {
    return this.getNumberAttribute('deregister_calls_72h');
  }

  // disable_on_destroy - computed: true, optional: true, required: false
  private _disableOnDestroy?: boolean | cdktn.IResolvable; 
  public get disableOnDestroy() {
    return this.getBooleanAttribute('disable_on_destroy');
  }
  public set disableOnDestroy(value: boolean | cdktn.IResolvable) {
    this._disableOnDestroy = value;
  }
  public resetDisableOnDestroy() {
    this._disableOnDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get disableOnDestroyInput() {
    return this._disableOnDestroy;
  }

  // display_phone_number - computed: true, optional: false, required: false
  public get displayPhoneNumber() {
    return this.getStringAttribute('display_phone_number');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // one_at_a_time - computed: false, optional: true, required: false
  private _oneAtATime?: boolean | cdktn.IResolvable; 
  public get oneAtATime() {
    return this.getBooleanAttribute('one_at_a_time');
  }
  public set oneAtATime(value: boolean | cdktn.IResolvable) {
    this._oneAtATime = value;
  }
  public resetOneAtATime() {
    this._oneAtATime = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get oneAtATimeInput() {
    return this._oneAtATime;
  }

  // phone_number_id - computed: false, optional: false, required: true
  private _phoneNumberId?: string; 
  public get phoneNumberId() {
    return this.getStringAttribute('phone_number_id');
  }
  public set phoneNumberId(value: string) {
    this._phoneNumberId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get phoneNumberIdInput() {
    return this._phoneNumberId;
  }

  // pin - computed: false, optional: true, required: false
  private _pin?: string; 
  public get pin() {
    return this.getStringAttribute('pin');
  }
  public set pin(value: string) {
    this._pin = value;
  }
  public resetPin() {
    this._pin = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pinInput() {
    return this._pin;
  }

  // pin_wo - computed: false, optional: true, required: false
  private _pinWo?: string; 
  /**
  * @deprecated Write-only: the provider never returns this value; reading it always yields null by protocol contract. The getter remains for compatibility and will be removed in a future prebuilt-provider major.
  */
  public get pinWo() {
    return this.getStringAttribute('pin_wo');
  }
  public set pinWo(value: string) {
    this._pinWo = value;
  }
  public resetPinWo() {
    this._pinWo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pinWoInput() {
    return this._pinWo;
  }

  // pin_wo_version - computed: false, optional: true, required: false
  private _pinWoVersion?: number; 
  public get pinWoVersion() {
    return this.getNumberAttribute('pin_wo_version');
  }
  public set pinWoVersion(value: number) {
    this._pinWoVersion = value;
  }
  public resetPinWoVersion() {
    this._pinWoVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get pinWoVersionInput() {
    return this._pinWoVersion;
  }

  // quota_available_at - computed: true, optional: false, required: false
  public get quotaAvailableAt() {
    return this.getStringAttribute('quota_available_at');
  }

  // register_calls_72h - computed: true, optional: false, required: false
  public get registerCalls72H() {
    return this.getNumberAttribute('register_calls_72h');
  }

  // registered - computed: true, optional: false, required: false
  public get registered() {
    return this.getBooleanAttribute('registered');
  }

  // retention_minutes - computed: false, optional: true, required: false
  private _retentionMinutes?: number; 
  public get retentionMinutes() {
    return this.getNumberAttribute('retention_minutes');
  }
  public set retentionMinutes(value: number) {
    this._retentionMinutes = value;
  }
  public resetRetentionMinutes() {
    this._retentionMinutes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get retentionMinutesInput() {
    return this._retentionMinutes;
  }

  // set_pin_before_deregister - computed: true, optional: true, required: false
  private _setPinBeforeDeregister?: boolean | cdktn.IResolvable; 
  public get setPinBeforeDeregister() {
    return this.getBooleanAttribute('set_pin_before_deregister');
  }
  public set setPinBeforeDeregister(value: boolean | cdktn.IResolvable) {
    this._setPinBeforeDeregister = value;
  }
  public resetSetPinBeforeDeregister() {
    this._setPinBeforeDeregister = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get setPinBeforeDeregisterInput() {
    return this._setPinBeforeDeregister;
  }

  // storage_mode - computed: true, optional: true, required: false
  private _storageMode?: string; 
  public get storageMode() {
    return this.getStringAttribute('storage_mode');
  }
  public set storageMode(value: string) {
    this._storageMode = value;
  }
  public resetStorageMode() {
    this._storageMode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storageModeInput() {
    return this._storageMode;
  }

  // storage_status - computed: true, optional: false, required: false
  public get storageStatus() {
    return this.getStringAttribute('storage_status');
  }

  // verification_code - computed: false, optional: true, required: false
  private _verificationCode?: string; 
  public get verificationCode() {
    return this.getStringAttribute('verification_code');
  }
  public set verificationCode(value: string) {
    this._verificationCode = value;
  }
  public resetVerificationCode() {
    this._verificationCode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get verificationCodeInput() {
    return this._verificationCode;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      data_localization_region: cdktn.stringToTerraform(this._dataLocalizationRegion),
      disable_on_destroy: cdktn.booleanToTerraform(this._disableOnDestroy),
      one_at_a_time: cdktn.booleanToTerraform(this._oneAtATime),
      phone_number_id: cdktn.stringToTerraform(this._phoneNumberId),
      pin: cdktn.stringToTerraform(this._pin),
      pin_wo: this.markWriteOnlyAttribute(cdktn.stringToTerraform(this._pinWo)),
      pin_wo_version: cdktn.numberToTerraform(this._pinWoVersion),
      retention_minutes: cdktn.numberToTerraform(this._retentionMinutes),
      set_pin_before_deregister: cdktn.booleanToTerraform(this._setPinBeforeDeregister),
      storage_mode: cdktn.stringToTerraform(this._storageMode),
      verification_code: cdktn.stringToTerraform(this._verificationCode),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      data_localization_region: {
        value: cdktn.stringToHclTerraform(this._dataLocalizationRegion),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      disable_on_destroy: {
        value: cdktn.booleanToHclTerraform(this._disableOnDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      one_at_a_time: {
        value: cdktn.booleanToHclTerraform(this._oneAtATime),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      phone_number_id: {
        value: cdktn.stringToHclTerraform(this._phoneNumberId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      pin: {
        value: cdktn.stringToHclTerraform(this._pin),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      pin_wo: {
        value: this.markWriteOnlyAttribute(cdktn.stringToHclTerraform(this._pinWo)),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      pin_wo_version: {
        value: cdktn.numberToHclTerraform(this._pinWoVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      retention_minutes: {
        value: cdktn.numberToHclTerraform(this._retentionMinutes),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      set_pin_before_deregister: {
        value: cdktn.booleanToHclTerraform(this._setPinBeforeDeregister),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      storage_mode: {
        value: cdktn.stringToHclTerraform(this._storageMode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      verification_code: {
        value: cdktn.stringToHclTerraform(this._verificationCode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
