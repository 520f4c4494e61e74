# Bring every live number of one WhatsApp Business Account under management in
# one apply that changes nothing: the data source lists the numbers with their
# current storage, one `import` block per number (for_each, in imports.tf) adopts
# them, and each resource declares what is live now. Terraform 1.7+ / OpenTofu 1.7+
# with imports.tf; Terraform 1.5 and 1.6 import number by number without it.
#
# Only registered numbers are adopted: whatsapp_local_storage keeps its number
# registered, so adopting an unregistered one would register it (a write, and it
# needs the PIN). Those are listed in the `not_adopted` output instead.

terraform {
  required_version = ">= 1.5"
  required_providers {
    whatsapp = {
      source = "registry.terraform.io/waba/whatsapp"
    }
  }
}

provider "whatsapp" {
  access_token = var.access_token
  base_url     = var.base_url
}

data "whatsapp_phone_numbers" "fleet" {
  waba_id         = var.waba_id
  registered_only = true
  include_storage = true
}

data "whatsapp_phone_numbers" "all" {
  waba_id = var.waba_id
}

locals {
  # Keyed by phone number id: stable across runs, whatever order Graph lists them in.
  numbers = { for n in data.whatsapp_phone_numbers.fleet.phone_numbers : n.id => n }
}

resource "whatsapp_local_storage" "fleet" {
  for_each = local.numbers

  phone_number_id = each.key
  # What is live today, stated in full (a mode is never implied); change it here (per
  # number or for all) in a later, reviewed apply.
  storage_mode             = each.value.storage_mode
  data_localization_region = each.value.data_localization_region
  retention_minutes        = each.value.retention_minutes
}
