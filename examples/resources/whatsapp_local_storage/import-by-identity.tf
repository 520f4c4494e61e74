# Terraform 1.12+: import by identity instead of by id.
import {
  to = whatsapp_local_storage.berlin
  identity = {
    phone_number_id = "106540352242922"
  }
}
