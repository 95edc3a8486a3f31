import { Assistant, AssistantReply, AssistantRequest, AssistantUnavailableError } from './assistant.types';
import { AssistantProviderError, describeFailure, FallbackAssistant } from './fallback-assistant';

const REQUEST: AssistantRequest = { companyId: 'c1', text: 'Where is my parcel?' };

function replyFrom(provider: AssistantReply['provider']): AssistantReply {
  return { text: `answer from ${provider}`, confidence: 0.8, sources: [{ id: 'entry:1', title: 'Parcels', score: 1 }], intent: 'question', provider };
}

/** Records the requests it sees and either answers or throws what it is given. */
class ScriptedAssistant implements Assistant {
  readonly requests: AssistantRequest[] = [];
  constructor(private readonly outcome: AssistantReply | unknown) {}
  async answer(request: AssistantRequest): Promise<AssistantReply> {
    this.requests.push(request);
    if (this.outcome instanceof Error || !(this.outcome as AssistantReply)?.provider) throw this.outcome;
    return this.outcome as AssistantReply;
  }
}

describe('FallbackAssistant', () => {
  let warnings: string[];
  const logger = { warn: (message: string) => warnings.push(message) };

  beforeEach(() => {
    warnings = [];
  });

  it('returns the primary reply as is and never asks the fallback', async () => {
    const primary = new ScriptedAssistant(replyFrom('openai'));
    const fallback = new ScriptedAssistant(replyFrom('embedded'));
    const reply = await new FallbackAssistant(primary, fallback, logger).answer(REQUEST);

    expect(reply).toEqual(replyFrom('openai'));
    expect(fallback.requests).toHaveLength(0);
    expect(warnings).toEqual([]);
  });

  it('answers with the fallback, marked with the primary\'s reason, when the primary fails', async () => {
    const primary = new ScriptedAssistant(new AssistantProviderError('openai_error: 503', 'OpenAI request failed (openai_error: 503): overloaded'));
    const fallback = new ScriptedAssistant(replyFrom('embedded'));
    const reply = await new FallbackAssistant(primary, fallback, logger).answer(REQUEST);

    expect(reply).toEqual({ ...replyFrom('embedded'), fallbackReason: 'openai_error: 503' });
    expect(fallback.requests).toEqual([REQUEST]);
    expect(warnings).toEqual(['primary assistant failed (OpenAI request failed (openai_error: 503): overloaded); answering with the fallback']);
  });

  it('names an unexpected primary error by its class only, never by its message', async () => {
    const primary = new ScriptedAssistant(new TypeError('secret sk-live-abcdef in a message'));
    const reply = await new FallbackAssistant(primary, new ScriptedAssistant(replyFrom('embedded')), logger).answer(REQUEST);

    expect(reply.fallbackReason).toBe('unexpected TypeError');
    expect(warnings.join()).not.toContain('sk-live');
  });

  it('throws AssistantUnavailableError naming both failures when the fallback fails too', async () => {
    const fallbackError = new AssistantProviderError('index_not_ready');
    const assistant = new FallbackAssistant(new ScriptedAssistant(new AssistantProviderError('openai_timeout')), new ScriptedAssistant(fallbackError));
    const error = await assistant.answer(REQUEST).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AssistantUnavailableError);
    expect((error as AssistantUnavailableError).message).toBe('no assistant could answer: primary openai_timeout; fallback index_not_ready');
    expect((error as AssistantUnavailableError).cause).toBe(fallbackError);
  });

  it('works without a logger', async () => {
    const assistant = new FallbackAssistant(new ScriptedAssistant(new AssistantProviderError('openai_timeout')), new ScriptedAssistant(replyFrom('embedded')));
    await expect(assistant.answer(REQUEST)).resolves.toMatchObject({ fallbackReason: 'openai_timeout' });
  });
});

describe('describeFailure', () => {
  it.each([
    [new AssistantProviderError('openai_timeout', 'long message'), 'openai_timeout'],
    [new RangeError('boom'), 'unexpected RangeError'],
    ['a string', 'unexpected error'],
    [undefined, 'unexpected error'],
  ])('describes %p as %p', (error, expected) => {
    expect(describeFailure(error)).toBe(expected);
  });
});
