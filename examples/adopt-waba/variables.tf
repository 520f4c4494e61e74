variable "waba_id" {
  type        = string
  description = "The WhatsApp Business Account whose numbers to adopt."
}

variable "access_token" {
  type      = string
  sensitive = true
  default   = null
}

variable "base_url" {
  type    = string
  default = null
}
