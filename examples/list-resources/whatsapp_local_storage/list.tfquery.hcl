# terraform query -generate-config-out=generated.tf   (Terraform 1.14+)
list "whatsapp_local_storage" "fleet" {
  provider         = whatsapp
  include_resource = true
  limit            = 1000 # Terraform stops at 100 results otherwise

  config {
    waba_id         = "102290129340398"
    registered_only = true # generated blocks then plan with no changes
  }
}
