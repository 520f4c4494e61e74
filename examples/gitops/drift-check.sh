#!/usr/bin/env bash
# Nightly drift check for any other CI: exit 0 in sync, 2 on any difference, 1 when the check could not run.
# Needs WHATSAPP_ACCESS_TOKEN and TF_VAR_pin in the environment, and `npm ci` done in this repository.
# Writes drift-report.json, drift-report.md and drift-report.xml (JUnit) to the reports directory.
set -uo pipefail
dir="${1:-infra}"
out="${2:-drift}"
export TF_CLI_CONFIG_FILE="${TF_CLI_CONFIG_FILE:-$(mktemp)}"
[ -s "$TF_CLI_CONFIG_FILE" ] || npx --no-install whatsapp-local-storage cli-config > "$TF_CLI_CONFIG_FILE"
npx --no-install whatsapp-local-storage drift --dir "$dir" --out "$out" --init
code=$?
case "$code" in
  0) echo "Local Storage: in sync" ;;
  2) echo "Local Storage: differences (drift or not applied), see $out/drift-report.md" ;;
  *) echo "Local Storage: drift check failed, see $out/drift-report.md" ;;
esac
exit "$code"
