// Formatting, applied to the whole tree in one commit of its own (`npm run format`), checked by
// `npm run format:check`. Wide lines suit the long diagnostic sentences this code writes.
export default {
  printWidth: 140,
  singleQuote: true,
  trailingComma: 'all',
  // YAML (the CI templates users copy) keeps the double quotes GitHub's and GitLab's docs use.
  overrides: [{ files: ['*.yml', '*.yaml'], options: { singleQuote: false } }],
};
