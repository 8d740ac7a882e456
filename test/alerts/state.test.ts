import { type StateFixture, stateFixture, subscribeDirect } from './helpers.js';

let fx: StateFixture;
const ref = { channelId: 'C0STATE', actionId: 'action-abc', runId: 'run-xyz' };

beforeEach(() => {
  fx = stateFixture('state');
});

afterEach(async () => {
  await fx.close();
});

async function subscription() {
  return subscribeDirect(fx.store, 'C0STATE', { id: 'ws-abc', name: 'net', organization: 'acme' });
}

test('the cursor only moves forward, in whole seconds, and only while the subscription exists', async () => {
  const sub = await subscription();
  const t = Date.parse('2026-05-12T15:40:00.900Z');
  expect(await fx.state.subscription.advanceCursor(sub.id, t)).toBe('advanced');
  expect(await fx.state.subscription.getCursor(sub.id)).toEqual({
    ms: Date.parse('2026-05-12T15:40:00Z'),
    iso: '2026-05-12T15:40:00Z',
  });
  expect(await fx.state.subscription.advanceCursor(sub.id, t - 60_000)).toBe('unchanged');
  expect(await fx.state.subscription.advanceCursor(sub.id, t)).toBe('unchanged');
  expect((await fx.state.subscription.getCursor(sub.id))?.iso).toBe('2026-05-12T15:40:00Z');
  expect(await fx.state.subscription.advanceCursor(sub.id, t + 5000)).toBe('advanced');
  expect((await fx.state.subscription.getCursor(sub.id))?.iso).toBe('2026-05-12T15:40:05Z');

  // Concurrent proposals in any order end at the largest.
  const proposals = Array.from({ length: 40 }, (_v, i) => t + ((i * 7919) % 40) * 1000);
  await Promise.all(proposals.map((ms) => fx.state.subscription.advanceCursor(sub.id, ms)));
  expect((await fx.state.subscription.getCursor(sub.id))?.ms).toBe(
    Math.floor(Math.max(...proposals) / 1000) * 1000,
  );

  await fx.store.remove('C0STATE', 'ws-abc');
  expect(await fx.state.subscription.getCursor(sub.id)).toBeNull();
  expect(await fx.state.subscription.advanceCursor(sub.id, t + 999_000)).toBe('no_subscription');
  expect(await fx.state.subscription.getCursor(sub.id)).toBeNull();
});

test('the pending set keeps the first sighting and is bounded by age and size', async () => {
  const sub = await subscription();
  await fx.state.subscription.addPending(sub.id, [{ actionId: 'action-a', runId: 'run-1' }], 1000);
  await fx.state.subscription.addPending(sub.id, [{ actionId: 'action-a', runId: 'run-1' }], 5000);
  expect(await fx.state.subscription.listPending(sub.id)).toEqual([
    { actionId: 'action-a', runId: 'run-1', firstSeenMs: 1000 },
  ]);

  const many = Array.from({ length: 30 }, (_v, i) => ({ actionId: 'action-b', runId: `run-${i}` }));
  for (const [i, run] of many.entries()) await fx.state.subscription.addPending(sub.id, [run], 10_000 + i);
  const trimmed = await fx.state.subscription.trimPending(sub.id, 10_000 + 24 * 3600_000, 24 * 3600_000, 20);
  expect(trimmed.expired).toEqual(['action-a|run-1']);
  expect(trimmed.overflow).toHaveLength(10);
  const left = await fx.state.subscription.listPending(sub.id);
  expect(left).toHaveLength(20);
  expect(left[0]?.runId).toBe('run-10');
});

test('a claim excludes other owners, and lets the same job take over only after the takeover age', async () => {
  const first = await fx.state.delivery.claim(ref, 'job-1', 'tok-a', { ttlMs: 60_000, takeoverAfterMs: 300 });
  expect(first).toEqual({ acquired: true, takenOver: false });
  const other = await fx.state.delivery.claim(ref, 'job-2', 'tok-b', { ttlMs: 60_000, takeoverAfterMs: 300 });
  expect(other.acquired).toBe(false);
  const early = await fx.state.delivery.claim(ref, 'job-1', 'tok-c', { ttlMs: 60_000, takeoverAfterMs: 300 });
  expect(early.acquired).toBe(false);
  if (!early.acquired) expect(early.waitMs).toBeLessThanOrEqual(300);
  await new Promise((resolve) => setTimeout(resolve, 350));
  expect(
    await fx.state.delivery.claim(ref, 'job-1', 'tok-c', { ttlMs: 60_000, takeoverAfterMs: 300 }),
  ).toEqual({
    acquired: true,
    takenOver: true,
  });
  // A stale token cannot release the new claim.
  await fx.state.delivery.releaseClaim(ref, 'job-1', 'tok-a');
  expect((await fx.state.delivery.claim(ref, 'job-2', 'tok-b')).acquired).toBe(false);
  await fx.state.delivery.releaseClaim(ref, 'job-1', 'tok-c');
  expect((await fx.state.delivery.claim(ref, 'job-2', 'tok-b')).acquired).toBe(true);
});

test('recording an alert writes the record, keeps the newest last alert, and clears claim and markers', async () => {
  await fx.state.delivery.claim(ref, 'job-1', 'tok');
  expect(await fx.state.delivery.markPosting([ref], 1234)).toEqual([null]);
  expect(await fx.state.delivery.markPosting([ref, { ...ref, runId: 'run-other' }], 9999)).toEqual([
    1234,
    null,
  ]);
  await fx.state.delivery.markQueued([ref]);
  const entry = (runId: string, invokedAtMs: number, ts: string) => ({
    ref: { ...ref, runId },
    record: { channel: ref.channelId, ts, actionId: ref.actionId, runId, invokedAt: 'x', postedAt: 'y' },
    invokedAtMs,
    ts,
    grouped: false,
    input: '{}',
    claim: { owner: 'job-1', token: 'tok' },
  });
  await fx.state.delivery.recordPosted([entry('run-xyz', 2000, '1.1')]);
  expect(await fx.state.delivery.getAlertRecord(ref)).toEqual(expect.objectContaining({ ts: '1.1' }));
  expect(await fx.redis.exists(fx.keys.claim(ref), fx.keys.posting(ref), fx.keys.queued(ref))).toBe(0);
  expect(await fx.redis.ttl(fx.keys.alerted(ref))).toBeGreaterThan(89 * 86_400);
  // An older run recorded later does not replace the action's last alert.
  await fx.state.delivery.recordPosted([entry('run-older', 1000, '1.2')]);
  expect((await fx.state.recovery.getLastAlert(ref.channelId, ref.actionId))?.runId).toBe('run-xyz');
  await fx.state.delivery.recordPosted([entry('run-newer', 3000, '1.3')]);
  expect((await fx.state.recovery.getLastAlert(ref.channelId, ref.actionId))?.ts).toBe('1.3');
  expect(await fx.state.recovery.closeLastAlert(ref.channelId, ref.actionId, 'run-xyz')).toBe(false);
  expect(await fx.state.recovery.closeLastAlert(ref.channelId, ref.actionId, 'run-newer')).toBe(true);
});

test('unhandled = neither alerted, suppressed, queued nor claimed', async () => {
  const refs = ['run-1', 'run-2', 'run-3', 'run-4', 'run-5'].map((runId) => ({ ...ref, runId }));
  await fx.state.delivery.markQueued([refs[1]!]);
  await fx.state.delivery.claim(refs[2]!, 'job', 'tok');
  await fx.state.delivery.markSuppressed([refs[3]!], 'muted', new Date());
  expect((await fx.state.delivery.filterUnhandled(refs)).map((r) => r.runId)).toEqual(['run-1', 'run-5']);
});

test('the poll lock is exclusive and only its holder releases it', async () => {
  const token = await fx.state.subscription.acquirePollLock('sub', 10_000);
  expect(token).not.toBeNull();
  expect(await fx.state.subscription.acquirePollLock('sub', 10_000)).toBeNull();
  await fx.state.subscription.releasePollLock('sub', 'not-the-token');
  expect(await fx.state.subscription.acquirePollLock('sub', 10_000)).toBeNull();
  await fx.state.subscription.releasePollLock('sub', token ?? '');
  expect(await fx.state.subscription.acquirePollLock('sub', 10_000)).not.toBeNull();
});

test('mutes expire on their own and list only what is active', async () => {
  const { until } = await fx.mutes.mute('C0STATE', 'action-abc', 1, 'U1');
  expect(Date.parse(until)).toBeGreaterThan(Date.now());
  expect(await fx.mutes.list('C0STATE')).toEqual([{ actionId: 'action-abc', until }]);
  expect(await fx.mutes.isMuted('C0STATE', 'action-abc')).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(await fx.mutes.isMuted('C0STATE', 'action-abc')).toBe(false);
  expect(await fx.mutes.list('C0STATE')).toEqual([]);
  await expect(fx.mutes.mute('C0STATE', 'not-an-action', 60, 'U1')).rejects.toThrow(RangeError);
  await expect(fx.mutes.mute('C0STATE', 'action-abc', 0, 'U1')).rejects.toThrow(RangeError);
  await fx.mutes.mute('C0STATE', 'action-abc', 60, 'U1');
  expect(await fx.mutes.unmute('C0STATE', 'action-abc')).toBe(true);
  expect(await fx.mutes.unmute('C0STATE', 'action-abc')).toBe(false);
});

test('subscribing again updates filters and keeps the baseline', async () => {
  const sub = await subscription();
  await fx.state.subscription.advanceCursor(sub.id, Date.parse('2026-05-12T15:40:00Z'));
  const again = await fx.store.upsert({
    channelId: 'C0STATE',
    workspace: { id: 'ws-abc', name: 'net', organization: 'acme' },
    filters: { provider: 'aws' },
    userId: 'U2',
    now: new Date(),
  });
  expect(again.created).toBe(false);
  expect(again.subscription.createdBy).toBe('U0TEST');
  expect(again.subscription.filters).toEqual({ provider: 'aws' });
  expect((await fx.state.subscription.getCursor(sub.id))?.iso).toBe('2026-05-12T15:40:00Z');
  expect(await fx.store.listForChannel('C0STATE')).toEqual([again.subscription]);
  await expect(
    fx.store.upsert({
      channelId: 'C0:bad',
      workspace: { id: 'ws-abc', name: 'n', organization: 'o' },
      filters: {},
      userId: 'U',
      now: new Date(),
    }),
  ).rejects.toThrow(RangeError);
});

test('scripts survive a flushed script cache, run alone and in a pipeline (Redis restarted or failed over)', async () => {
  const sub = await subscription();
  await fx.redis.script('FLUSH');
  expect(await fx.state.subscription.advanceCursor(sub.id, Date.parse('2026-05-12T15:40:00Z'))).toBe(
    'advanced',
  );
  await fx.redis.script('FLUSH');
  const claims = await fx.state.delivery.claimAll(
    [ref, { ...ref, runId: 'run-other' }],
    'job-flush',
    'token',
  );
  expect(claims).toEqual([
    { acquired: true, takenOver: false },
    { acquired: true, takenOver: false },
  ]);
  await fx.redis.script('FLUSH');
  await fx.state.delivery.releaseClaims([ref, { ...ref, runId: 'run-other' }], 'job-flush', 'token');
  expect(await fx.redis.exists(fx.keys.claim(ref))).toBe(0);
});
