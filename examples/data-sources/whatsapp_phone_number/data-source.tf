data "whatsapp_phone_number" "main" {
  phone_number_id = "106540352242922"
}

output "quality" {
  value = data.whatsapp_phone_number.main.quality_rating
}

# IN_COUNTRY, DEFAULT or NO_STORAGE (with retention_minutes).
output "storage" {
  value = {
    mode              = data.whatsapp_phone_number.main.storage_mode
    region            = data.whatsapp_phone_number.main.data_localization_region
    retention_minutes = data.whatsapp_phone_number.main.retention_minutes
  }
}
