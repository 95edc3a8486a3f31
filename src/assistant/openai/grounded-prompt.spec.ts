import type { AssistantRequest, RetrievedPassage } from '../assistant.types';
import {
  buildGroundedMessages,
  MAX_HISTORY_TURNS,
  ModelAnswerError,
  parseModelAnswer,
  UNSTATED_CONFIDENCE,
} from './grounded-prompt';

const PASSAGES: RetrievedPassage[] = [
  { doc: { id: 'entry:a', title: 'Opening hours', text: 'We are open 9-17 on weekdays.' }, score: 4.2 },
  { doc: { id: 'chunk:b', title: 'Holiday\n  closures', text: 'Closed on public holidays.' }, score: 1.3 },
];

const request = (overrides: Partial<AssistantRequest> = {}): AssistantRequest => ({ companyId: 'c1', text: 'When are you open?', ...overrides });

describe('buildGroundedMessages', () => {
  it('puts persona, rules and numbered passages in one system message, then the question', () => {
    const messages = buildGroundedMessages(request({ systemPrompt: '  You are Max from Acme.  ' }), PASSAGES);
    expect(messages).toHaveLength(2);
    const [system, user] = messages;
    expect(system.role).toBe('system');
    expect(system.content.startsWith('You are Max from Acme.\n\nRules')).toBe(true);
    expect(system.content).toContain('[1] Opening hours\nWe are open 9-17 on weekdays.');
    expect(system.content).toContain('[2] Holiday closures\nClosed on public holidays.');
    expect(system.content).toContain('"sources": number[]');
    expect(user).toEqual({ role: 'user', content: 'When are you open?' });
  });

  it('falls back to a default persona when the company prompt is missing or blank', () => {
    expect(buildGroundedMessages(request({ systemPrompt: '  ' }), PASSAGES)[0].content).toMatch(/^You are the support assistant,/);
    expect(buildGroundedMessages(request({ assistantName: 'Ada' }), PASSAGES)[0].content).toMatch(/^You are Ada,/);
  });

  it('says so when no passage matched', () => {
    expect(buildGroundedMessages(request(), [])[0].content).toContain('Knowledge passages: none matched this message.');
  });

  it('truncates a very long passage', () => {
    const long: RetrievedPassage = { doc: { id: 'chunk:long', title: 'Long', text: 'x'.repeat(5000) }, score: 1 };
    const system = buildGroundedMessages(request(), [long])[0].content;
    expect(system).toContain(`${'x'.repeat(1499)}…`);
    expect(system).not.toContain('x'.repeat(1500));
  });

  it('maps history roles, marks agent turns, skips blank turns and keeps the last turns only', () => {
    const history = [
      ...Array.from({ length: 10 }, (_, i) => ({ role: 'customer' as const, text: `old ${i}` })),
      { role: 'assistant' as const, text: 'We open at 9.' },
      { role: 'customer' as const, text: '   ' },
      { role: 'agent' as const, text: 'Hi, Sam here.' },
    ];
    const messages = buildGroundedMessages(request({ history }), PASSAGES);
    const turns = messages.slice(1, -1);
    expect(turns).toHaveLength(MAX_HISTORY_TURNS);
    expect(turns.slice(-2)).toEqual([
      { role: 'assistant', content: 'We open at 9.' },
      { role: 'assistant', content: '(human agent) Hi, Sam here.' },
    ]);
    expect(turns[0]).toEqual({ role: 'user', content: 'old 6' });
  });

  it('does not send the current message twice when the history already ends with it', () => {
    const messages = buildGroundedMessages(request({ history: [{ role: 'customer', text: 'When are you open?' }] }), PASSAGES);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
  });
});

describe('parseModelAnswer', () => {
  it('reads a well-formed answer, turning passage numbers into 0-based indexes', () => {
    expect(parseModelAnswer('{"answer":"9-17","confidence":0.8,"sources":[1],"intent":"question"}', 2)).toEqual({
      text: '9-17', confidence: 0.8, passageIndexes: [0], intent: 'question', structured: true,
    });
  });

  it('keeps only passage numbers that were sent, once each, in citation order; accepts "2" and "[1]"', () => {
    const answer = parseModelAnswer('{"answer":"x","confidence":0.5,"sources":[2, 0, 3, -1, 1.5, "2", "[1]", null, 2]}', 2);
    expect(answer.passageIndexes).toEqual([1, 0]);
  });

  it.each([
    [1.7, 1],
    [-0.2, 0],
    [85, 0.85],
    [100, 1],
    [250, 1],
    ['0.4', 0.4],
    ['high', UNSTATED_CONFIDENCE],
    [null, UNSTATED_CONFIDENCE],
  ])('reads confidence %p as %p', (confidence, expected) => {
    expect(parseModelAnswer(JSON.stringify({ answer: 'x', confidence }), 1).confidence).toBe(expected);
  });

  it('defaults a missing or invalid intent to question', () => {
    expect(parseModelAnswer('{"answer":"x","intent":"smalltalk"}', 0).intent).toBe('question');
    expect(parseModelAnswer('{"answer":"x"}', 0).intent).toBe('question');
    expect(parseModelAnswer('{"answer":"Bye!","intent":"goodbye"}', 0).intent).toBe('goodbye');
  });

  it('unwraps code fences and prose around the object', () => {
    expect(parseModelAnswer('```json\n{"answer":"fenced","confidence":0.9}\n```', 0).text).toBe('fenced');
    expect(parseModelAnswer('Sure! {"answer":"inline","confidence":0.9} Hope that helps.', 0).text).toBe('inline');
    expect(parseModelAnswer('[{"answer":"in an array"}]', 0).text).toBe('in an array');
  });

  it('accepts the answer under a near-miss key', () => {
    expect(parseModelAnswer('{"reply":"via reply"}', 0).text).toBe('via reply');
  });

  it('takes plain prose as an unstructured answer with low confidence', () => {
    expect(parseModelAnswer('  We are open 9-17.  ', 2)).toEqual({
      text: 'We are open 9-17.', confidence: UNSTATED_CONFIDENCE, passageIndexes: [], intent: 'question', structured: false,
    });
  });

  it.each([
    ['null content', null, 'empty_content'],
    ['blank content', '  \n ', 'empty_content'],
    ['truncated JSON', '{"answer": "We are op', 'truncated_json'],
    ['JSON without an answer', '{"confidence": 0.9, "sources": [1]}', 'no_answer_field'],
    ['JSON with a blank answer', '{"answer": "  "}', 'no_answer_field'],
  ])('rejects %s', (_label, content, code) => {
    const failure = (() => {
      try {
        return parseModelAnswer(content, 2);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ModelAnswerError);
    expect((failure as ModelAnswerError).code).toBe(code);
  });
});
