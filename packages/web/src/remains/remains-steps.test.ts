import { permissionsOfRole, type Role } from '@parley/kernel/access';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../api/types.ts';
import { examinationsOf, nextStepOf, parseBags } from './remains-steps.ts';

const grant = (role: Role, party: string | null): Grant => ({
  mechanismId: 'm',
  role,
  party,
  permissions: permissionsOfRole(role),
});
const officer = (party: string): Grant => grant('party_officer', party);
const verifier = grant('neutral_verifier', null);
const mediator = grant('mediator', null);

describe('the steps of a batch of remains in the browser', () => {
  it('offers each step only to the side that takes it', () => {
    const batch = { from: 'RU', to: 'UA' };
    expect(nextStepOf({ ...batch, state: 'offered' }, officer('UA'))).toBe('accepted');
    expect(nextStepOf({ ...batch, state: 'offered' }, officer('RU'))).toBeNull();
    expect(nextStepOf({ ...batch, state: 'accepted' }, officer('RU'))).toBe('transferred');
    expect(nextStepOf({ ...batch, state: 'transferred' }, officer('UA'))).toBe('received');
    expect(nextStepOf({ ...batch, state: 'received' }, officer('UA'))).toBeNull();
    expect(nextStepOf({ ...batch, state: 'offered' }, mediator)).toBeNull();
  });

  it('lets the receiving side and the verifier examine a received bag, and closes a foreign one', () => {
    const received = { state: 'received' as const, to: 'UA' };
    expect(examinationsOf(received, { state: 'pending' }, officer('UA'))).toContain('examined');
    expect(examinationsOf(received, { state: 'pending' }, verifier)).toContain('foreign');
    expect(examinationsOf(received, { state: 'pending' }, officer('RU'))).toEqual([]);
    expect(examinationsOf(received, { state: 'foreign' }, officer('UA'))).toEqual([]);
    expect(examinationsOf(received, { state: 'identified' }, officer('UA'))).not.toContain(
      'examined',
    );
    expect(
      examinationsOf({ state: 'transferred', to: 'UA' }, { state: 'pending' }, officer('UA')),
    ).toEqual([]);
  });

  it('reads the bodies per bag as typed, or names the first wrong entry', () => {
    expect(parseBags('1, 2,1')).toEqual({ bags: [1, 2, 1] });
    expect(parseBags('1, 0, 2')).toEqual({ wrong: '0' });
    expect(parseBags('1, two')).toEqual({ wrong: 'two' });
    expect(parseBags('  ')).toEqual({ wrong: '' });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1 }), (bags) => {
        expect(parseBags(bags.join(', '))).toEqual({ bags });
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseBags(text);
        if ('bags' in parsed) expect(parsed.bags.every((n) => n >= 1 && n <= 20)).toBe(true);
      }),
    );
  });
});
