# The three storage modes: two WhatsApp Business numbers with their message data
# kept at rest in Brazil and India (in-country), one in Meta's default storage and
# one with No Storage (message data only in transit, at most 60 minutes).
# Every number states its mode: leaving it out is an error, never default storage.
# Run against the local emulator:
#   whatsapp-local-storage emulator --port 8787 &
#   export TF_VAR_pin=123456 TF_VAR_access_token=demo-token
#   tofu init && tofu apply -var base_url=http://127.0.0.1:8787
terraform {
  required_version = ">= 1.5.0"
  required_providers {
    whatsapp = {
      source = "registry.terraform.io/waba/whatsapp"
    }
  }
}

provider "whatsapp" {
  access_token = var.access_token
  api_version  = var.api_version
  base_url     = var.base_url
}

# Fail at plan time, not at 2 a.m., when someone types a country the API does not offer.
data "whatsapp_local_storage_regions" "supported" {}

resource "whatsapp_local_storage" "sao_paulo" {
  phone_number_id          = "106540352242922"
  data_localization_region = "BR"
  pin                      = var.pin
}

resource "whatsapp_local_storage" "mumbai" {
  phone_number_id          = "106540352242923"
  data_localization_region = "IN"
  pin                      = var.pin

  lifecycle {
    precondition {
      condition     = contains(data.whatsapp_local_storage_regions.supported.codes, "IN")
      error_message = "India is no longer offered for Local Storage."
    }
  }
}

# Meta's default storage, said out loud: drift checks will flag anyone who localizes it by hand.
resource "whatsapp_local_storage" "support_line" {
  phone_number_id = "106540352242924"
  storage_mode    = "DEFAULT"
  pin             = var.pin
}

# No Storage: nothing at rest anywhere; Meta accepts a retention of 60 minutes.
# Webhook and decryption retries are limited to that hour.
resource "whatsapp_local_storage" "payments" {
  phone_number_id   = "106540352242925"
  storage_mode      = "NO_STORAGE"
  retention_minutes = 60
  pin               = var.pin
}

data "whatsapp_phone_number" "sao_paulo" {
  phone_number_id = whatsapp_local_storage.sao_paulo.phone_number_id
}
