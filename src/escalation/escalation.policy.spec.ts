import type { AssistantReply } from '../assistant/assistant.types';
import {
  decideReply,
  DecideReplyInput,
  ESCALATION_REASONS,
  isUnsure,
  matchEscalationKeyword,
} from './escalation.policy';

const SOURCES = [{ id: 'entry:shipping', title: 'How long does shipping take?', score: 0.9 }];

function reply(overrides: Partial<AssistantReply> = {}): AssistantReply {
  return {
    text: 'Shipping takes 3-5 business days.',
    confidence: 0.9,
    sources: SOURCES,
    intent: 'question',
    provider: 'embedded',
    ...overrides,
  };
}

function decide(overrides: Partial<DecideReplyInput> = {}) {
  return decideReply({
    message: 'How long does shipping take?',
    reply: reply(),
    settings: { confidenceThreshold: 0.6, escalationKeywords: ['refund', 'cancel my account', 'lawyer'] },
    previousUnsureReplies: 0,
    ...overrides,
  });
}

function reasonOf(decision: ReturnType<typeof decideReply>) {
  return decision.action === 'escalate' ? decision.reason : 'send';
}

describe('ESCALATION_REASONS', () => {
  it('lists exactly the public reason codes', () => {
    expect([...ESCALATION_REASONS].sort()).toEqual(
      ['agent_transfer', 'ai_unavailable', 'customer_request', 'keyword', 'low_confidence', 'negative_sentiment', 'no_answer', 'repeated_failure'],
    );
  });
});

describe('decideReply', () => {
  describe('each reason', () => {
    it('sends a confident, grounded answer', () => {
      expect(decide()).toEqual({ action: 'send' });
    });

    it('ai_unavailable when there is no reply, with nothing for the agent', () => {
      expect(decide({ reply: null })).toEqual({ action: 'escalate', reason: 'ai_unavailable', confidence: null, draft: null, sources: [] });
    });

    it('customer_request when the assistant saw a request for a human; the handoff text is no draft', () => {
      const decision = decide({ message: 'Can I talk to a person?', reply: reply({ intent: 'human_request', text: 'Connecting you.', sources: [] }) });
      expect(decision).toEqual({ action: 'escalate', reason: 'customer_request', confidence: 0.9, draft: null, sources: [] });
    });

    it('keyword when a company keyword is in the message, carrying the confident answer as a draft', () => {
      const decision = decide({ message: 'I want a refund for order 42' });
      expect(decision).toEqual({ action: 'escalate', reason: 'keyword', confidence: 0.9, draft: 'Shipping takes 3-5 business days.', sources: SOURCES });
    });

    it('negative_sentiment for an angry message even when the bot is sure', () => {
      expect(reasonOf(decide({ message: 'This is ridiculous, where is my parcel?' }))).toBe('negative_sentiment');
    });

    it.each([
      ['intent unknown', { intent: 'unknown' as const }],
      ['no sources', { sources: [] }],
      ['confidence 0', { confidence: 0 }],
      ['empty text', { text: '   ' }],
    ])('no_answer when %s', (_label, overrides) => {
      expect(reasonOf(decide({ reply: reply(overrides) }))).toBe('no_answer');
    });

    it('low_confidence below the threshold, with the draft, confidence and sources for the agent', () => {
      const decision = decide({ reply: reply({ confidence: 0.42 }) });
      expect(decision).toEqual({ action: 'escalate', reason: 'low_confidence', confidence: 0.42, draft: 'Shipping takes 3-5 business days.', sources: SOURCES });
    });

    it('does not pass a canned "I don\'t know" as a draft', () => {
      const decision = decide({ reply: reply({ intent: 'unknown', text: "Sorry, I don't know.", sources: [], confidence: 0 }) });
      expect(decision).toMatchObject({ reason: 'no_answer', draft: null });
    });

    it.each(['greeting', 'thanks', 'goodbye'] as const)('sends %s replies without sources or confidence', (intent) => {
      expect(decide({ message: 'hi', reply: reply({ intent, text: 'Hello!', sources: [], confidence: 0 }) })).toEqual({ action: 'send' });
    });

    it('never returns agent_transfer: that one is set by the chat', () => {
      const messages = ['hi', 'refund', 'this is useless', 'How long does shipping take?'];
      const replies = [null, reply(), reply({ confidence: 0.1 }), reply({ intent: 'human_request' })];
      for (const message of messages) for (const r of replies) expect(reasonOf(decide({ message, reply: r }))).not.toBe('agent_transfer');
    });
  });

  describe('precedence', () => {
    const angryRefund = 'This is ridiculous, I want a refund';

    it('ai_unavailable beats keyword and sentiment', () => {
      expect(reasonOf(decide({ message: angryRefund, reply: null }))).toBe('ai_unavailable');
    });

    it('customer_request beats keyword and sentiment', () => {
      expect(reasonOf(decide({ message: angryRefund, reply: reply({ intent: 'human_request' }) }))).toBe('customer_request');
    });

    it('keyword beats sentiment', () => {
      expect(reasonOf(decide({ message: angryRefund }))).toBe('keyword');
    });

    it('sentiment beats low confidence and no answer', () => {
      expect(reasonOf(decide({ message: 'useless bot!!!', reply: reply({ confidence: 0.1 }) }))).toBe('negative_sentiment');
      expect(reasonOf(decide({ message: 'useless bot!!!', reply: reply({ intent: 'unknown' }) }))).toBe('negative_sentiment');
    });

    it('keyword and sentiment are checked even on small talk', () => {
      expect(reasonOf(decide({ message: 'Hi, I need a lawyer', reply: reply({ intent: 'greeting' }) }))).toBe('keyword');
      expect(reasonOf(decide({ message: 'Thanks for nothing, you idiots', reply: reply({ intent: 'thanks' }) }))).toBe('negative_sentiment');
    });

    it('no_answer beats low_confidence when both hold', () => {
      expect(reasonOf(decide({ reply: reply({ sources: [], confidence: 0.2 }) }))).toBe('no_answer');
    });
  });

  describe('threshold edges', () => {
    it('sends exactly at the threshold', () => {
      expect(decide({ reply: reply({ confidence: 0.6 }) })).toEqual({ action: 'send' });
    });

    it('escalates just below the threshold', () => {
      expect(reasonOf(decide({ reply: reply({ confidence: 0.5999 }) }))).toBe('low_confidence');
    });

    it('treats float noise at the threshold as at the threshold', () => {
      const settings = { confidenceThreshold: 0.2, escalationKeywords: [] };
      expect(0.3 - 0.1).toBeLessThan(0.2);
      expect(decide({ settings, reply: reply({ confidence: 0.3 - 0.1 }) })).toEqual({ action: 'send' });
    });

    it('a threshold of 0 sends any grounded answer; a threshold of 1 only certain ones', () => {
      expect(decide({ settings: { confidenceThreshold: 0, escalationKeywords: [] }, reply: reply({ confidence: 0.01 }) })).toEqual({ action: 'send' });
      expect(reasonOf(decide({ settings: { confidenceThreshold: 1, escalationKeywords: [] }, reply: reply({ confidence: 0.99 }) }))).toBe('low_confidence');
      expect(decide({ settings: { confidenceThreshold: 1, escalationKeywords: [] }, reply: reply({ confidence: 1 }) })).toEqual({ action: 'send' });
    });

    it('a NaN or out-of-range confidence never passes for certainty', () => {
      expect(reasonOf(decide({ reply: reply({ confidence: Number.NaN }) }))).toBe('no_answer');
      expect(decide({ reply: reply({ confidence: 7 }) })).toEqual({ action: 'send' });
      expect(decide({ message: 'refund', reply: reply({ confidence: 7 }) })).toMatchObject({ confidence: 1 });
    });
  });

  describe('repeated_failure', () => {
    it('replaces no_answer on the second unsure turn in a row', () => {
      expect(reasonOf(decide({ reply: reply({ intent: 'unknown' }), previousUnsureReplies: 1 }))).toBe('repeated_failure');
    });

    it('replaces low_confidence on the second unsure turn in a row, keeping the draft', () => {
      const decision = decide({ reply: reply({ confidence: 0.3 }), previousUnsureReplies: 3 });
      expect(decision).toMatchObject({ reason: 'repeated_failure', confidence: 0.3, draft: 'Shipping takes 3-5 business days.' });
    });

    it('is not used on the first unsure turn', () => {
      expect(reasonOf(decide({ reply: reply({ confidence: 0.3 }), previousUnsureReplies: 0 }))).toBe('low_confidence');
    });

    it('does not stop a confident answer after unsure turns', () => {
      expect(decide({ previousUnsureReplies: 2 })).toEqual({ action: 'send' });
    });

    it('does not override the stronger reasons', () => {
      expect(reasonOf(decide({ message: 'refund please', reply: reply({ confidence: 0.1 }), previousUnsureReplies: 2 }))).toBe('keyword');
      expect(reasonOf(decide({ reply: null, previousUnsureReplies: 2 }))).toBe('ai_unavailable');
    });
  });
});

describe('isUnsure', () => {
  it.each([
    ['a missing reply', null, true],
    ['a confident answer', reply(), false],
    ['an answer exactly at the threshold', reply({ confidence: 0.6 }), false],
    ['a low-confidence answer', reply({ confidence: 0.59 }), true],
    ['an unknown intent', reply({ intent: 'unknown' }), true],
    ['an answer without sources', reply({ sources: [] }), true],
    ['a greeting', reply({ intent: 'greeting', sources: [], confidence: 0 }), false],
    ['a request for a human', reply({ intent: 'human_request', sources: [], confidence: 0 }), false],
  ])('%s → %s', (_label, r, expected) => {
    expect(isUnsure(r, 0.6)).toBe(expected);
  });

  it('agrees with decideReply on every reply the policy would call unsure', () => {
    for (const confidence of [0, 0.3, 0.6, 0.9]) {
      for (const sources of [[], SOURCES]) {
        const r = reply({ confidence, sources });
        const reason = reasonOf(decide({ reply: r }));
        expect(isUnsure(r, 0.6)).toBe(reason === 'no_answer' || reason === 'low_confidence');
      }
    }
  });
});

describe('matchEscalationKeyword', () => {
  const keywords = ['refund', 'cancel my account', 'C++', 'GDPR'];

  it.each([
    ['exact word', 'refund', 'refund'],
    ['any case', 'I want a REFUND now', 'refund'],
    ['followed by punctuation', 'Refund?', 'refund'],
    ['in quotes', 'what is your "refund" policy', 'refund'],
    ['possessive', "the refund's status", 'refund'],
    ['multi-word phrase', 'Please cancel my account today', 'cancel my account'],
    ['phrase across a line break and extra spaces', 'cancel   my\naccount', 'cancel my account'],
    ['phrase in another case', 'CANCEL MY ACCOUNT!', 'cancel my account'],
    ['keyword ending in a symbol', 'do you hire C++ developers', 'C++'],
    ['acronym', 'Are you gdpr compliant?', 'GDPR'],
  ])('matches %s', (_label, message, expected) => {
    expect(matchEscalationKeyword(message, keywords)).toBe(expected);
  });

  it.each([
    ['inside another word (prefix)', 'Is this refundable?'],
    ['inside another word (suffix)', 'nonrefund items'],
    ['inflected form', 'I was refunded already'],
    ['phrase with a word missing', 'cancel the account'],
    ['phrase words split by punctuation', 'cancel, my account'],
    ['phrase as part of a longer word', 'cancel my accountant'],
    ['nothing related', 'How long does shipping take?'],
  ])('does not match %s', (_label, message) => {
    expect(matchEscalationKeyword(message, keywords)).toBeNull();
  });

  it('ignores blank keywords and treats regex characters literally', () => {
    expect(matchEscalationKeyword('anything at all', ['', '   '])).toBeNull();
    expect(matchEscalationKeyword('price is 5 dollars', ['.*'])).toBeNull();
    expect(matchEscalationKeyword('pay (now)', ['(now)'])).toBe('(now)');
  });

  it('matches curly and straight apostrophes alike', () => {
    expect(matchEscalationKeyword('I can\u2019t pay', ["can't pay"])).toBe("can't pay");
    expect(matchEscalationKeyword("I can't pay", ['can\u2019t pay'])).toBe('can\u2019t pay');
  });
});
