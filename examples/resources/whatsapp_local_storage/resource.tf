# In-country: keep this number's message data at rest in Germany.
resource "whatsapp_local_storage" "berlin" {
  phone_number_id          = "106540352242922"
  data_localization_region = "DE"
  pin                      = var.two_step_pin
}

# Meta's default storage, stated (a resource that states no mode is an error), and
# restored to that state if someone enables Local Storage by hand.
resource "whatsapp_local_storage" "default_storage" {
  phone_number_id    = "106540352242923"
  storage_mode       = "DEFAULT"
  pin                = var.two_step_pin
  disable_on_destroy = true
}

# No Storage: message data only in transit, for at most 60 minutes, never at rest.
resource "whatsapp_local_storage" "no_storage" {
  phone_number_id   = "106540352242924"
  storage_mode      = "NO_STORAGE"
  retention_minutes = 60
  pin               = var.two_step_pin
}
