import { describe, expect, it } from 'vitest';
import { changesOfJob, topicOfAction } from './topics.ts';

const ID = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('the topics of changes made outside the routes', () => {
  it('tells a write by its module and no read, export or preview', () => {
    expect(topicOfAction('exchange.move')).toBe('exchange');
    expect(topicOfAction('list.import')).toBe('lists');
    expect(topicOfAction('eligibility.evaluate')).toBe('agreements');
    expect(topicOfAction('reconciliation.release')).toBe('reconciliation');
    for (const read of ['exchange.read', 'list.export', 'eligibility.preview', 'inquiry.letter'])
      expect(topicOfAction(read)).toBeNull();
    expect(topicOfAction('auth.password.change')).toBeNull();
  });

  it("tells a job's mechanism and topics from its key", () => {
    expect(changesOfJob(`reconciliation:${ID}`)).toEqual([
      { mechanism: ID, topic: 'reconciliation' },
      { mechanism: ID, topic: 'outcomes' },
    ]);
    expect(changesOfJob(`inquiries:${ID.toUpperCase()}:UA:same`)).toEqual([
      { mechanism: ID, topic: 'inquiries' },
    ]);
    expect(changesOfJob('retention:nightly')).toEqual([]);
  });
});
