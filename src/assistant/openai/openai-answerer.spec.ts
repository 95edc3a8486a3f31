import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  Assistant,
  AssistantReply,
  AssistantRequest,
  AssistantUnavailableError,
  KnowledgeDoc,
  KnowledgeRetriever,
  RetrievedPassage,
} from '../assistant.types';
import { AssistantProviderError, FallbackAssistant } from '../fallback-assistant';
import { UNSTATED_CONFIDENCE } from './grounded-prompt';
import { OpenAiAnswerer, OpenAiAnswererOptions } from './openai-answerer';

const API_KEY = 'sk-test-switchboard-0123456789abcdef';

const DOCS: KnowledgeDoc[] = [
  { id: 'entry:shipping', title: 'How long does shipping take?', text: 'Standard shipping takes 3-5 business days within the EU.' },
  { id: 'entry:returns', title: 'What is the return policy?', text: 'Items can be returned within 30 days of delivery for a full refund.' },
  { id: 'chunk:intl', title: 'International shipping', text: 'International shipping takes 7-14 business days and is tracked.' },
  { id: 'entry:password', title: 'How do I reset my password?', text: 'Use "Forgot password" on the login page; the link is valid for one hour.' },
];

const STOP_WORDS = new Set(['how', 'long', 'does', 'take', 'takes', 'the', 'what', 'and', 'for', 'can', 'you', 'your']);
const contentWords = (text: string) => new Set((text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !STOP_WORDS.has(w)));

/** Ranks by shared content words, like a tiny BM25: enough to make the prompt's passages predictable. */
class WordOverlapRetriever implements KnowledgeRetriever {
  readonly queries: string[] = [];
  search(_companyId: string, query: string, limit: number): RetrievedPassage[] {
    this.queries.push(query);
    const words = contentWords(query);
    return DOCS.map((doc) => ({ doc, score: [...contentWords(`${doc.title} ${doc.text}`)].filter((w) => words.has(w)).length }))
      .filter((p) => p.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}

/** Stands in for the embedded answerer. */
class CannedAssistant implements Assistant {
  calls = 0;
  async answer(): Promise<AssistantReply> {
    this.calls++;
    return { text: 'From the embedded index.', confidence: 0.7, sources: [{ id: 'entry:shipping', title: 'How long does shipping take?', score: 1 }], intent: 'question', provider: 'embedded' };
  }
}

interface ReceivedRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: any;
}
type Respond = (req: ReceivedRequest, res: ServerResponse) => void;

function completion(content: string, usage = { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 }) {
  return {
    id: 'chatcmpl-test', object: 'chat.completion', created: 1_700_000_000, model: 'gpt-test', system_fingerprint: 'fp_test',
    choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
    usage,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const answerJson = (value: object) => (_req: ReceivedRequest, res: ServerResponse) => sendJson(res, 200, completion(JSON.stringify(value)));

describe('OpenAiAnswerer against an OpenAI-compatible HTTP server', () => {
  let server: Server;
  let baseURL: string;
  let received: ReceivedRequest[];
  let respond: Respond;
  let retriever: WordOverlapRetriever;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const request = { method: req.method, url: req.url, headers: req.headers, body: raw ? JSON.parse(raw) : undefined };
        received.push(request);
        respond(request, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received = [];
    retriever = new WordOverlapRetriever();
    respond = answerJson({ answer: 'Standard shipping takes 3-5 business days.', confidence: 0.82, sources: [1], intent: 'question' });
  });

  const answerer = (options: Partial<OpenAiAnswererOptions> = {}) =>
    new OpenAiAnswerer({ apiKey: API_KEY, baseURL, model: 'gpt-test', timeoutMs: 2000, maxRetries: 0, ...options }, retriever);

  const request = (overrides: Partial<AssistantRequest> = {}): AssistantRequest => ({
    companyId: 'company-1',
    text: 'How long does international shipping take?',
    ...overrides,
  });

  it('sends a grounded request: model, key, JSON mode, company prompt, numbered passages, history, question', async () => {
    await answerer().answer(request({
      systemPrompt: 'You are Ada, the assistant of Acme Outdoor.',
      history: [
        { role: 'customer', text: 'Hi' },
        { role: 'assistant', text: 'Hello! How can I help?' },
        { role: 'customer', text: 'How long does international shipping take?' },
      ],
    }));

    expect(received).toHaveLength(1);
    const [{ method, url, headers, body }] = received;
    expect([method, url]).toEqual(['POST', '/v1/chat/completions']);
    expect(headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(body.model).toBe('gpt-test');
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(retriever.queries).toEqual(['How long does international shipping take?']);

    const [system, ...rest] = body.messages;
    expect(system.role).toBe('system');
    expect(system.content.startsWith('You are Ada, the assistant of Acme Outdoor.')).toBe(true);
    expect(system.content).toContain('[1] International shipping\nInternational shipping takes 7-14 business days and is tracked.');
    expect(system.content).toContain('[2] How long does shipping take?\nStandard shipping takes 3-5 business days within the EU.');
    expect(system.content).not.toContain('reset my password');
    expect(system.content).toMatch(/JSON/);
    // The current question is sent once, last, even though the caller's history ended with it.
    expect(rest).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'How long does international shipping take?' },
    ]);
  });

  it('parses the answer: text, clamped confidence, cited passages as sources (unknown numbers dropped), usage', async () => {
    respond = answerJson({ answer: ' Usually 7-14 business days. ', confidence: 1.7, sources: [2, 1, 9, 2], intent: 'question' });
    const reply = await answerer().answer(request());

    expect(reply).toEqual({
      text: 'Usually 7-14 business days.',
      confidence: 1,
      sources: [
        { id: 'entry:shipping', title: 'How long does shipping take?', score: 0.5 },
        { id: 'chunk:intl', title: 'International shipping', score: 1 },
      ],
      intent: 'question',
      provider: 'openai',
      usage: { promptTokens: 321, completionTokens: 45, totalTokens: 366 },
    });
  });

  it('uses a default persona with the assistant name when the company has no prompt', async () => {
    await answerer().answer(request({ assistantName: 'Sunny' }));
    expect(received[0].body.messages[0].content).toMatch(/^You are Sunny, a friendly and concise customer support assistant/);
  });

  it('still asks the model when nothing matched, telling it no passage did, so a greeting is recognised', async () => {
    respond = answerJson({ answer: 'Hello! How can I help?', confidence: 1, sources: [1], intent: 'greeting' });
    const reply = await answerer().answer(request({ text: 'Hi!' }));

    expect(received[0].body.messages[0].content).toContain('Knowledge passages: none matched this message.');
    expect(reply).toMatchObject({ text: 'Hello! How can I help?', intent: 'greeting', sources: [] });
  });

  it('takes a non-JSON answer as text with low confidence and no sources', async () => {
    respond = (_req, res) => sendJson(res, 200, completion('Shipping takes about a week.'));
    const reply = await answerer().answer(request());
    expect(reply).toMatchObject({ text: 'Shipping takes about a week.', confidence: UNSTATED_CONFIDENCE, sources: [], intent: 'question', provider: 'openai' });
  });

  it.each([
    ['truncated JSON', completion('{"answer": "Shipping takes'), 'openai_bad_response: truncated_json'],
    ['empty content', completion(''), 'openai_bad_response: empty_content'],
    ['no choices', { ...completion('x'), choices: [] }, 'openai_bad_response: no_choices'],
  ])('rejects %s as a bad response', async (_label, body, reason) => {
    respond = (_req, res) => sendJson(res, 200, body);
    await expect(answerer().answer(request())).rejects.toMatchObject({ name: 'AssistantProviderError', reason });
  });

  it.each([
    [500, 'openai_error: 500'],
    [429, 'openai_error: 429'],
  ])('names an HTTP %i', async (status, reason) => {
    respond = (_req, res) => sendJson(res, status, { error: { message: 'busy', type: 'server_error' } });
    await expect(answerer().answer(request())).rejects.toMatchObject({ reason });
  });

  it('retries a 503 once by default, honouring retry-after-ms, then answers', async () => {
    let calls = 0;
    respond = (req, res) =>
      ++calls === 1
        ? sendJson(res, 503, { error: { message: 'overloaded' } }, { 'retry-after-ms': '10' })
        : answerJson({ answer: 'Done.', confidence: 0.9, sources: [1], intent: 'question' })(req, res);
    const reply = await answerer({ maxRetries: undefined }).answer(request());
    expect(reply.text).toBe('Done.');
    expect(received).toHaveLength(2);
  });

  it('never lets the key reach an error, even when the server echoes it', async () => {
    respond = (req, res) =>
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${req.headers.authorization?.slice(7)}`, code: 'invalid_api_key' } });
    const subject = answerer();
    const error = await subject.answer(request()).catch((e: unknown) => e);

    expect(received[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(error).toBeInstanceOf(AssistantProviderError);
    expect((error as AssistantProviderError).reason).toBe('openai_error: 401');
    expect((error as Error).message).toContain('Incorrect API key provided: [redacted]');
    expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    expect(inspect(subject, { depth: 10, showHidden: true })).not.toContain(API_KEY);
    expect(JSON.stringify(subject)).not.toContain(API_KEY);
  });

  describe('behind FallbackAssistant', () => {
    let fallback: CannedAssistant;
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    const assistant = (options: Partial<OpenAiAnswererOptions> = {}) => new FallbackAssistant(answerer(options), fallback, logger);

    beforeEach(() => {
      fallback = new CannedAssistant();
      warnings.length = 0;
    });

    afterEach(() => {
      for (const warning of warnings) expect(warning).not.toContain(API_KEY);
    });

    it('returns the OpenAI reply untouched when it works', async () => {
      const reply = await assistant().answer(request());
      expect(reply.provider).toBe('openai');
      expect(reply.fallbackReason).toBeUndefined();
      expect(fallback.calls).toBe(0);
    });

    it('answers with the fallback, in bounded time, when the server sleeps past the timeout', async () => {
      respond = () => undefined; // Never answers; the socket is closed in afterAll.
      const started = Date.now();
      const reply = await assistant({ timeoutMs: 300 }).answer(request());

      expect(Date.now() - started).toBeLessThan(2000);
      expect(reply).toMatchObject({ provider: 'embedded', text: 'From the embedded index.', fallbackReason: 'openai_timeout' });
      expect(warnings).toEqual([expect.stringContaining('openai_timeout')]);
    });

    it.each([500, 429])('answers with the fallback on HTTP %i', async (status) => {
      respond = (_req, res) => sendJson(res, status, { error: { message: 'nope' } });
      const reply = await assistant().answer(request());
      expect(reply).toMatchObject({ provider: 'embedded', fallbackReason: `openai_error: ${status}` });
    });

    it('answers with the fallback on malformed JSON content', async () => {
      respond = (_req, res) => sendJson(res, 200, completion('{"answer": "cut off'));
      const reply = await assistant().answer(request());
      expect(reply).toMatchObject({ provider: 'embedded', fallbackReason: 'openai_bad_response: truncated_json' });
    });

    it('answers with the fallback when the server is not reachable at all', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const reply = await assistant({ baseURL: `http://127.0.0.1:${port}/v1` }).answer(request());
      expect(reply).toMatchObject({ provider: 'embedded', fallbackReason: 'openai_connection_error' });
    });

    it('throws AssistantUnavailableError without the key when the fallback fails too', async () => {
      respond = (req, res) => sendJson(res, 401, { error: { message: `bad key ${req.headers.authorization}` } });
      const broken: Assistant = { answer: async () => Promise.reject(new Error('index not loaded')) };
      const error = await new FallbackAssistant(answerer(), broken, logger).answer(request()).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AssistantUnavailableError);
      expect((error as Error).message).toBe('no assistant could answer: primary openai_error: 401; fallback unexpected Error');
      expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    });
  });
});
