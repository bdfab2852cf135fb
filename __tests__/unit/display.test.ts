import { DISPLAY_MAX, displayText, safeJson, shown } from '../../src/domain/display.js';
import { numberAccepted, readNumber } from '../../src/domain/numbers.js';
import { numberFlag } from '../../src/cli/flags.js';

// The one way stored text is shown (displayText), what an operator typed is quoted (shown), and
// --json is written (safeJson); and the one reading of a typed number (readNumber).

/** Every character a terminal or a reader could be fooled by: controls, bidi, zero-width. */
const HIDDEN = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u2028',
  '\u2029',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
  // Unpaired surrogates (low before high: no pair when joined).
  '\udfff',
  '\ud800'
];

describe('displayText: stored text as the CLI shows it', () => {
  it('leaves ordinary text as it is, accents, emoji and backslashes too', () => {
    for (const t of ['incident INC-42', 'Änderung 🚀 déployée', 'C:\\path', 'a "quoted" word', ''])
      expect(displayText(t)).toBe(t);
  });

  it('turns a terminal escape, newlines and tabs into visible escapes', () => {
    expect(displayText('\u001b[2Jgone')).toBe('\\u001b[2Jgone');
    expect(displayText('one\ntwo\r\tthree')).toBe('one\\ntwo\\r\\tthree');
    expect(displayText('csi \u009b2J del \u007f')).toBe('csi \\u009b2J del \\u007f');
  });

  it('turns bidirectional controls and zero-width characters into visible escapes', () => {
    expect(displayText('abc\u202egpj.exe')).toBe('abc\\u202egpj.exe');
    expect(displayText('pro\u200bduction\ufeff')).toBe('pro\\u200bduction\\ufeff');
    expect(displayText('\u2066x\u2069')).toBe('\\u2066x\\u2069');
  });

  it('escapes every hidden character, so that none is left in what it shows', () => {
    const out = displayText(HIDDEN.join(''), 1000);
    for (const c of HIDDEN) expect(out).not.toContain(c);
    expect(out).toMatch(/^[\x20-\x7e]+$/);
  });

  it('cuts a long value, with an ellipsis and its original length', () => {
    const long = 'x'.repeat(10_000);
    expect(displayText(long)).toBe(`${'x'.repeat(DISPLAY_MAX)}… (10000 characters)`);
    expect(displayText('x'.repeat(DISPLAY_MAX))).toBe('x'.repeat(DISPLAY_MAX));
    expect(displayText('abcdef', 3)).toBe('abc… (6 characters)');
  });

  it('never splits a surrogate pair when it cuts', () => {
    expect(displayText('ab🚀cd', 3)).toBe('ab… (6 characters)');
  });

  it('shows something that is not a string (an item written by hand) as its string form', () => {
    expect(displayText(42 as unknown as string)).toBe('42');
  });
});

describe('shown: what an operator typed, quoted in a refusal', () => {
  it('is a JSON string with the hidden characters escaped, cut at 80', () => {
    expect(shown('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(shown('\u001b[2J\u202e\u200b')).toBe('"\\u001b[2J\\u202e\\u200b"');
    expect(shown('x'.repeat(10_000))).toBe(`"${'x'.repeat(80)}"… (10000 characters)`);
  });
});

describe('safeJson: --json', () => {
  it('parses back to exactly the stored values, with no hidden character written as it is', () => {
    const value = { reason: HIDDEN.join('x'), nested: [{ id: 'a\u202eb' }], n: 7 };
    for (const indent of [undefined, 2]) {
      const text = safeJson(value, indent);
      expect(JSON.parse(text)).toEqual(value);
      for (const c of HIDDEN.filter((h) => h !== '\n' && h !== ' ')) expect(text).not.toContain(c);
      expect(text).toContain('\\u202e');
    }
  });

  it('keeps the layout of JSON.stringify', () => {
    expect(safeJson({ a: [1, 'b'] }, 2)).toBe(JSON.stringify({ a: [1, 'b'] }, null, 2));
  });
});

describe('readNumber: plain decimal digits in range', () => {
  const whole = { min: 1, max: 1000, integer: true };
  it.each([
    ['1', 1],
    ['20', 20],
    ['007', 7],
    ['1000', 1000]
  ])('%j is %d', (text, n) => expect(readNumber(text, whole)).toBe(n));

  it.each([
    '1e3',
    '0x10',
    '0b1',
    '0o7',
    '-1',
    '+5',
    'abc',
    '',
    ' 5',
    '5 ',
    '1.0',
    '1.5',
    '0',
    '1001',
    'Infinity',
    'NaN',
    '١٢'
  ])('%j is refused as a whole number from 1 to 1000', (text) =>
    expect(readNumber(text, whole)).toBeUndefined()
  );

  it('refuses a whole number past what a double holds exactly', () => {
    expect(
      readNumber('9007199254740993', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true })
    ).toBeUndefined();
    expect(
      readNumber(String(Number.MAX_SAFE_INTEGER), {
        min: 1,
        max: Number.MAX_SAFE_INTEGER,
        integer: true
      })
    ).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('takes decimals only when the rule does, and 0 only when it says so', () => {
    const seconds = { min: 0.5, max: 3600 };
    expect(readNumber('0.5', seconds)).toBe(0.5);
    expect(readNumber('.5', seconds)).toBe(0.5);
    expect(readNumber('2.', seconds)).toBe(2);
    for (const bad of ['1e3', '0x10', '-1', '0', '5e-1'])
      expect(readNumber(bad, seconds)).toBeUndefined();
    expect(readNumber('0', { ...seconds, zero: true })).toBe(0);
  });

  it('says what it accepts', () => {
    expect(numberAccepted(whole)).toBe('a whole number from 1 to 1000 in plain digits');
    expect(numberAccepted({ min: 0.5, max: 3600 }, 'seconds')).toBe(
      'a number of seconds from 0.5 to 3600'
    );
  });
});

describe('numberFlag: a CLI flag read with readNumber', () => {
  const limit = { min: 1, max: 1000, integer: true, default: 20 };
  it('is the default when not given, the number when valid', () => {
    expect(numberFlag('limit', undefined, limit)).toBe(20);
    expect(numberFlag('limit', '5', limit)).toBe(5);
  });

  it('refuses anything else, naming the flag, the value shown safely, and what it accepts', () => {
    expect(numberFlag('limit', '-1', limit)).toEqual({
      problem:
        '--limit is "-1": expected a whole number from 1 to 1000 in plain digits (default 20).'
    });
    expect(numberFlag('fence', '1e3', { min: 1, max: 9, integer: true })).toEqual({
      problem: '--fence is "1e3": expected a whole number from 1 to 9 in plain digits.'
    });
    expect(numberFlag('limit', '\u001b[2J', limit)).toEqual({
      problem:
        '--limit is "\\u001b[2J": expected a whole number from 1 to 1000 in plain digits (default 20).'
    });
  });
});
