import { reasonsGivenIn } from '@cadres/testing';
import { RefusalReason } from './refusal-reasons';

// A reason missing from the enum would fail the whole payload at serialization: list every one.
describe('personnel refusal reasons', () => {
  const given = reasonsGivenIn(__dirname);

  it('lists every reason the code gives', () => {
    expect([...given].filter((reason) => !(reason in RefusalReason))).toEqual([]);
  });

  it('lists no reason the code no longer gives', () => {
    expect(Object.keys(RefusalReason).filter((reason) => !given.has(reason))).toEqual([]);
  });
});
