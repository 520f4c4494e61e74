#!/usr/bin/env bash
# Nightly drift check for any other CI: exit 0 in sync, 2 on drift, 1 on error.
# Reports go to drift/ (drift-report.json, .md, and .xml for JUnit). Needs WHATSAPP_ACCESS_TOKEN
# and TF_VAR_pin in the environment, and `npm ci` done in this repository.
set -uo pipefail
dir="${1:-infra}"
export TF_CLI_CONFIG_FILE="${TF_CLI_CONFIG_FILE:-$(mktemp)}"
[ -s "$TF_CLI_CONFIG_FILE" ] || npx --no-install whatsapp-local-storage cli-config > "$TF_CLI_CONFIG_FILE"
npx --no-install whatsapp-local-storage drift --dir "$dir" --out drift --init
code=$?
case "$code" in
  0) echo "Local Storage: in sync" ;;
  2) echo "Local Storage: DRIFT, see drift/drift-report.md" ;;
  *) echo "Local Storage: drift check failed" ;;
esac
exit "$code"
