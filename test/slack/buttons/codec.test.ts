import { ButtonCodec, ButtonValueError, MAX_BUTTON_VALUE } from '../../../src/slack/buttons/codec.js';
import type { ButtonPayload } from '../../../src/slack/buttons/payloads.js';

const codec = new ButtonCodec('a-signing-key-for-tests');

test.each<ButtonPayload>([
  { kind: 'query', command: 'runs action-abc status:not_successful page:2' },
  { kind: 'share', command: 'actions ws-abc' },
  { kind: 'thread', command: 'invocations action-abc run-xyz' },
  { kind: 'mute', actionId: 'action-abc', durationSeconds: 86400 },
])('%o round-trips in its channel', (payload) => {
  const value = codec.encode(payload, 'C0ALERTS');
  expect(value.length).toBeLessThanOrEqual(MAX_BUTTON_VALUE);
  expect(codec.decode(value, 'C0ALERTS')).toEqual(payload);
});

test('a value is refused in another channel, with another key, or altered', () => {
  const value = codec.encode({ kind: 'query', command: 'runs action-abc' }, 'C0ALERTS');
  expect(() => codec.decode(value, 'C0OTHER')).toThrow(ButtonValueError);
  expect(() => new ButtonCodec('another-key-entirely').decode(value, 'C0ALERTS')).toThrow(ButtonValueError);
  const body = value.slice(0, value.lastIndexOf('.'));
  const forged = `${Buffer.from(JSON.stringify({ kind: 'query', command: 'runs action-evil' })).toString('base64url')}${value.slice(body.length)}`;
  expect(() => codec.decode(forged, 'C0ALERTS')).toThrow(/altered/);
});

test.each(['', 'no-dot', '.sig', 'x'.repeat(3000), '%%%.abc'])(
  'junk value %#: a ButtonValueError, never a crash',
  (value) => {
    expect(() => codec.decode(value, 'C0ALERTS')).toThrow(ButtonValueError);
  },
);

test('a payload too large for Slack is refused when encoding', () => {
  expect(() => codec.encode({ kind: 'query', command: 'q'.repeat(2000) }, 'C0ALERTS')).toThrow(
    ButtonValueError,
  );
});

test('a short key is refused', () => {
  expect(() => new ButtonCodec('short')).toThrow();
});
