package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func pathRoot(name string) path.Path { return path.Root(name) }

// The same fields the TypeScript client asks for (src/cloud-api/graph-types.ts).
const phoneNumberFields = "id,display_phone_number,verified_name,code_verification_status,platform_type,status,quality_rating,name_status,throughput"

type localStorageResource struct{ client *graphClient }

// The same attributes and identity as whatsapp_local_storage, so the engine does the same
// work per resource for both providers (state size, sensitive and write-only handling).
type localStorageModel struct {
	ID                     types.String `tfsdk:"id"`
	PhoneNumberID          types.String `tfsdk:"phone_number_id"`
	DataLocalizationRegion types.String `tfsdk:"data_localization_region"`
	StorageMode            types.String `tfsdk:"storage_mode"`
	RetentionMinutes       types.Int64  `tfsdk:"retention_minutes"`
	Pin                    types.String `tfsdk:"pin"`
	PinWo                  types.String `tfsdk:"pin_wo"`
	PinWoVersion           types.Int64  `tfsdk:"pin_wo_version"`
	VerificationCode       types.String `tfsdk:"verification_code"`
	SetPinBeforeDeregister types.Bool   `tfsdk:"set_pin_before_deregister"`
	DisableOnDestroy       types.Bool   `tfsdk:"disable_on_destroy"`
	OneAtATime             types.Bool   `tfsdk:"one_at_a_time"`
	StorageStatus          types.String `tfsdk:"storage_status"`
	Registered             types.Bool   `tfsdk:"registered"`
	DisplayPhoneNumber     types.String `tfsdk:"display_phone_number"`
}

type localStorageIdentityModel struct {
	PhoneNumberID types.String `tfsdk:"phone_number_id"`
}

func newLocalStorageResource() resource.Resource { return &localStorageResource{} }

func (r *localStorageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_local_storage"
}

func (r *localStorageResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A phone number's Local Storage setting (benchmark peer: reads only).",
		Attributes: map[string]schema.Attribute{
			"id":                        schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"phone_number_id":           schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"data_localization_region":  schema.StringAttribute{Optional: true},
			"storage_mode":              schema.StringAttribute{Optional: true, Computed: true},
			"retention_minutes":         schema.Int64Attribute{Optional: true},
			"pin":                       schema.StringAttribute{Optional: true, Sensitive: true},
			"pin_wo":                    schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true},
			"pin_wo_version":            schema.Int64Attribute{Optional: true},
			"verification_code":         schema.StringAttribute{Optional: true, Sensitive: true},
			"set_pin_before_deregister": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"disable_on_destroy":        schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"one_at_a_time":             schema.BoolAttribute{Optional: true},
			"storage_status":            schema.StringAttribute{Computed: true},
			"registered":                schema.BoolAttribute{Computed: true},
			"display_phone_number":      schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		},
	}
}

func (r *localStorageResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"phone_number_id": identityschema.StringAttribute{RequiredForImport: true},
		},
	}
}

func (r *localStorageResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if c, ok := req.ProviderData.(*graphClient); ok {
		r.client = c
	}
}

type phoneNumberNode struct {
	ID            string `json:"id"`
	Status        string `json:"status"`
	PlatformType  string `json:"platform_type"`
	CodeVerified  string `json:"code_verification_status"`
	DisplayNumber string `json:"display_phone_number"`
}

type phoneNumberSettings struct {
	StorageConfiguration struct {
		Status                 string `json:"status"`
		DataLocalizationRegion string `json:"data_localization_region"`
	} `json:"storage_configuration"`
}

type graphError struct {
	status  int
	message string
}

func (e *graphError) Error() string {
	return fmt.Sprintf("Graph API answered %d: %s", e.status, e.message)
}

func (c *graphClient) get(ctx context.Context, pathAndQuery string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+pathAndQuery, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", c.bearer)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "whatsapp-local-storage-go-peer")
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		var e struct {
			Error struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		_ = json.Unmarshal(body, &e)
		return &graphError{status: res.StatusCode, message: e.Error.Message}
	}
	return json.Unmarshal(body, out)
}

var registeredStatuses = map[string]bool{"CONNECTED": true, "FLAGGED": true, "RESTRICTED": true, "RATE_LIMITED": true}

// read sends both GETs at once, as the TypeScript provider does.
func (r *localStorageResource) read(ctx context.Context, id string, m *localStorageModel) error {
	var node phoneNumberNode
	var settings phoneNumberSettings
	settingsErr := make(chan error, 1)
	go func() { settingsErr <- r.client.get(ctx, "/"+id+"/settings", &settings) }()
	nodeErr := r.client.get(ctx, "/"+id+"?fields="+phoneNumberFields, &node)
	if err := <-settingsErr; err != nil {
		return err
	}
	if nodeErr != nil {
		return nodeErr
	}
	registered := registeredStatuses[strings.ToUpper(node.Status)]
	if node.Status == "" {
		registered = strings.ToUpper(node.PlatformType) == "CLOUD_API"
	}
	m.ID = types.StringValue(id)
	m.PhoneNumberID = types.StringValue(id)
	m.Registered = types.BoolValue(registered)
	m.DisplayPhoneNumber = types.StringValue(node.DisplayNumber)
	m.StorageStatus = types.StringValue(strings.ToUpper(settings.StorageConfiguration.Status))
	if region := strings.ToUpper(settings.StorageConfiguration.DataLocalizationRegion); region != "" && m.StorageStatus.ValueString() == "IN_COUNTRY_STORAGE_ENABLED" {
		m.DataLocalizationRegion = types.StringValue(region)
		m.StorageMode = types.StringValue("IN_COUNTRY")
	} else {
		m.DataLocalizationRegion = types.StringNull()
		m.StorageMode = types.StringValue("DEFAULT")
	}
	return nil
}

func (r *localStorageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state localStorageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.read(ctx, state.PhoneNumberID.ValueString(), &state); err != nil {
		if ge, ok := err.(*graphError); ok && ge.status == http.StatusNotFound {
			resp.State.RemoveResource(ctx)
			return
		}
		resp.Diagnostics.AddError("Cannot read the phone number", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, localStorageIdentityModel{PhoneNumberID: state.PhoneNumberID})...)
}

// Create adopts a number whose storage already matches the configuration (the peer never writes).
func (r *localStorageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan localStorageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := plan.DataLocalizationRegion
	if err := r.read(ctx, plan.PhoneNumberID.ValueString(), &plan); err != nil {
		resp.Diagnostics.AddError("Cannot read the phone number", err.Error())
		return
	}
	if !want.Equal(plan.DataLocalizationRegion) {
		resp.Diagnostics.AddAttributeError(pathRoot("data_localization_region"), "Not converged", "The benchmark peer only adopts numbers whose storage already matches.")
		return
	}
	plan.PinWo = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Identity.Set(ctx, localStorageIdentityModel{PhoneNumberID: plan.PhoneNumberID})...)
}

func (r *localStorageResource) Update(ctx context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Not supported", "The benchmark peer only reads.")
}

func (r *localStorageResource) Delete(_ context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
}
