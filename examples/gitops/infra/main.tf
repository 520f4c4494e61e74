# The numbers this repository governs. Every change goes through a pull request: the plan is
# posted on it, the merge applies it, and a nightly check reports changes made by hand.
# The token comes from WHATSAPP_ACCESS_TOKEN and the PIN from TF_VAR_pin (CI secrets).
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    whatsapp = {
      source = "registry.terraform.io/waba/whatsapp"
    }
  }
}

provider "whatsapp" {}

variable "pin" {
  description = "The numbers' two-step verification PIN, used to re-register a number after its storage changes."
  type        = string
  sensitive   = true
}

# Message data of the Brazilian line stays in Brazil.
resource "whatsapp_local_storage" "sales_br" {
  phone_number_id          = "106540352242922"
  data_localization_region = "BR"
  pin                      = var.pin
}

# The support line stays in Meta's default storage, said out loud so that a change by hand is reported.
resource "whatsapp_local_storage" "support" {
  phone_number_id = "106540352242923"
  storage_mode    = "DEFAULT"
  pin             = var.pin
}
