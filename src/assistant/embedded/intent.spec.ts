import { recognizeIntent } from './intent';

describe('recognizeIntent', () => {
  it.each([
    ['Hi', 'greeting'],
    ['hello there!', 'greeting'],
    ['Good morning :)', 'greeting'],
    ['hey, how are you?', 'greeting'],
    ['Is anyone there?', 'greeting'],
    ['Thanks!', 'thanks'],
    ['thank you so much for your help', 'thanks'],
    ['ok great, that helped, cheers', 'thanks'],
    ['Thanks, it worked!', 'thanks'],
    ['bye', 'goodbye'],
    ['Thanks, bye!', 'goodbye'],
    ["That's all, have a nice day", 'goodbye'],
    ['I want to talk to a human', 'human_request'],
    ['Can I speak with a real person please?', 'human_request'],
    ['agent', 'human_request'],
    ['Representative!', 'human_request'],
    ['connect me to your support team', 'human_request'],
    ['I need to talk to someone', 'human_request'],
    ["My invoice is wrong and I'd like to speak to a manager", 'human_request'],
    ["I don't want to talk to a bot", 'human_request'],
  ])('%p → %s', (text, intent) => {
    expect(recognizeIntent(text)).toBe(intent);
  });

  it.each([
    'hi, how do I reset my password?',
    'Hello, where can I download my invoices?',
    'thanks, but how do I export my data?',
    'How do I add an agent to my team?',
    'How can I chat with someone on Gmail?',
    'How do I say goodbye message settings',
    'high contrast mode',
    'ok',
    '',
    '   ?! ',
  ])('%p is not small talk', (text) => {
    expect(recognizeIntent(text)).toBeNull();
  });

  it("ignores the assistant's own name around a greeting", () => {
    expect(recognizeIntent('Hi Sam!', { assistantName: 'Sam' })).toBe('greeting');
    expect(recognizeIntent('Hi Sam!')).toBeNull();
  });
});
