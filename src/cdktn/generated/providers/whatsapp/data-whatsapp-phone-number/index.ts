// https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_number
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface DataWhatsappPhoneNumberConfig extends cdktn.TerraformMetaArguments {
  /**
  * The phone number id (digits only).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_number#phone_number_id DataWhatsappPhoneNumber#phone_number_id}
  */
  readonly phoneNumberId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_number whatsapp_phone_number}
*/
export class DataWhatsappPhoneNumber extends cdktn.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "whatsapp_phone_number";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a DataWhatsappPhoneNumber resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataWhatsappPhoneNumber to import
  * @param importFromId The id of the existing DataWhatsappPhoneNumber that should be imported. Refer to the {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_number#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataWhatsappPhoneNumber to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "whatsapp_phone_number", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs/data-sources/phone_number whatsapp_phone_number} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataWhatsappPhoneNumberConfig
  */
  public constructor(scope: Construct, id: string, config: DataWhatsappPhoneNumberConfig) {
    super(scope, id, {
      terraformResourceType: 'whatsapp_phone_number',
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
    this._phoneNumberId = config.phoneNumberId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // api_version - computed: true, optional: false, required: false
  public get apiVersion() {
    return this.getStringAttribute('api_version');
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

  // effective_api_version - computed: true, optional: false, required: false
  public get effectiveApiVersion() {
    return this.getStringAttribute('effective_api_version');
  }

  // effective_api_version_available_until - computed: true, optional: false, required: false
  public get effectiveApiVersionAvailableUntil() {
    return this.getStringAttribute('effective_api_version_available_until');
  }

  // name_status - computed: true, optional: false, required: false
  public get nameStatus() {
    return this.getStringAttribute('name_status');
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

  // platform_type - computed: true, optional: false, required: false
  public get platformType() {
    return this.getStringAttribute('platform_type');
  }

  // quality_rating - computed: true, optional: false, required: false
  public get qualityRating() {
    return this.getStringAttribute('quality_rating');
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

  // throughput_level - computed: true, optional: false, required: false
  public get throughputLevel() {
    return this.getStringAttribute('throughput_level');
  }

  // verified_name - computed: true, optional: false, required: false
  public get verifiedName() {
    return this.getStringAttribute('verified_name');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      phone_number_id: cdktn.stringToTerraform(this._phoneNumberId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      phone_number_id: {
        value: cdktn.stringToHclTerraform(this._phoneNumberId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
