import { Assistant, AssistantReply, AssistantRequest, AssistantUnavailableError } from './assistant.types';

/**
 * Thrown by a provider that failed in a way worth naming; `reason` becomes the reply's
 * `fallbackReason` ('openai_timeout', 'openai_error: 503'), so it must be short and hold no secret.
 */
export class AssistantProviderError extends Error {
  constructor(
    readonly reason: string,
    message: string = reason,
  ) {
    super(message);
    this.name = 'AssistantProviderError';
  }
}

/** Nest's Logger fits; anything with warn() does. */
export interface FallbackLogger {
  warn(message: string): void;
}

/**
 * Answers with the primary assistant (OpenAI) and, when it fails, with the fallback (embedded),
 * marking the reply with why. When both fail it throws AssistantUnavailableError, which the
 * escalation policy turns into `ai_unavailable`.
 */
export class FallbackAssistant implements Assistant {
  constructor(
    private readonly primary: Assistant,
    private readonly fallback: Assistant,
    private readonly logger?: FallbackLogger,
  ) {}

  async answer(request: AssistantRequest): Promise<AssistantReply> {
    let primaryReason: string;
    try {
      return await this.primary.answer(request);
    } catch (error) {
      primaryReason = describeFailure(error);
      // Only provider errors' messages are logged: they are built to be secret-free.
      const detail = error instanceof AssistantProviderError ? error.message : primaryReason;
      this.logger?.warn(`primary assistant failed (${detail}); answering with the fallback`);
    }
    try {
      const reply = await this.fallback.answer(request);
      return { ...reply, fallbackReason: primaryReason };
    } catch (error) {
      throw new AssistantUnavailableError(
        `no assistant could answer: primary ${primaryReason}; fallback ${describeFailure(error)}`,
        error,
      );
    }
  }
}

/** A short, secret-free description of why an assistant failed. */
export function describeFailure(error: unknown): string {
  if (error instanceof AssistantProviderError) return error.reason;
  if (error instanceof Error) return `unexpected ${error.name}`;
  return 'unexpected error';
}
