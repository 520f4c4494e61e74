# Keep this number's message data at rest in Germany.
resource "whatsapp_local_storage" "berlin" {
  phone_number_id          = "106540352242922"
  data_localization_region = "DE"
  pin                      = var.two_step_pin
}

# Local Storage explicitly disabled (Meta's default storage), and restored to that
# state if someone enables it by hand.
resource "whatsapp_local_storage" "default_storage" {
  phone_number_id          = "106540352242923"
  data_localization_region = null
  pin                      = var.two_step_pin
  disable_on_destroy       = true
}
