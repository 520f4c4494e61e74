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
  description = "Graph API version (the newest by default). Meta stops serving each version on a date in its changelog; plan warns 90 days before."
  type        = string
  default     = "v26.0"
}

variable "base_url" {
  description = "Graph API base URL. Leave null for https://graph.facebook.com; point it at the emulator for local runs."
  type        = string
  default     = null
}
