package main

import (
	"context"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type whatsappProvider struct{}

type providerModel struct {
	AccessToken types.String `tfsdk:"access_token"`
	APIVersion  types.String `tfsdk:"api_version"`
	BaseURL     types.String `tfsdk:"base_url"`
}

func newProvider() provider.Provider { return &whatsappProvider{} }

func (p *whatsappProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "whatsapp"
}

func (p *whatsappProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "WhatsApp Cloud API Local Storage (benchmark peer).",
		Attributes: map[string]schema.Attribute{
			"access_token": schema.StringAttribute{Optional: true, Sensitive: true, Description: "Graph API access token; falls back to WHATSAPP_ACCESS_TOKEN."},
			"api_version":  schema.StringAttribute{Optional: true, Description: "Graph API version; falls back to WHATSAPP_API_VERSION, then v21.0."},
			"base_url":     schema.StringAttribute{Optional: true, Description: "Graph API base URL; falls back to WHATSAPP_BASE_URL, then https://graph.facebook.com."},
		},
	}
}

// graphClient is what Configure hands to the resource: one keep-alive HTTP client.
type graphClient struct {
	http   *http.Client
	base   string // base URL with the version, no trailing slash
	bearer string
}

func pick(configured types.String, env, fallback string) string {
	if !configured.IsNull() && !configured.IsUnknown() && strings.TrimSpace(configured.ValueString()) != "" {
		return strings.TrimSpace(configured.ValueString())
	}
	if v := strings.TrimSpace(os.Getenv(env)); v != "" {
		return v
	}
	return fallback
}

func (p *whatsappProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	token := pick(config.AccessToken, "WHATSAPP_ACCESS_TOKEN", "")
	if token == "" {
		resp.Diagnostics.AddAttributeError(pathRoot("access_token"), "Missing access token", "Set access_token in the provider block or WHATSAPP_ACCESS_TOKEN.")
		return
	}
	version := pick(config.APIVersion, "WHATSAPP_API_VERSION", "v21.0")
	if !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	base := strings.TrimRight(pick(config.BaseURL, "WHATSAPP_BASE_URL", "https://graph.facebook.com"), "/")
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 16
	transport.MaxConnsPerHost = 16
	client := &graphClient{
		http:   &http.Client{Transport: transport, Timeout: 30 * time.Second},
		base:   base + "/" + version,
		bearer: "Bearer " + token,
	}
	resp.ResourceData = client
	resp.DataSourceData = client
}

func (p *whatsappProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{newLocalStorageResource}
}

func (p *whatsappProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return nil
}
