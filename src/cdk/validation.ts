/** Synth-time checks shared by the constructs. Tokens are never checked statically (CdkLibrary.isLiteral). */
export const DIGITS_ID = /^[0-9]{5,32}$/;
export const SIX_DIGITS = /^[0-9]{6}$/;
export const API_VERSION = /^v[0-9]+\.[0-9]+$/;

/** `http://` or `https://` URL with a host (the emulator speaks plain http on 127.0.0.1). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
