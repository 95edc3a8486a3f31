import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { KnowledgeIndexService } from '../knowledge/knowledge-index.service';
import { Assistant, AssistantReply, AssistantRequest } from './assistant.types';
import { FallbackAssistant } from './fallback-assistant';
import { OpenAiAnswerer } from './openai/openai-answerer';

/**
 * The company's assistant: OpenAI (grounded in the company's knowledge, falling back to the
 * embedded answerer) when a key is configured, the embedded answerer alone otherwise.
 */
@Injectable()
export class AssistantService {
  private readonly logger = new Logger('Assistant');
  private readonly assistant: Assistant;
  readonly provider: 'embedded' | 'openai';

  constructor(private readonly index: KnowledgeIndexService, @Inject(APP_CONFIG) config: AppConfig) {
    const embedded = index.engine;
    if (config.openai.apiKey) {
      const openai = new OpenAiAnswerer(
        { apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, model: config.openai.model, timeoutMs: config.openai.timeoutMs },
        index,
      );
      this.assistant = new FallbackAssistant(openai, embedded, { warn: (message: string) => this.logger.warn(message) });
      this.provider = 'openai';
    } else {
      this.assistant = embedded;
      this.provider = 'embedded';
    }
  }

  /** Never throws for a provider failure the fallback covers; AssistantUnavailableError when none can answer. */
  async answer(request: AssistantRequest): Promise<AssistantReply> {
    await this.index.ready(request.companyId);
    return this.assistant.answer(request);
  }
}
