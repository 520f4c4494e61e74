/**
 * CDKTF example: five WhatsApp Business numbers of the demo business account,
 * with message data kept at rest in Brazil, India and Germany, and one kept off.
 *
 *   export WHATSAPP_BASE_URL=http://127.0.0.1:8787 WHATSAPP_ACCESS_TOKEN=demo-token TF_VAR_pin=123456
 *   npx cdktf synth            # from the repository root (cdktf.json runs this file)
 *
 * Knob: WLS_EXAMPLE_SALES_REGION (default BR) is the sales line's region; `none`
 * turns its Local Storage off. `npm run demo` changes it to show a region move.
 * The provider reads its URL and token from the environment and the PIN comes from
 * the sensitive variable `pin` (TF_VAR_pin), so nothing secret is in code or cdk.tf.json.
 */
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { parseLocalStorageRegion, WhatsAppLocalStorage, WhatsAppLocalStorageGroup, WhatsAppProvider } from '../../src/cdktf';

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
      region: parseLocalStorageRegion(process.env.WLS_EXAMPLE_SALES_REGION ?? 'BR', 'WLS_EXAMPLE_SALES_REGION'),
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

    // Declared off: a drift check flags anyone who turns it on by hand.
    new WhatsAppLocalStorage(this, 'Marketing', {
      phoneNumberId: '106540352242926',
      region: undefined,
      pin: pin.stringValue,
    });

    new TerraformOutput(this, 'sales_storage', { value: sales.storageStatus });
    new TerraformOutput(this, 'germany_storage', { value: germany.storageStatus });
    new TerraformOutput(this, 'support_numbers', { value: [...support.numbers.keys()] });
  }
}

const app = new App();
new LocalStorageStack(app, STACK_NAME);
app.synth();
