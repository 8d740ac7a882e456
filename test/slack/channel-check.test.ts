import { WebClient } from '@slack/web-api';
import { refuseUnreachableChannel, slackChannelReachability } from '../../src/slack/channel-check.js';
import { blocksText } from '../support/blocks-text.js';
import { type SlackStandin, startSlackStandin } from '../support/slack-standin/index.js';

let standin: SlackStandin;
let check: ReturnType<typeof slackChannelReachability>;

beforeAll(async () => {
  standin = await startSlackStandin({
    members: { C0OUTSIDE: false, G0PRIVATE: false },
    channelNames: { G0GROUPDM: 'mpdm-alice--bob-1' },
  });
  check = slackChannelReachability(
    new WebClient(standin.botToken, { slackApiUrl: standin.apiUrl, retryConfig: { retries: 0 } }),
  );
  standin.setArchived('C0ARCHIVED', true);
});

afterAll(async () => {
  await standin.close();
});

test('each conversation the bot cannot post alerts in gets its own refusal', async () => {
  expect(await check('C0JOINED')).toEqual({ ok: true });
  expect(await check('C0OUTSIDE')).toEqual({ ok: false, problem: 'not_member' });
  expect(await check('G0PRIVATE')).toEqual({
    ok: false,
    problem: 'not_visible',
    slackError: 'channel_not_found',
  });
  expect(await check('D0DIRECT')).toEqual({ ok: false, problem: 'direct_message' });
  expect(await check('G0GROUPDM')).toEqual({ ok: false, problem: 'group_direct_message' });
  expect(await check('C0ARCHIVED')).toEqual({ ok: false, problem: 'archived' });
});

test('refusals name the fix, and a Slack failure is not mistaken for a refusal of the channel', async () => {
  const text = async (channelId: string) =>
    blocksText((await refuseUnreachableChannel(check, channelId))?.blocks ?? []);
  expect(await refuseUnreachableChannel(check, 'C0JOINED')).toBeNull();
  expect(await text('C0OUTSIDE')).toMatch(/not a member.*\/invite @tfactions/s);
  expect(await text('G0PRIVATE')).toMatch(/private channel.*\/invite @tfactions/s);
  expect(await text('G0GROUPDM')).toMatch(/group direct message/);
  expect(await text('C0ARCHIVED')).toMatch(/archived/);
  standin.injectFault({ method: 'conversations.info', error: 'missing_scope' });
  expect(await text('C0JOINED')).toMatch(/groups:read/);
  standin.injectFault({ method: 'conversations.info', error: 'internal_error' });
  expect(await text('C0JOINED')).toMatch(/Could not check this channel.*internal_error/s);
});
