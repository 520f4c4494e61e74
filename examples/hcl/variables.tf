variable "access_token" {
  description = "System-user access token with whatsapp_business_management. Prefer the WHATSAPP_ACCESS_TOKEN environment variable in pipelines."
  type        = string
  sensitive   = true
  default     = null
}

variable "pin" {
  description = "The numbers' two-step verification PIN (6 digits), used to re-register a number after its storage changes."
  type        = string
  sensitive   = true
}

variable "api_version" {
  description = "Graph API version. v21.0 and newer use /settings; v20.0 and older use the legacy /register flow."
  type        = string
  default     = "v21.0"
}

variable "base_url" {
  description = "Graph API base URL. Leave null for https://graph.facebook.com; point it at the emulator for local runs."
  type        = string
  default     = null
}
