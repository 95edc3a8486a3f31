import { detectNegativeSentiment, NEGATIVE_SCORE } from './sentiment';

describe('detectNegativeSentiment', () => {
  describe('flags angry, frustrated or abusive messages', () => {
    it.each([
      ['profanity', 'This fucking app lost my order'],
      ['starred profanity', 'what a load of sh*t'],
      ['starred profanity (f**k)', 'f**k this, I want my money'],
      ['bullshit', 'That answer is bullshit'],
      ['insult', 'you are all idiots'],
      ['insult aimed at the bot', 'stupid bot'],
      ['"this is ridiculous"', 'This is ridiculous.'],
      ['"worst"', 'Worst support I have ever had'],
      ['"useless"', 'Your assistant is useless'],
      ['"unacceptable"', 'Three days without a reply is unacceptable'],
      ['scam', 'This company is a scam'],
      ['asked three times', "I've asked three times already about my invoice"],
      ['asked with curly apostrophe', 'I\u2019ve asked you twice'],
      ['told 5 times', 'I told your colleague 5 times'],
      ['how many times', 'How many times do I have to explain this'],
      ['third time', 'This is the third time I write to you'],
      ['waste of time', 'what a waste of my time'],
      ['fed up', "I'm fed up with this service"],
      ['sick and tired', 'sick and tired of waiting'],
      ['are you kidding', 'Are you kidding me?'],
      ['what the hell', 'what the hell happened to my account'],
      ['is a joke', 'your support is a complete joke'],
      ['rip-off', 'this plan is a rip-off'],
      ['nobody helps', 'nobody is helping me here'],
      ['shouting with exclamation', 'WHERE IS MY ORDER! I PAID LAST WEEK!'],
      ['two mild signals', 'This is terrible and so frustrating'],
      ['mild word with !!!', 'This is awful!!!'],
      ['still not working with !!!', 'It is still not working!!!'],
      ['furious', 'I am furious'],
      ['hate', 'I hate this app'],
    ])('%s: "%s"', (_label, text) => {
      const result = detectNegativeSentiment(text);
      expect(result.negative).toBe(true);
      expect(result.score).toBeGreaterThanOrEqual(NEGATIVE_SCORE);
      expect(result.matches.length).toBeGreaterThan(0);
    });
  });

  describe('leaves ordinary support messages alone', () => {
    it.each([
      ['payment problem', 'My payment failed'],
      ['error report', 'I get an error 500 when I upload a file'],
      ['login problem', "I can't log in to my account"],
      ['urgent problem with !!!', 'My payment failed!!!'],
      ['happy with !!!', 'Thank you so much!!!'],
      ['negated mild word', 'The new dashboard is not bad at all'],
      ['negated strong word', "Honestly it isn't the worst, just slow"],
      ['negated with fillers', 'not that terrible really'],
      ["negation with don't", "I don't hate it"],
      ['worst case', 'What happens in the worst case if my card expires?'],
      ['hate to bother', 'I hate to bother you, but where is my invoice?'],
      ['stupid question', 'Sorry, stupid question: how do I reset my password?'],
      ['self-directed', 'I feel so stupid, I forgot my password'],
      ['self-deprecating mild word', "I'm terrible with computers, how do I export a CSV?"],
      ['one acronym in caps', 'Does the VPN support SSO?'],
      ['short caps', 'OK THX'],
      ['caps without anger or !', 'HOW DO I CHANGE MY EMAIL ADDRESS'],
      ['lexicon word inside a longer word', 'Is the scampi on the menu gluten free?'],
      ['"asked" without repetition', 'I asked about pricing yesterday'],
      ['"second time" is not escalation-worthy', 'I tried a second time and it worked'],
      ['"joke" not about the service', 'Tell me a joke'],
      ['"trash" as a folder', 'How do I empty the trash folder?'],
      ['fraud report is a problem', 'I think there is fraud on my card'],
      ['"still" without a complaint', 'Is the discount still available?'],
      ['greeting', 'Hello there'],
      ['empty', ''],
    ])('%s: "%s"', (_label, text) => {
      expect(detectNegativeSentiment(text).negative).toBe(false);
    });
  });

  it('scores zero and matches nothing for a neutral question', () => {
    expect(detectNegativeSentiment('How do I change my billing address?')).toEqual({ negative: false, score: 0, matches: [] });
  });

  it('negation cancels the word it governs, so the score drops to zero', () => {
    expect(detectNegativeSentiment('this is terrible').score).toBe(1);
    expect(detectNegativeSentiment('this is not terrible').score).toBe(0);
  });

  it('negation does not reach across a clause break', () => {
    expect(detectNegativeSentiment("No. This is ridiculous").negative).toBe(true);
    expect(detectNegativeSentiment("I don't know, but it's useless").negative).toBe(true);
  });

  it('negation does not reach across a content word ("can\'t believe how useless")', () => {
    expect(detectNegativeSentiment("I can't believe how useless this is").negative).toBe(true);
  });

  it('profanity is not cancelled by a negator', () => {
    expect(detectNegativeSentiment("it's not fucking working").negative).toBe(true);
  });

  it('mild signals count once each and need company to be negative', () => {
    const alone = detectNegativeSentiment('My card was declined!!!');
    expect(alone).toEqual({ negative: false, score: 1, matches: ['!!!'] });
    const withCaps = detectNegativeSentiment('WHY WAS MY CARD DECLINED');
    expect(withCaps.matches).toEqual(['shouting']);
    expect(withCaps.negative).toBe(false);
  });

  it('reports every signal it used', () => {
    const result = detectNegativeSentiment('THIS IS THE WORST SERVICE EVER!!!');
    expect(result.matches).toEqual(expect.arrayContaining(['worst', 'shouting', '!!!']));
    expect(result.score).toBe(2 + 2 + 1);
  });
});
