provider "whatsapp" {
  # Or set WHATSAPP_ACCESS_TOKEN; never commit a token.
  access_token = var.whatsapp_access_token
  # The newest Graph version (the default); plan warns 90 days before a version stops.
  api_version = "v26.0"
}
