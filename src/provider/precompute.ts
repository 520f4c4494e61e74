/**
 * The provider's precomputed answers (src/plugin/protocol/precomputed-answers.ts) for both
 * protocol versions, computed from the live handlers. Run by the build, which writes them
 * beside the executable as whatsapp-provider-answers.json (read by src/provider/main.ts).
 */
import { computeAnswers, type PrecomputedAnswers } from '../plugin/protocol/precomputed-answers';
import { tfplugin5Handlers } from '../plugin/protocol/tfplugin5-server';
import { tfplugin6Handlers } from '../plugin/protocol/tfplugin6-server';
import { createProviderService } from './provider';

export async function precomputeAnswers(): Promise<PrecomputedAnswers> {
  const service = createProviderService();
  return { ...(await computeAnswers(tfplugin6Handlers(() => service))), ...(await computeAnswers(tfplugin5Handlers(() => service))) };
}
