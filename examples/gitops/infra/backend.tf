# State lives in a remote backend, so the plan, the apply and the nightly check all read the
# same state and an apply holds its lock. This is a partial configuration: the settings reach
# `init` from the CI, so this file names no bucket or account.
#
# GitHub Actions (S3 here; any backend works the same way): the repository variable
#   TF_BACKEND_CONFIG = -backend-config=bucket=acme-tfstate -backend-config=key=whatsapp.tfstate -backend-config=region=eu-central-1
# is handed to every `init` as TF_CLI_ARGS_init; AWS credentials come from the job's usual
# AWS set-up (OIDC role or secrets).
# GitLab-managed state: write `backend "http" {}` instead; .gitlab-ci.yml sets the
# TF_HTTP_* variables that backend reads from the environment.
terraform {
  backend "s3" {}
}
