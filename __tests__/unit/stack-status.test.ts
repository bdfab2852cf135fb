import { StackStatus } from '@aws-sdk/client-cloudformation';
import {
  DOES_NOT_EXIST,
  STACK_STATUSES,
  classifyStatus,
  type StackStatusClass
} from '../../src/domain/stack-status.js';

const sdkStatuses = Object.values(StackStatus) as string[];

describe('stack status classification', () => {
  it.each(sdkStatuses)('classifies the SDK status %s', (status) => {
    // A status AWS adds shows up here first: classify it in STACK_STATUSES.
    expect(Object.keys(STACK_STATUSES)).toContain(status);
  });

  it('classifies nothing the SDK does not know', () => {
    expect(Object.keys(STACK_STATUSES).sort()).toEqual([...sdkStatuses].sort());
  });

  const expected: Record<string, StackStatusClass> = {
    CREATE_IN_PROGRESS: 'in-progress',
    UPDATE_IN_PROGRESS: 'in-progress',
    UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'in-progress',
    UPDATE_ROLLBACK_IN_PROGRESS: 'in-progress',
    REVIEW_IN_PROGRESS: 'in-progress',
    CREATE_COMPLETE: 'stable',
    UPDATE_COMPLETE: 'stable',
    UPDATE_ROLLBACK_COMPLETE: 'stable-after-failure',
    UPDATE_FAILED: 'blocked',
    UPDATE_ROLLBACK_FAILED: 'blocked',
    ROLLBACK_COMPLETE: 'blocked',
    DELETE_COMPLETE: 'does-not-exist'
  };
  it.each(Object.entries(expected))('%s is %s', (status, cls) => {
    expect(classifyStatus(status).class).toBe(cls);
  });

  it('every *_IN_PROGRESS status is in progress and no other is', () => {
    for (const s of sdkStatuses) {
      expect(classifyStatus(s).class === 'in-progress').toBe(s.endsWith('_IN_PROGRESS'));
    }
  });

  it('names the action a blocked stack needs', () => {
    expect(classifyStatus('UPDATE_FAILED').needs).toBe('rollback');
    expect(classifyStatus('CREATE_FAILED').needs).toBe('rollback');
    expect(classifyStatus('UPDATE_ROLLBACK_FAILED').needs).toBe('continue-rollback');
    expect(classifyStatus('ROLLBACK_COMPLETE').needs).toBe('delete');
    expect(classifyStatus('DELETE_FAILED').needs).toBe('delete');
    for (const s of sdkStatuses) {
      const info = classifyStatus(s);
      expect(info.needs !== undefined).toBe(info.class === 'blocked');
    }
  });

  it('treats a missing stack as does-not-exist and an unknown future status as in progress', () => {
    expect(classifyStatus(DOES_NOT_EXIST).class).toBe('does-not-exist');
    expect(classifyStatus(undefined).class).toBe('does-not-exist');
    expect(classifyStatus('SOME_FUTURE_STATUS').class).toBe('in-progress');
  });
});
