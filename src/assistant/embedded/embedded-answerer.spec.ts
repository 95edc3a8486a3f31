import type { KnowledgeDoc } from '../assistant.types';
import { DEFAULT_CONFIDENCE_THRESHOLD } from './confidence';
import { EmbeddedAnswerer, HUMAN_REQUEST_TEXT, UNKNOWN_ANSWER_TEXT } from './embedded-answerer';

const KNOWLEDGE: KnowledgeDoc[] = [
  { id: 'entry:password', title: 'How do I reset my password?', text: 'Click "Forgot password" on the sign-in page and follow the email.' },
  { id: 'entry:invoice', title: 'Where can I download my invoices?', text: 'Invoices are under Billing → History.' },
  { id: 'entry:delete', title: 'How do I delete my account?', text: 'Settings → Account → Delete account. This cannot be undone.' },
  { id: 'chunk:shipping', title: 'Shipping policy', text: 'Orders ship within two business days from our warehouse.' },
];

function answererWith(docs: KnowledgeDoc[] = KNOWLEDGE, companyId = 'acme'): EmbeddedAnswerer {
  const answerer = new EmbeddedAnswerer();
  answerer.load(companyId, docs);
  return answerer;
}

describe('EmbeddedAnswerer', () => {
  it('answers a question with the best document and a confident, cited reply', async () => {
    const reply = await answererWith().answer({ companyId: 'acme', text: 'I forgot my password, how can I reset it?' });
    expect(reply).toMatchObject({ text: KNOWLEDGE[0].text, intent: 'question', provider: 'embedded' });
    expect(reply.confidence).toBeGreaterThanOrEqual(DEFAULT_CONFIDENCE_THRESHOLD);
    expect(reply.sources[0]).toMatchObject({ id: 'entry:password', title: KNOWLEDGE[0].title });
    for (const source of reply.sources) {
      expect(source.score).toBeGreaterThan(0);
      expect(source.score).toBeLessThanOrEqual(1);
    }
  });

  it("replies with a chunk's passage", async () => {
    const reply = await answererWith().answer({ companyId: 'acme', text: 'how long does shipping take?' });
    expect(reply.text).toBe(KNOWLEDGE[3].text);
    expect(reply.sources[0].id).toBe('chunk:shipping');
  });

  it('says it does not know when nothing relevant matches', async () => {
    const reply = await answererWith().answer({ companyId: 'acme', text: 'What is the best sourdough recipe?' });
    expect(reply).toEqual({ text: UNKNOWN_ANSWER_TEXT, confidence: 0, sources: [], intent: 'unknown', provider: 'embedded' });
  });

  it('keeps a weak match below the default threshold', async () => {
    const reply = await answererWith().answer({ companyId: 'acme', text: 'can my warehouse team reset the delivery robot firmware?' });
    expect(reply.confidence).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
  });

  it('answers small talk without retrieval, using the assistant name', async () => {
    const answerer = answererWith();
    const greeting = await answerer.answer({ companyId: 'acme', text: 'Hello!', assistantName: 'Sam' });
    expect(greeting).toMatchObject({ intent: 'greeting', confidence: 1, sources: [], provider: 'embedded' });
    expect(greeting.text).toContain('Sam');
    expect(await answerer.answer({ companyId: 'acme', text: 'thanks a lot' })).toMatchObject({ intent: 'thanks', confidence: 1 });
    expect(await answerer.answer({ companyId: 'acme', text: 'bye!' })).toMatchObject({ intent: 'goodbye', confidence: 1 });
  });

  it('hands a request for a person over without answering', async () => {
    const reply = await answererWith().answer({ companyId: 'acme', text: 'I want to talk to a human about my invoice' });
    expect(reply).toEqual({ text: HUMAN_REQUEST_TEXT, confidence: 1, sources: [], intent: 'human_request', provider: 'embedded' });
  });

  it('treats a greeting followed by a question as a question', async () => {
    const reply = await answererWith().answer({ companyId: 'acme', text: 'hi, how do I reset my password?' });
    expect(reply.intent).toBe('question');
    expect(reply.sources[0].id).toBe('entry:password');
  });

  it('keeps companies apart and knows nothing about an unloaded one', async () => {
    const answerer = answererWith();
    answerer.load('globex', [{ id: 'entry:hours', title: 'Opening hours', text: 'We are open 9–5.' }]);
    expect(answerer.search('globex', 'reset password', 3)).toEqual([]);
    expect(answerer.search('acme', 'opening hours', 3)).toEqual([]);
    expect((await answerer.answer({ companyId: 'initech', text: 'reset password' })).intent).toBe('unknown');
  });

  it('sees an upsert or removal on the very next question', async () => {
    const answerer = answererWith();
    answerer.upsert('acme', { id: 'entry:refund', title: 'Can I get a refund?', text: 'Refunds are possible within 30 days.' });
    expect((await answerer.answer({ companyId: 'acme', text: 'refund please?' })).sources[0].id).toBe('entry:refund');
    expect(answerer.remove('acme', 'entry:refund')).toBe(true);
    expect(answerer.remove('acme', 'entry:refund')).toBe(false);
    expect((await answerer.answer({ companyId: 'acme', text: 'refund please?' })).intent).toBe('unknown');
    expect(answerer.documentCount('acme')).toBe(KNOWLEDGE.length);
  });

  it('serves raw passages as a KnowledgeRetriever', () => {
    const passages = answererWith().search('acme', 'download invoices', 2);
    expect(passages[0].doc).toEqual(KNOWLEDGE[1]);
    expect(passages[0].score).toBeGreaterThan(0);
  });

  it('forgets a company on unload', () => {
    const answerer = answererWith();
    answerer.unload('acme');
    expect(answerer.documentCount('acme')).toBe(0);
  });
});
