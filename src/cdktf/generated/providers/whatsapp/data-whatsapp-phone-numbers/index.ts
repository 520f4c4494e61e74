// https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataWhatsappPhoneNumbersConfig extends cdktf.TerraformMetaArguments {
  /**
  * Only numbers keeping their data in this region (for example `DE`). Reads each number's storage.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers#data_localization_region DataWhatsappPhoneNumbers#data_localization_region}
  */
  readonly dataLocalizationRegion?: string;
  /**
  * When `true`, read each number's storage status and region too (one request per number, several at a time). Filtering by `storage_status` or `data_localization_region` reads them as well. Otherwise the storage attributes of each number are null.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers#include_storage DataWhatsappPhoneNumbers#include_storage}
  */
  readonly includeStorage?: boolean | cdktf.IResolvable;
  /**
  * When `true`, only numbers registered with Cloud API (able to send and receive messages).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers#registered_only DataWhatsappPhoneNumbers#registered_only}
  */
  readonly registeredOnly?: boolean | cdktf.IResolvable;
  /**
  * Only numbers whose storage status is this: `IN_COUNTRY_STORAGE_ENABLED` (Local Storage on) or `DEFAULT` (off). Reads each number's storage.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers#storage_status DataWhatsappPhoneNumbers#storage_status}
  */
  readonly storageStatus?: string;
  /**
  * The WhatsApp Business Account id (digits only, as shown in WhatsApp Manager > Account tools).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers#waba_id DataWhatsappPhoneNumbers#waba_id}
  */
  readonly wabaId: string;
}
export interface DataWhatsappPhoneNumbersPhoneNumbers {
}

export function dataWhatsappPhoneNumbersPhoneNumbersToTerraform(struct?: DataWhatsappPhoneNumbersPhoneNumbers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataWhatsappPhoneNumbersPhoneNumbersToHclTerraform(struct?: DataWhatsappPhoneNumbersPhoneNumbers): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataWhatsappPhoneNumbersPhoneNumbersOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): DataWhatsappPhoneNumbersPhoneNumbers | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataWhatsappPhoneNumbersPhoneNumbers | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // code_verification_status - computed: true, optional: false, required: false
  public get codeVerificationStatus() {
    return this.getStringAttribute('code_verification_status');
  }

  // data_localization_region - computed: true, optional: false, required: false
  public get dataLocalizationRegion() {
    return this.getStringAttribute('data_localization_region');
  }

  // display_phone_number - computed: true, optional: false, required: false
  public get displayPhoneNumber() {
    return this.getStringAttribute('display_phone_number');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // platform_type - computed: true, optional: false, required: false
  public get platformType() {
    return this.getStringAttribute('platform_type');
  }

  // registered - computed: true, optional: false, required: false
  public get registered() {
    return this.getBooleanAttribute('registered');
  }

  // retention_minutes - computed: true, optional: false, required: false
  public get retentionMinutes() {
    return this.getNumberAttribute('retention_minutes');
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // storage_mode - computed: true, optional: false, required: false
  public get storageMode() {
    return this.getStringAttribute('storage_mode');
  }

  // storage_status - computed: true, optional: false, required: false
  public get storageStatus() {
    return this.getStringAttribute('storage_status');
  }

  // verified_name - computed: true, optional: false, required: false
  public get verifiedName() {
    return this.getStringAttribute('verified_name');
  }
}

export class DataWhatsappPhoneNumbersPhoneNumbersList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): DataWhatsappPhoneNumbersPhoneNumbersOutputReference {
    return new DataWhatsappPhoneNumbersPhoneNumbersOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers whatsapp_phone_numbers}
*/
export class DataWhatsappPhoneNumbers extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "whatsapp_phone_numbers";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataWhatsappPhoneNumbers resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataWhatsappPhoneNumbers to import
  * @param importFromId The id of the existing DataWhatsappPhoneNumbers that should be imported. Refer to the {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataWhatsappPhoneNumbers to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "whatsapp_phone_numbers", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_numbers whatsapp_phone_numbers} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataWhatsappPhoneNumbersConfig
  */
  public constructor(scope: Construct, id: string, config: DataWhatsappPhoneNumbersConfig) {
    super(scope, id, {
      terraformResourceType: 'whatsapp_phone_numbers',
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
    this._includeStorage = config.includeStorage;
    this._registeredOnly = config.registeredOnly;
    this._storageStatus = config.storageStatus;
    this._wabaId = config.wabaId;
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

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // ids - computed: true, optional: false, required: false
  public get ids() {
    return this.getListAttribute('ids');
  }

  // include_storage - computed: false, optional: true, required: false
  private _includeStorage?: boolean | cdktf.IResolvable; 
  public get includeStorage() {
    return this.getBooleanAttribute('include_storage');
  }
  public set includeStorage(value: boolean | cdktf.IResolvable) {
    this._includeStorage = value;
  }
  public resetIncludeStorage() {
    this._includeStorage = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get includeStorageInput() {
    return this._includeStorage;
  }

  // phone_numbers - computed: true, optional: false, required: false
  private _phoneNumbers = new DataWhatsappPhoneNumbersPhoneNumbersList(this, "phone_numbers", false);
  public get phoneNumbers() {
    return this._phoneNumbers;
  }

  // registered_only - computed: false, optional: true, required: false
  private _registeredOnly?: boolean | cdktf.IResolvable; 
  public get registeredOnly() {
    return this.getBooleanAttribute('registered_only');
  }
  public set registeredOnly(value: boolean | cdktf.IResolvable) {
    this._registeredOnly = value;
  }
  public resetRegisteredOnly() {
    this._registeredOnly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get registeredOnlyInput() {
    return this._registeredOnly;
  }

  // storage_status - computed: false, optional: true, required: false
  private _storageStatus?: string; 
  public get storageStatus() {
    return this.getStringAttribute('storage_status');
  }
  public set storageStatus(value: string) {
    this._storageStatus = value;
  }
  public resetStorageStatus() {
    this._storageStatus = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get storageStatusInput() {
    return this._storageStatus;
  }

  // waba_id - computed: false, optional: false, required: true
  private _wabaId?: string; 
  public get wabaId() {
    return this.getStringAttribute('waba_id');
  }
  public set wabaId(value: string) {
    this._wabaId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get wabaIdInput() {
    return this._wabaId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      data_localization_region: cdktf.stringToTerraform(this._dataLocalizationRegion),
      include_storage: cdktf.booleanToTerraform(this._includeStorage),
      registered_only: cdktf.booleanToTerraform(this._registeredOnly),
      storage_status: cdktf.stringToTerraform(this._storageStatus),
      waba_id: cdktf.stringToTerraform(this._wabaId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      data_localization_region: {
        value: cdktf.stringToHclTerraform(this._dataLocalizationRegion),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      include_storage: {
        value: cdktf.booleanToHclTerraform(this._includeStorage),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      registered_only: {
        value: cdktf.booleanToHclTerraform(this._registeredOnly),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      storage_status: {
        value: cdktf.stringToHclTerraform(this._storageStatus),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      waba_id: {
        value: cdktf.stringToHclTerraform(this._wabaId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
