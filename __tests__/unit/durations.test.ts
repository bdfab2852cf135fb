import { formatDuration } from '../../src/domain/durations.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [45_000, '45s'],
    [245_000, '4m 05s'],
    [3_720_000, '1h 02m'],
    [-5, '0s']
  ])('%p ms reads %p', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
