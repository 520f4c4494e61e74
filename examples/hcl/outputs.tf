output "storage" {
  description = "Where each number keeps its data at rest, as the API reports it."
  value = {
    for name, r in {
      sao_paulo    = whatsapp_local_storage.sao_paulo
      mumbai       = whatsapp_local_storage.mumbai
      support_line = whatsapp_local_storage.support_line
      payments     = whatsapp_local_storage.payments
    } : name => { mode = r.storage_mode, status = r.storage_status, region = r.data_localization_region, retention_minutes = r.retention_minutes, registered = r.registered }
  }
}

output "sao_paulo_display_number" {
  value = data.whatsapp_phone_number.sao_paulo.display_phone_number
}
