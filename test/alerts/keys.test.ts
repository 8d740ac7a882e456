import {
  alertKey,
  createAlertKeys,
  jobIds,
  parseAlertKey,
  subscriptionIdFor,
} from '../../src/alerts/keys.js';

const ref = { channelId: 'C0123ABC', actionId: 'action-ryh1uSaExmQqK72V', runId: 'run-KTuq99JSzgmDSvYj' };

test('BullMQ job and scheduler IDs never contain a colon', () => {
  const subscriptionId = subscriptionIdFor('C0123ABC', 'ws-4j8p6jX1w33MiDC7');
  const ids = [
    jobIds.pollScheduler(subscriptionId),
    jobIds.alert(ref),
    jobIds.burst('C0123ABC', 'abcdef0123'),
    jobIds.recovery(ref),
    jobIds.problem(subscriptionId, 1_700_000_000_000),
  ];
  for (const id of ids) expect(id).not.toContain(':');
  expect(jobIds.alert(ref)).toBe('alert-C0123ABC-action-ryh1uSaExmQqK72V-run-KTuq99JSzgmDSvYj');
  expect(jobIds.pollScheduler(subscriptionId)).toBe('poll-C0123ABC-ws-4j8p6jX1w33MiDC7');
});

test('a job ID that would contain a colon is refused instead of silently mangled', () => {
  expect(() => jobIds.alert({ ...ref, runId: 'run-a:b' })).toThrow(/must not contain ':'/);
});

test('keys share one prefix; BullMQ gets it without the trailing colon (hash tags kept)', () => {
  const keys = createAlertKeys();
  expect(keys.prefix).toBe('tfa:');
  expect(keys.bullPrefix).toBe('tfa');
  expect(keys.alerted(ref)).toBe('tfa:alerted:C0123ABC:action-ryh1uSaExmQqK72V:run-KTuq99JSzgmDSvYj');
  expect(keys.claim(ref)).toBe('tfa:claim:C0123ABC:action-ryh1uSaExmQqK72V:run-KTuq99JSzgmDSvYj');
  expect(keys.lastAlert('C1', 'action-a')).toBe('tfa:lastalert:C1:action-a');
  const tagged = createAlertKeys('{tfa}:');
  expect(tagged.bullPrefix).toBe('{tfa}');
  expect(tagged.cursor('s')).toBe('{tfa}:cursor:s');
  expect(createAlertKeys('custom').prefix).toBe('custom:');
  expect(() => createAlertKeys('')).toThrow();
});

test('alert keys round-trip', () => {
  expect(parseAlertKey(alertKey(ref))).toEqual(ref);
  expect(parseAlertKey('a:b')).toBeNull();
});
