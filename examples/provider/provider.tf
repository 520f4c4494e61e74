provider "whatsapp" {
  # Or set WHATSAPP_ACCESS_TOKEN; never commit a token.
  access_token = var.whatsapp_access_token
  # v21.0 and newer change storage through /settings; v20.0 and older through /register.
  api_version = "v21.0"
}
