data "whatsapp_local_storage_regions" "all" {}

output "supported_countries" {
  value = [for r in data.whatsapp_local_storage_regions.all.regions : "${r.code} (${r.country})"]
}
