# A data residency rule stated as a check: every number of one WhatsApp Business
# Account keeps its message data in Germany (Local Storage in DE) or nowhere at rest
# (No Storage). `plan` reads the numbers and reports each one that breaks the rule as
# a warning ("Check block assertion failed"); it changes nothing. Check blocks need
# Terraform 1.5+ or OpenTofu 1.6+.

terraform {
  required_version = ">= 1.5"
  required_providers {
    whatsapp = {
      source = "registry.terraform.io/waba/whatsapp"
    }
  }
}

variable "waba_id" {
  type        = string
  description = "The WhatsApp Business Account whose numbers must follow the rule."
}

variable "allowed_regions" {
  type        = set(string)
  description = "Local Storage regions the rule accepts besides No Storage."
  default     = ["DE"]
}

# Settings from WHATSAPP_ACCESS_TOKEN (and WHATSAPP_BASE_URL for the emulator).
provider "whatsapp" {}

# Outside the check block on purpose: a number list that cannot be read fails the plan
# instead of passing the rule unread.
data "whatsapp_phone_numbers" "waba" {
  waba_id         = var.waba_id
  include_storage = true
}

locals {
  # "<id> (<mode> <region>)" of every number that breaks the rule.
  residency_violations = [
    for n in data.whatsapp_phone_numbers.waba.phone_numbers :
    "${n.id} (${coalesce(n.storage_mode, n.storage_status)}${n.data_localization_region == null ? "" : " ${n.data_localization_region}"})"
    if !(n.storage_mode == "NO_STORAGE" || (n.storage_mode == "IN_COUNTRY" && contains(var.allowed_regions, coalesce(n.data_localization_region, "-"))))
  ]
}

check "residency" {
  assert {
    condition     = length(local.residency_violations) == 0
    error_message = "Numbers of WABA ${var.waba_id} outside ${join("/", sort(var.allowed_regions))} and No Storage: ${join(", ", local.residency_violations)}."
  }
}
