/**
 * CDKTF example: five WhatsApp Business numbers of the demo business account in
 * the three storage modes: message data kept at rest in Brazil, India and Germany
 * (in-country), and a marketing line in Meta's default storage, stated as such
 * (or, with the knob below, No Storage: nothing at rest, 60 minutes in transit).
 *
 *   export WHATSAPP_BASE_URL=http://127.0.0.1:8787 WHATSAPP_ACCESS_TOKEN=demo-token TF_VAR_pin=123456
 *   npx cdktf synth            # from the repository root (cdktf.json runs this file)
 *
 * Knobs: WLS_EXAMPLE_SALES_REGION (default BR) is the sales line's storage: a region
 * code, `default` or `no_storage`. WLS_EXAMPLE_MARKETING_STORAGE (default `default`)
 * is the marketing line's, the same way. `npm run demo` changes the first to show a
 * region move and the second to take a number to No Storage.
 * The provider reads its URL and token from the environment and the PIN comes from
 * the sensitive variable `pin` (TF_VAR_pin), so nothing secret is in code or cdk.tf.json.
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { parseLocalStorage, WhatsAppLocalStorage, WhatsAppLocalStorageGroup, WhatsAppProvider } from '../../src/cdktf';

export const STACK_NAME = 'local-storage';

class LocalStorageStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // State beside cdk.tf.json (the default would put it in the project root).
    new LocalBackend(this, { path: 'terraform.tfstate' });
    new WhatsAppProvider(this);
    const pin = WhatsAppLocalStorage.pinVariable(this);

    const sales = new WhatsAppLocalStorage(this, 'Sales', {
      phoneNumberId: '106540352242922',
      ...parseLocalStorage(process.env.WLS_EXAMPLE_SALES_REGION ?? 'BR', 'WLS_EXAMPLE_SALES_REGION'),
      pin: pin.stringValue,
    });

    // Both support numbers serve India; moved one after the other so one stays online.
    const support = new WhatsAppLocalStorageGroup(this, 'SupportIndia', {
      phoneNumberIds: ['106540352242923', '106540352242924'],
      region: 'IN',
      pin: pin.stringValue,
      oneAtATime: true,
    });

    const germany = new WhatsAppLocalStorage(this, 'Germany', {
      phoneNumberId: '106540352242925',
      region: 'DE',
      pin: pin.stringValue,
    });

    // Meta's default storage, stated (leaving the mode out is a synth error): a drift
    // check flags anyone who changes it by hand. `no_storage` gives
    // { storageMode: 'NO_STORAGE', retentionMinutes: 60 }.
    const marketing = new WhatsAppLocalStorage(this, 'Marketing', {
      phoneNumberId: '106540352242926',
      ...parseLocalStorage(process.env.WLS_EXAMPLE_MARKETING_STORAGE ?? 'default', 'WLS_EXAMPLE_MARKETING_STORAGE'),
      pin: pin.stringValue,
    });

    new TerraformOutput(this, 'sales_storage', { value: sales.storageStatus });
    new TerraformOutput(this, 'germany_storage', { value: germany.storageStatus });
    new TerraformOutput(this, 'marketing_storage', { value: marketing.storageStatus });
    new TerraformOutput(this, 'support_numbers', { value: [...support.numbers.keys()] });
  }
}

const app = new App();
new LocalStorageStack(app, STACK_NAME);
app.synth();
