import { ConfigError, parseConfig } from '../../src/config/config.js';
import type { InputName } from '../../src/config/inputs.js';

// The action's `Invalid input` error shows a value as the CLI shows what an operator typed:
// quoted, every control, bidirectional and zero-width character a visible escape, cut when long.

function invalid(inputs: Partial<Record<InputName, string>>, env = { AWS_REGION: 'us-east-1' }) {
  try {
    parseConfig((name) => inputs[name] ?? '', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** Nothing that could act on a terminal or reorder the line: printable ASCII and the ellipsis. */
const SAFE = /^[\x20-\x7e…\n]*$/;

describe('Invalid input shows the value safely', () => {
  it.each([
    [
      'a bidirectional override',
      { environment: 'prod\u202enoitcudorp' },
      '"prod\\u202enoitcudorp"'
    ],
    ['a zero-width space', { environment: 'pro\u200bduction' }, '"pro\\u200bduction"'],
    ['a byte-order mark', { 'stack-name': 'App\ufeffStack' }, '"App\\ufeffStack"'],
    ['a C1 control', { region: 'us-east-1\u009b' }, '"us-east-1\\u009b"']
  ])('%s: escaped in the message', (_, inputs, expected) => {
    const message = invalid({ 'stack-name': 'AppStack', ...inputs });
    expect(message).toMatch(/^Invalid input: '[a-z-]+' is /);
    expect(message).toContain(expected);
    expect(message).toMatch(SAFE);
  });

  it('a 10,000-character value is cut, with its length', () => {
    const message = invalid({ 'stack-name': 'AppStack', 'correlation-id': 'x'.repeat(10_000) });
    expect(message).toContain(
      `'correlation-id' is "${'x'.repeat(80)}"… (10000 characters): expected`
    );
    expect(message.length).toBeLessThan(400);
  });

  it('a bad region from the environment is escaped too', () => {
    const message = invalid({ 'stack-name': 'AppStack' }, { AWS_REGION: 'mars\u202e' });
    expect(message).toContain('AWS_REGION is "mars\\u202e"');
    expect(message).toMatch(SAFE);
  });

  it('a stack listed twice is named escaped', () => {
    const message = invalid({ 'stack-name': 'A\u202e,A\u202e' });
    expect(message).toContain('lists A\\u202e more than once');
    expect(message).toMatch(SAFE);
  });
});
