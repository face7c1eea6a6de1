// Provider registry: the `provider` string of a client → its request/response codec.
import { BamlInvalidArgumentError } from '../../errors/index.js';
import { anthropicProvider } from './anthropic.js';
import { awsBedrockProvider } from './aws-bedrock.js';
import { googleAiProvider } from './google-ai.js';
import { ollamaProvider, openAiChatProvider } from './openai-chat.js';
import { openAiResponsesProvider } from './openai-responses.js';
import type { Provider } from './provider.js';
import { vertexAiProvider } from './vertex-ai.js';

export type {
  MediaKind,
  MediaUrlMode,
  Provider,
  ProviderAnswer,
  ProviderRequest,
  ProviderRequestInput,
  StreamDecoder,
} from './provider.js';

const PROVIDERS: Record<string, Provider> = {
  openai: openAiChatProvider,
  'openai-generic': openAiChatProvider,
  'azure-openai': openAiChatProvider,
  ollama: ollamaProvider,
  anthropic: anthropicProvider,
  'openai-responses': openAiResponsesProvider,
  'google-ai': googleAiProvider,
  'vertex-ai': vertexAiProvider,
  'aws-bedrock': awsBedrockProvider,
};

/** The codec for a leaf provider; strategies (fallback, round-robin) are not providers. */
export function providerFor(provider: string, clientName: string): Provider {
  const p = PROVIDERS[provider];
  if (!p)
    throw new BamlInvalidArgumentError(
      `client ${clientName}: provider "${provider}" is not supported`,
    );
  return p;
}
