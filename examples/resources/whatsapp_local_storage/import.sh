# Import by phone number ID (digits only).
terraform import whatsapp_local_storage.berlin 106540352242922
