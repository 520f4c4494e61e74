/**
 * Engine messages go into reports and CI logs: values that are secrets in the
 * environment (the access token, TF_VAR_ variables named like a PIN, token,
 * password or secret) are replaced before anything is printed.
 */
const SECRET_VARIABLE = /^(WHATSAPP_ACCESS_TOKEN|TF_VAR_\w*(pin|token|secret|password|passwd|key|code)\w*)$/i;

export function secretsOf(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_VARIABLE.test(name) && typeof value === 'string' && value.length >= 4)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('(redacted)'), text);
}
