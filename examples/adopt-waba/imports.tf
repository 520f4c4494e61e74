# Adopts every number of local.numbers (main.tf) in the next apply, writing nothing.
# import blocks with for_each need Terraform 1.7+ / OpenTofu 1.7+: on Terraform 1.5
# and 1.6, delete this file and run one `terraform import` per number instead.
terraform {
  required_version = ">= 1.7"
}

import {
  for_each = local.numbers
  to       = whatsapp_local_storage.fleet[each.key]
  id       = each.key
}
