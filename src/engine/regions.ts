/**
 * The countries Cloud API Local Storage can keep message data in.
 * One list for the whole project (validation, docs, data source, CDKTF types):
 * when Meta adds a country, this is the one edit.
 * Source: Meta's Local Storage page
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/local-storage),
 * the same list AWS End User Messaging Social publishes for its `dataLocalizationRegion` field.
 */
export const SUPPORTED_REGIONS = [
  { code: 'AU', country: 'Australia', area: 'Asia-Pacific' },
  { code: 'IN', country: 'India', area: 'Asia-Pacific' },
  { code: 'ID', country: 'Indonesia', area: 'Asia-Pacific' },
  { code: 'JP', country: 'Japan', area: 'Asia-Pacific' },
  { code: 'SG', country: 'Singapore', area: 'Asia-Pacific' },
  { code: 'KR', country: 'South Korea', area: 'Asia-Pacific' },
  { code: 'DE', country: 'Germany', area: 'Europe' },
  { code: 'CH', country: 'Switzerland', area: 'Europe' },
  { code: 'GB', country: 'United Kingdom', area: 'Europe' },
  { code: 'BR', country: 'Brazil', area: 'Latin America' },
  { code: 'BH', country: 'Bahrain', area: 'Middle East and Africa' },
  { code: 'ZA', country: 'South Africa', area: 'Middle East and Africa' },
  { code: 'AE', country: 'United Arab Emirates', area: 'Middle East and Africa' },
  { code: 'CA', country: 'Canada', area: 'North America' },
] as const;

export type RegionCode = (typeof SUPPORTED_REGIONS)[number]['code'];
export type RegionInfo = (typeof SUPPORTED_REGIONS)[number];

const BY_CODE: ReadonlyMap<string, RegionInfo> = new Map(SUPPORTED_REGIONS.map((r) => [r.code, r]));

export function isSupportedRegion(code: string): code is RegionCode {
  return BY_CODE.has(code);
}

export function regionInfo(code: string): RegionInfo | undefined {
  return BY_CODE.get(code);
}

// Common mistakes people make with ISO codes, mapped to what they meant.
const ALIASES: Record<string, RegionCode> = { UK: 'GB', EN: 'GB', KO: 'KR', JA: 'JP', UAE: 'AE', SA: 'ZA', EU: 'DE' };

/**
 * Explains why `input` is not a supported region and what to write instead.
 * Returns undefined when the input is a supported code.
 */
export function explainUnsupportedRegion(input: string): string | undefined {
  if (isSupportedRegion(input)) return undefined;
  const upper = input.trim().toUpperCase();
  const list = SUPPORTED_REGIONS.map((r) => r.code).join(', ');
  if (isSupportedRegion(upper)) {
    return `"${input}" must be an upper-case ISO 3166-1 alpha-2 code: did you mean ${upper} (${regionInfo(upper)!.country})?`;
  }
  const alias = ALIASES[upper];
  if (alias) return `"${input}" is not an ISO 3166-1 alpha-2 code: did you mean ${alias} (${regionInfo(alias)!.country})?`;
  const byName = SUPPORTED_REGIONS.find((r) => r.country.toUpperCase() === upper);
  if (byName) return `"${input}" is a country name: use its code ${byName.code}.`;
  return `"${input}" is not a Local Storage region. Supported codes: ${list}.`;
}
