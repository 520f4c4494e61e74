// https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface WhatsappProviderConfig {
  /**
  * Graph API access token (a system user token with `whatsapp_business_management` and `whatsapp_business_messaging`). Falls back to the `WHATSAPP_ACCESS_TOKEN` environment variable. Required one way or the other; never logged.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#access_token WhatsappProvider#access_token}
  */
  readonly accessToken?: string;
  /**
  * Graph API version, for example `v26.0`. Falls back to `WHATSAPP_API_VERSION`, then `v26.0` (the newest version this provider knows). `v21.0` and newer write the region with the Settings API; `v20.0` and older used the legacy flow, which passes the region to `/register`. Meta serves each version until a date in its changelog and then answers calls to it as the oldest version it still serves: the plan warns 90 days before the configured version stops, and once it has stopped, plan and apply use the flow of the version Meta answers with (so `v20.0` now means the Settings API flow of `v21.0`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#api_version WhatsappProvider#api_version}
  */
  readonly apiVersion?: string;
  /**
  * Graph API base URL without the version. Falls back to `WHATSAPP_BASE_URL`, then `https://graph.facebook.com`. Point it at the bundled emulator (for example `http://127.0.0.1:8787`) to try things safely.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#base_url WhatsappProvider#base_url}
  */
  readonly baseUrl?: string;
  /**
  * How many phone numbers of this provider configuration may be offline for a storage change at the same moment (between their deregister and their register). Defaults to `1`: a change over many numbers is rolled out one number at a time, whatever the engine's `-parallelism`. A number waits for its turn before it is deregistered, so waiting adds no downtime; it only makes the apply longer.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#max_numbers_offline WhatsappProvider#max_numbers_offline}
  */
  readonly maxNumbersOffline?: number;
  /**
  * How many times a request that failed with a retryable error (rate limits, transient 5xx) is retried with backoff. Defaults to the engine's setting.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#max_retries WhatsappProvider#max_retries}
  */
  readonly maxRetries?: number;
  /**
  * Timeout for one Graph API request, in seconds. Defaults to the engine's timeout (30 seconds).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#request_timeout_seconds WhatsappProvider#request_timeout_seconds}
  */
  readonly requestTimeoutSeconds?: number;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#alias WhatsappProvider#alias}
  */
  readonly alias?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs whatsapp}
*/
export class WhatsappProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "whatsapp";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a WhatsappProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the WhatsappProvider to import
  * @param importFromId The id of the existing WhatsappProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the WhatsappProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "whatsapp", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/waba/whatsapp/0.1.0/docs whatsapp} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options WhatsappProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: WhatsappProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'whatsapp',
      terraformGeneratorMetadata: {
        providerName: 'whatsapp',
        providerVersion: '0.1.0'
      },
      terraformProviderSource: 'registry.terraform.io/waba/whatsapp'
    });
    this._accessToken = config.accessToken;
    this._apiVersion = config.apiVersion;
    this._baseUrl = config.baseUrl;
    this._maxNumbersOffline = config.maxNumbersOffline;
    this._maxRetries = config.maxRetries;
    this._requestTimeoutSeconds = config.requestTimeoutSeconds;
    this._alias = config.alias;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // access_token - computed: false, optional: true, required: false
  private _accessToken?: string; 
  public get accessToken() {
    return this._accessToken;
  }
  public set accessToken(value: string | undefined) {
    this._accessToken = value;
  }
  public resetAccessToken() {
    this._accessToken = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get accessTokenInput() {
    return this._accessToken;
  }

  // api_version - computed: false, optional: true, required: false
  private _apiVersion?: string; 
  public get apiVersion() {
    return this._apiVersion;
  }
  public set apiVersion(value: string | undefined) {
    this._apiVersion = value;
  }
  public resetApiVersion() {
    this._apiVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get apiVersionInput() {
    return this._apiVersion;
  }

  // base_url - computed: false, optional: true, required: false
  private _baseUrl?: string; 
  public get baseUrl() {
    return this._baseUrl;
  }
  public set baseUrl(value: string | undefined) {
    this._baseUrl = value;
  }
  public resetBaseUrl() {
    this._baseUrl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get baseUrlInput() {
    return this._baseUrl;
  }

  // max_numbers_offline - computed: false, optional: true, required: false
  private _maxNumbersOffline?: number; 
  public get maxNumbersOffline() {
    return this._maxNumbersOffline;
  }
  public set maxNumbersOffline(value: number | undefined) {
    this._maxNumbersOffline = value;
  }
  public resetMaxNumbersOffline() {
    this._maxNumbersOffline = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxNumbersOfflineInput() {
    return this._maxNumbersOffline;
  }

  // max_retries - computed: false, optional: true, required: false
  private _maxRetries?: number; 
  public get maxRetries() {
    return this._maxRetries;
  }
  public set maxRetries(value: number | undefined) {
    this._maxRetries = value;
  }
  public resetMaxRetries() {
    this._maxRetries = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxRetriesInput() {
    return this._maxRetries;
  }

  // request_timeout_seconds - computed: false, optional: true, required: false
  private _requestTimeoutSeconds?: number; 
  public get requestTimeoutSeconds() {
    return this._requestTimeoutSeconds;
  }
  public set requestTimeoutSeconds(value: number | undefined) {
    this._requestTimeoutSeconds = value;
  }
  public resetRequestTimeoutSeconds() {
    this._requestTimeoutSeconds = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requestTimeoutSecondsInput() {
    return this._requestTimeoutSeconds;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      access_token: cdktf.stringToTerraform(this._accessToken),
      api_version: cdktf.stringToTerraform(this._apiVersion),
      base_url: cdktf.stringToTerraform(this._baseUrl),
      max_numbers_offline: cdktf.numberToTerraform(this._maxNumbersOffline),
      max_retries: cdktf.numberToTerraform(this._maxRetries),
      request_timeout_seconds: cdktf.numberToTerraform(this._requestTimeoutSeconds),
      alias: cdktf.stringToTerraform(this._alias),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      access_token: {
        value: cdktf.stringToHclTerraform(this._accessToken),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      api_version: {
        value: cdktf.stringToHclTerraform(this._apiVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      base_url: {
        value: cdktf.stringToHclTerraform(this._baseUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      max_numbers_offline: {
        value: cdktf.numberToHclTerraform(this._maxNumbersOffline),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      max_retries: {
        value: cdktf.numberToHclTerraform(this._maxRetries),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      request_timeout_seconds: {
        value: cdktf.numberToHclTerraform(this._requestTimeoutSeconds),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
