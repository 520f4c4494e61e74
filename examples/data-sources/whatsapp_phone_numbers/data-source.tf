data "whatsapp_phone_numbers" "germany" {
  waba_id                  = "102290129340398"
  registered_only          = true
  data_localization_region = "DE"
}

output "numbers_in_germany" {
  value = data.whatsapp_phone_numbers.germany.ids
}
