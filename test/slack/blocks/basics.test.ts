import {
  AGGREGATE_INVOCATION_STATUSES,
  INVOCATION_FINAL_STATUSES,
  RESOURCE_GROUP_STATUSES,
} from '../../../src/hcp/types.js';
import { runUrl, workspaceLabel, workspaceUrl } from '../../../src/slack/blocks/links.js';
import {
  code,
  disarmBroadcasts,
  escapeMrkdwn,
  escapeMrkdwnOnce,
  link,
  slackDate,
  userMention,
} from '../../../src/slack/blocks/mrkdwn.js';
import {
  countsPhrase,
  instancePhrase,
  methodLabel,
  moduleLabel,
  moduleWords,
  optionalCode,
} from '../../../src/slack/blocks/phrases.js';
import { STATUS_STYLES, statusBadge, statusStyle } from '../../../src/slack/blocks/status.js';
import { TFE_ADDRESS, WORKSPACE } from '../../fixtures/hcp-samples.js';

describe('mrkdwn', () => {
  test('escapes & < > so API text cannot form markup', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U123> c > d')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;@U123&gt; c &gt; d',
    );
  });

  test('escapeMrkdwnOnce does not escape entities twice', () => {
    expect(escapeMrkdwnOnce('actions &lt;workspace&gt; & <run>')).toBe(
      'actions &lt;workspace&gt; &amp; &lt;run&gt;',
    );
  });

  test('disarms broadcasts but keeps our links and mentions', () => {
    const text = 'hi <!channel> <!here|here> <!subteam^S123> <@U123> <https://x.io|x> <!date^1^{date}|d>';
    expect(disarmBroadcasts(text)).toBe(
      'hi &lt;!channel&gt; &lt;!here|here&gt; &lt;!subteam^S123&gt; <@U123> <https://x.io|x> <!date^1^{date}|d>',
    );
  });

  test('links escape their label and URL, and refuse non-http URLs', () => {
    expect(link('https://x.io/a b?c=1&d=<2>|', 'a <b> | c')).toBe(
      '<https://x.io/a%20b?c=1&amp;d=%3C2%3E%7C|a &lt;b&gt; ¦ c>',
    );
    expect(link('javascript:alert(1)', 'label')).toBe('label');
  });

  test('code spans cannot be closed early', () => {
    expect(code('a`b<c>')).toBe('`aˋb&lt;c&gt;`');
    expect(code('')).toBe('');
  });

  test('dates use Slack date formatting with the ISO text as fallback', () => {
    expect(slackDate('2026-05-12T15:40:00Z')).toBe(
      '<!date^1778600400^{date_short_pretty} {time}|2026-05-12T15:40:00Z>',
    );
    expect(slackDate('not a <date>')).toBe('not a &lt;date&gt;');
  });

  test('user mentions only for user IDs', () => {
    expect(userMention('U012ABCDEF')).toBe('<@U012ABCDEF>');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});

describe('status table', () => {
  test('covers every status of the app with one emoji each', () => {
    for (const status of [
      ...AGGREGATE_INVOCATION_STATUSES,
      ...INVOCATION_FINAL_STATUSES,
      ...RESOURCE_GROUP_STATUSES,
    ])
      expect(STATUS_STYLES[status]).toBeDefined();
    expect(statusStyle('successful')).toEqual({
      emoji: ':white_check_mark:',
      glyph: '✅',
      label: 'Successful',
    });
    expect(statusStyle('not_successful').emoji).toBe(':x:');
    expect(statusStyle('failed').emoji).toBe(':x:');
    expect(statusStyle('not_invoked').emoji).toBe(':white_circle:');
    expect(statusStyle('run_in_progress').emoji).toBe(':hourglass_flowing_sand:');
  });

  test('an unknown status still shows, escaped', () => {
    expect(statusBadge('<weird>')).toBe(':grey_question: *&lt;weird&gt;*');
    expect(statusBadge('toString')).toBe(':grey_question: *toString*');
  });

  test('a status HCP Terraform did not send shows as Unknown with the neutral emoji', () => {
    expect(statusBadge(null)).toBe(':grey_question: *Unknown*');
    expect(statusStyle(null).glyph).toBe('❔');
  });
});

describe('values HCP Terraform may leave out or name differently', () => {
  test('null counts, method, module, provider and dates read as unknown or —', () => {
    expect(countsPhrase({ successful: null, failed: 2, plannedInvocationCount: null })).toBe(
      '? succeeded, 2 failed of ? planned',
    );
    expect(methodLabel(null)).toBe('unknown');
    expect(moduleLabel(null)).toBe('unknown');
    expect(moduleWords(null)).toBe('unknown module');
    expect(optionalCode(null)).toBe('unknown');
    expect(optionalCode('aws')).toBe('`aws`');
    expect(slackDate(null)).toBe('—');
  });

  test('an unlisted method is shown raw and escaped; a plain action is a single instance', () => {
    expect(methodLabel('<!here> scheduled')).toBe('&lt;!here&gt; scheduled');
    const plain = { instanceType: null, countValue: null, forEachValues: null };
    expect(instancePhrase(plain)).toBe('single instance');
    expect(instancePhrase({ ...plain, instanceType: 'dynamic & <new>' })).toBe('dynamic &amp; &lt;new&gt;');
  });
});

describe('links', () => {
  test('run and workspace URLs follow HCP Terraform paths', () => {
    expect(workspaceUrl(TFE_ADDRESS, WORKSPACE)).toBe(
      'https://app.terraform.io/app/acme/workspaces/networking-prod',
    );
    expect(runUrl(`${TFE_ADDRESS}/`, WORKSPACE, 'run-KTuq99JSzgmDSvYj')).toBe(
      'https://app.terraform.io/app/acme/workspaces/networking-prod/runs/run-KTuq99JSzgmDSvYj',
    );
    expect(runUrl('https://tfe.example.com', { organization: 'a b', name: 'c/d' }, 'run-x')).toBe(
      'https://tfe.example.com/app/a%20b/workspaces/c%2Fd/runs/run-x',
    );
    expect(workspaceLabel(WORKSPACE)).toBe('acme/networking-prod');
  });
});
