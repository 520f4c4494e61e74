#!/usr/bin/env bash
# Nightly drift check for any CI: exit 0 in sync, 2 on drift, 1 on error.
# Needs WHATSAPP_ACCESS_TOKEN (and TF_VAR_pin if your configuration reads it) in the environment.
set -uo pipefail
dir="${1:-infra}"
export TF_CLI_CONFIG_FILE="${TF_CLI_CONFIG_FILE:-$(mktemp)}"
[ -s "$TF_CLI_CONFIG_FILE" ] || npx whatsapp-local-storage cli-config > "$TF_CLI_CONFIG_FILE"
npx whatsapp-local-storage drift --dir "$dir" --init
code=$?
case "$code" in
  0) echo "Local Storage: in sync" ;;
  2) echo "Local Storage: DRIFT, see drift-report.md" ;;
  *) echo "Local Storage: drift check failed" ;;
esac
exit "$code"
