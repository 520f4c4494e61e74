output "adopted" {
  description = "Every adopted number with the storage it keeps."
  value       = { for id, n in whatsapp_local_storage.fleet : id => { region = n.data_localization_region, registered = n.registered } }
}

output "not_adopted" {
  description = "Numbers left alone because they are not registered (adopt them once they are live)."
  value       = [for n in data.whatsapp_phone_numbers.all.phone_numbers : n.id if !contains(keys(local.numbers), n.id)]
}
