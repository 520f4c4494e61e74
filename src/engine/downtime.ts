/**
 * The one description of a region change's downtime: the plan warning, the resource
 * schema (and the registry docs generated from it), the README and docs/cdktf.md all
 * carry this sentence (test/docs/downtime-wording.test.ts keeps them equal).
 */
export const REGION_CHANGE_DOWNTIME =
  'Changing Local Storage on a registered number takes it offline for a few seconds: the API accepts the setting only while the number is unregistered, so the provider deregisters it, writes the setting and registers it again with the two-step PIN.';
