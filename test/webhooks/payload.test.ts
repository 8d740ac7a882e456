import { readNotification } from '../../src/webhooks/payload.js';
import { runNotificationBody, verificationBody } from '../support/hcp-notification-signer.js';

const read = (text: string) => readNotification(Buffer.from(text));

test('a run notification becomes a checked run event', () => {
  expect(read(runNotificationBody({ trigger: 'run:errored', runStatus: 'errored' }))).toEqual({
    kind: 'run',
    event: {
      workspaceId: 'ws-D6fJsasdGj3E9eFN',
      runId: 'run-CZcmD7eagjhyX0vN',
      triggers: ['run:errored'],
      runStatus: 'errored',
      organization: 'acme',
      workspaceName: 'networking-prod',
      configurationId: 'nc-mBVYHzTMXaRA5ueC',
    },
    otherTriggers: [],
  });
});

test('the verification notification, with its null run fields, is recognised', () => {
  expect(read(verificationBody())).toEqual({ kind: 'verification', configurationId: 'nc-mBVYHzTMXaRA5ueC' });
});

test('every run trigger is read; unknown triggers are kept raw and ignored', () => {
  for (const trigger of [
    'run:created',
    'run:planning',
    'run:needs_attention',
    'run:applying',
    'run:completed',
  ]) {
    const reading = read(runNotificationBody({ trigger }));
    expect(reading.kind === 'run' && reading.event.triggers).toEqual([trigger]);
  }
  expect(read(runNotificationBody({ trigger: 'assessment:drifted' }))).toEqual({
    kind: 'ignored',
    otherTriggers: ['assessment:drifted'],
  });
  expect(read(runNotificationBody({ trigger: 'run:teleported' }))).toEqual({
    kind: 'ignored',
    otherTriggers: ['run:teleported'],
  });
});

test('unknown fields and unreadable notifications next to readable ones do not hide the run', () => {
  const payload = JSON.parse(runNotificationBody()) as Record<string, unknown>;
  payload.brand_new_field = { nested: true };
  payload.notifications = [
    42,
    { trigger: null },
    { trigger: 'change_request:created' },
    ...(payload.notifications as unknown[]),
  ];
  const reading = read(JSON.stringify(payload));
  expect(reading.kind).toBe('run');
  expect(reading.kind === 'run' && reading.otherTriggers).toEqual(['change_request:created']);
});

test('not JSON, not an object, an unknown or missing payload_version: unreadable, with the reason', () => {
  expect(read('{"payload_version": 1,')).toEqual({ kind: 'unreadable', problem: 'the body is not JSON' });
  expect(read('[1,2]')).toEqual({ kind: 'unreadable', problem: 'the body is not a JSON object' });
  expect(read(runNotificationBody({ payloadVersion: 2 }))).toEqual({
    kind: 'unreadable',
    problem: 'payload_version 2 is not supported (tfactions reads version 1)',
  });
  expect(read(runNotificationBody({ payloadVersion: '1' }))).toEqual({
    kind: 'unreadable',
    problem: 'payload_version "1" is not supported (tfactions reads version 1)',
  });
  const unversioned = JSON.parse(runNotificationBody()) as Record<string, unknown>;
  delete unversioned.payload_version;
  expect(read(JSON.stringify(unversioned))).toEqual({
    kind: 'unreadable',
    problem: 'payload_version is missing (tfactions reads version 1)',
  });
  expect(read(JSON.stringify({ payload_version: 1, notifications: 'run:errored' }))).toEqual({
    kind: 'unreadable',
    problem: 'notifications is not a list',
  });
});

test('a workspace_id that does not match ws- makes a run notification unreadable', () => {
  for (const workspaceId of ['ws-../../admin', 'workspace-1', '', null, 42, 'ws-a b']) {
    const reading = read(runNotificationBody({ workspaceId }));
    expect(reading.kind).toBe('unreadable');
    expect(reading.kind === 'unreadable' && reading.problem).toMatch(/workspace_id .* is not a workspace ID/);
  }
});

test('a malformed run ID, organization or workspace name is dropped, never passed on', () => {
  const reading = read(
    runNotificationBody({ runId: 'run-x/../y', organization: 'acme"corp', workspaceName: { name: 'x' } }),
  );
  expect(reading.kind).toBe('run');
  if (reading.kind !== 'run') return;
  expect(reading.event.runId).toBeNull();
  expect(reading.event.organization).toBeNull();
  expect(reading.event.workspaceName).toBeNull();
  expect(reading.event.workspaceId).toBe('ws-D6fJsasdGj3E9eFN');
});

test('a long unknown trigger or status is kept bounded', () => {
  const reading = read(runNotificationBody({ trigger: `x:${'y'.repeat(500)}` }));
  expect(reading.kind === 'ignored' && reading.otherTriggers[0]?.length).toBe(64);
  const status = read(runNotificationBody({ runStatus: 'z'.repeat(500) }));
  expect(status.kind === 'run' && status.event.runStatus?.length).toBe(64);
});
