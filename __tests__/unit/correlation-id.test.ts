import {
  GENERATED_ID_PATTERN,
  isValidCorrelationId,
  newCorrelationId
} from '../../src/domain/correlation-id.js';

describe('correlation IDs', () => {
  it('are YYYYMMDD-HHMMSS-<8 hex> in UTC', () => {
    const id = newCorrelationId(new Date('2026-03-04T05:06:07.890Z'), () =>
      Buffer.from([0xde, 0xad, 0xbe, 0xef])
    );
    expect(id).toBe('20260304-050607-deadbeef');
  });

  it('take their random part from the cryptographic source and differ from call to call', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newCorrelationId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(GENERATED_ID_PATTERN);
  });

  it.each([
    ['20261122-101500-0a1b2c3d', true],
    ['release-2026.11.22_1', true],
    ['short', false],
    ['has space-123', false],
    ['-leading-dash', false],
    ['x'.repeat(65), false],
    ['<!channel>-1234', false]
  ])('validates a brought ID %p as %p', (id, ok) => {
    expect(isValidCorrelationId(id)).toBe(ok);
  });
});
