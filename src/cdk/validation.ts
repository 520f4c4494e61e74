/** Synth-time checks shared by the constructs. Tokens are never checked statically (CdkLibrary.isLiteral). */
export const SIX_DIGITS = /^[0-9]{6}$/;
export const API_VERSION = /^v[0-9]+\.[0-9]+$/;
