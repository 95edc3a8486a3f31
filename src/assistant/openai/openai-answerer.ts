import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type {
  Assistant,
  AssistantReply,
  AssistantRequest,
  AssistantSource,
  KnowledgeRetriever,
  RetrievedPassage,
} from '../assistant.types';
import { AssistantProviderError } from '../fallback-assistant';
import { buildGroundedMessages, ModelAnswer, ModelAnswerError, parseModelAnswer } from './grounded-prompt';

export interface OpenAiAnswererOptions {
  apiKey: string;
  /** Any OpenAI-compatible server, e.g. 'http://localhost:11434/v1'; unset means api.openai.com. */
  baseURL?: string;
  model: string;
  /** Per attempt; FallbackAssistant answers once the attempts are spent. */
  timeoutMs: number;
  /** Retries of 429/5xx/connection errors; default 1, because a live chat prefers the fallback to a long wait. */
  maxRetries?: number;
}

/** Passages sent per question: enough to cover an answer split over chunks, few enough to keep the prompt cheap. */
export const PASSAGE_LIMIT = 4;
const DEFAULT_MAX_RETRIES = 1;

/**
 * Answers from the company's knowledge with an OpenAI (or compatible) chat model: retrieves the best
 * passages, asks for a JSON answer grounded in them, and maps the cited passages back to sources.
 * Always calls the model, even when no passage matched, so greetings and requests for a human are
 * still recognised; the prompt then tells it to treat every question as unanswerable ("unknown").
 * Every failure is thrown as AssistantProviderError with a secret-free reason for FallbackAssistant.
 */
export class OpenAiAnswerer implements Assistant {
  // ES private fields are invisible to util.inspect and JSON.stringify, so logging this object cannot leak the key.
  readonly #client: OpenAI;
  readonly #apiKey: string;
  readonly #model: string;
  readonly #timeoutMs: number;

  constructor(
    options: OpenAiAnswererOptions,
    private readonly retriever: KnowledgeRetriever,
  ) {
    this.#apiKey = options.apiKey;
    this.#model = options.model;
    this.#timeoutMs = options.timeoutMs;
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      // null, not undefined: the SDK would otherwise read OPENAI_BASE_URL itself, and config owns the environment.
      baseURL: options.baseURL ?? null,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    });
  }

  async answer(request: AssistantRequest): Promise<AssistantReply> {
    const passages = this.retrieve(request);
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    const startedAt = performance.now();
    try {
      completion = await this.#client.chat.completions.create({
        model: this.#model,
        messages: buildGroundedMessages(request, passages),
        response_format: { type: 'json_object' },
      });
    } catch (error) {
      throw this.providerError(error, performance.now() - startedAt);
    }

    const choice = completion.choices?.[0];
    if (!choice) throw new AssistantProviderError('openai_bad_response: no_choices');
    let parsed: ModelAnswer;
    try {
      parsed = parseModelAnswer(choice.message?.content, passages.length);
    } catch (error) {
      if (error instanceof ModelAnswerError) throw new AssistantProviderError(`openai_bad_response: ${error.code}`);
      throw error;
    }

    const usage = completion.usage;
    return {
      text: parsed.text,
      confidence: parsed.confidence,
      sources: toSources(passages, parsed.passageIndexes),
      intent: parsed.intent,
      provider: 'openai',
      ...(usage && {
        usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens },
      }),
    };
  }

  private retrieve(request: AssistantRequest): RetrievedPassage[] {
    try {
      return this.retriever.search(request.companyId, request.text, PASSAGE_LIMIT).slice(0, PASSAGE_LIMIT);
    } catch (error) {
      throw new AssistantProviderError('knowledge_retrieval_failed', `knowledge retrieval failed: ${this.redact(String(error))}`);
    }
  }

  /** Names the failure for fallbackReason; the server's own message is kept for logs, with any key redacted. */
  private providerError(error: unknown, elapsedMs: number): AssistantProviderError {
    const detail = error instanceof Error ? this.redact(error.message) : 'unknown error';
    let reason = 'openai_error';
    // The SDK cannot always tell a timeout from a connection error (some fetch implementations, and
    // Jest's separate realm, lose the AbortError), so one that arrives after the timeout counts as one.
    const timedOut = error instanceof APIConnectionError && elapsedMs >= this.#timeoutMs;
    if (error instanceof APIConnectionTimeoutError || timedOut) reason = 'openai_timeout';
    else if (error instanceof APIUserAbortError) reason = 'openai_aborted';
    else if (error instanceof APIConnectionError) reason = 'openai_connection_error';
    else if (error instanceof APIError && error.status !== undefined) reason = `openai_error: ${error.status}`;
    return new AssistantProviderError(reason, `OpenAI request failed (${reason}): ${detail}`);
  }

  /** Servers echo keys in error messages ("Incorrect API key provided: sk-…"); none may reach a log. */
  private redact(text: string): string {
    const withoutKey = this.#apiKey ? text.split(this.#apiKey).join('[redacted]') : text;
    return withoutKey.replace(/\bsk-[\w*.-]{4,}/g, '[redacted]');
  }
}

/** Cited passages become sources; score is relevance relative to the best passage retrieved for this question. */
function toSources(passages: readonly RetrievedPassage[], indexes: readonly number[]): AssistantSource[] {
  const best = Math.max(0, ...passages.map((p) => p.score));
  return indexes.map((i) => {
    const { doc, score } = passages[i];
    return { id: doc.id, title: doc.title, score: best > 0 ? Math.round((Math.max(0, score) / best) * 1000) / 1000 : 0 };
  });
}
