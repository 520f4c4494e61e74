data "whatsapp_phone_number" "main" {
  phone_number_id = "106540352242922"
}

output "quality" {
  value = data.whatsapp_phone_number.main.quality_rating
}
