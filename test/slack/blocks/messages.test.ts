import { describeOutage } from '../../../src/alerts/health-words.js';
import { renderChecklist } from '../../../src/slack/blocks/checklist.js';
import { renderError, renderNotice } from '../../../src/slack/blocks/errors.js';
import { renderAlertsNotWorking, renderAlertsResumed } from '../../../src/slack/blocks/health.js';
import { renderHelp, renderUsageError } from '../../../src/slack/blocks/help.js';
import { escapeMrkdwnOnce } from '../../../src/slack/blocks/mrkdwn.js';
import { renderSubscriptions } from '../../../src/slack/blocks/subscriptions.js';
import { describeHealth } from '../../../src/slack/subscription-health.js';
import { allText, checked, contextTexts, headerOf } from './support.js';

describe('help and usage errors', () => {
  test('help text is shown as given, with placeholders escaped', () => {
    const message = checked(
      renderHelp('*Commands*\n`/tfactions actions <workspace>` lists actions\n`/tfactions help`'),
    );
    expect(headerOf(message)).toBe('How to use /tfactions');
    expect(allText(message)).toContain(
      '*Commands*\n`/tfactions actions &lt;workspace&gt;` lists actions\n`/tfactions help`',
    );
    expect(message.text).toBe('How to use /tfactions');
  });

  test('long help is split into sections, never cut', () => {
    const lines = Array.from(
      { length: 200 },
      (_, i) => `\`/tfactions example-${i}\` ${'does a thing '.repeat(5)}`,
    );
    const message = checked(renderHelp(lines.join('\n')));
    const text = allText(message);
    expect(text).toContain('example-0`');
    expect(text).toContain('example-199`');
    expect(message.blocks.filter((block) => block.type === 'section').length).toBeGreaterThan(3);
  });

  test('usage error: what was wrong, then the usage; user input cannot form markup', () => {
    const message = checked(
      renderUsageError(
        '"<!channel>" is not a valid action ID (expected something like action-ryh1uSaExmQqK72V)',
        '`/tfactions action <action-id>`',
      ),
    );
    expect(message.text).toBe(
      'tfactions: "&lt;!channel&gt;" is not a valid action ID (expected something like action-ryh1uSaExmQqK72V)',
    );
    expect(allText(message)).toContain(':warning: "&lt;!channel&gt;" is not a valid action ID');
    expect(allText(message)).toContain('*Usage*\n`/tfactions action &lt;action-id&gt;`');
  });
});

describe('errors and notices', () => {
  test('an error: bold title and plain words; mrkdwn of ours survives, broadcasts do not', () => {
    const message = checked(
      renderError('Workspace not found', 'Ask <@U012ABCDEF> or <!channel> to check `ws-abc`.'),
    );
    expect(allText(message)).toBe(
      ':x: *Workspace not found*\nAsk <@U012ABCDEF> or &lt;!channel&gt; to check `ws-abc`.',
    );
    expect(message.text).toBe(
      'Workspace not found: Ask <@U012ABCDEF> or &lt;!channel&gt; to check `ws-abc`.',
    );
  });

  test('a notice', () => {
    const message = checked(renderNotice(':mute: Alerts of `action-abc` are muted here.'));
    expect(message).toEqual({
      text: ':mute: Alerts of `action-abc` are muted here.',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: ':mute: Alerts of `action-abc` are muted here.', verbatim: true },
        },
      ],
    });
  });

  test('a huge error detail still fits', () => {
    checked(renderError('t'.repeat(500), 'd'.repeat(20_000)));
    checked(renderNotice(`${'n'.repeat(5000)}\n${'m'.repeat(5000)}`));
  });
});

describe('renderSubscriptions', () => {
  const sub = {
    workspaceLabel: 'acme/networking-prod',
    workspaceId: 'ws-4j8p6jX1w33MiDC7',
    filtersText: 'provider:aws method:lifecycle',
    createdBy: 'U012ABCDEF',
    createdAt: '2026-05-12T15:40:00Z',
  };

  test('subscriptions and mutes', () => {
    const message = checked(
      renderSubscriptions(
        [sub, { ...sub, workspaceLabel: 'acme/dns', workspaceId: 'ws-dns1', filtersText: '' }],
        [{ actionId: 'action-ryh1uSaExmQqK72V', until: '2026-05-13T15:40:00Z' }],
      ),
    );
    expect(headerOf(message)).toBe('Alerts in this channel');
    expect(allText(message)).toContain(
      ':bell: *acme/networking-prod* `ws-4j8p6jX1w33MiDC7`\nFilters: `provider:aws method:lifecycle`\nAdded by <@U012ABCDEF> <!date^1778600400^{date_short_pretty} {time}|2026-05-12T15:40:00Z>',
    );
    expect(allText(message)).toContain(':bell: *acme/dns* `ws-dns1`\nEvery action');
    expect(allText(message)).toContain(
      '*Muted actions*\n:mute: `action-ryh1uSaExmQqK72V` until <!date^1778686800^{date_short_pretty} {time}|2026-05-13T15:40:00Z>',
    );
    expect(contextTexts(message)[0]).toBe('2 subscriptions · 1 muted action');
    expect(message.text).toBe('This channel is subscribed to acme/networking-prod, acme/dns');
  });

  test('none', () => {
    const message = checked(renderSubscriptions([], []));
    expect(allText(message)).toContain('This channel has no subscriptions.');
    expect(message.text).toBe('This channel has no tfactions subscriptions');
  });

  test('more than fit: says how many are shown', () => {
    const subs = Array.from({ length: 80 }, (_, i) => ({ ...sub, workspaceId: `ws-${i}` }));
    const mutes = Array.from({ length: 500 }, (_, i) => ({
      actionId: `action-${i}`,
      until: '2026-05-13T15:40:00Z',
    }));
    const message = checked(renderSubscriptions(subs, mutes));
    expect(contextTexts(message).some((text) => /Showing 47 of 80 subscriptions/.test(text))).toBe(true);
  });
});

describe('renderChecklist', () => {
  test('one line per check, in order, with a summary', () => {
    const message = checked(
      renderChecklist(':stethoscope: tfactions doctor found problems', [
        { ok: true, title: 'Redis', detail: 'answers PONG' },
        { ok: false, title: 'HCP token', detail: '401\n*Fix:* renew TFE_TOKEN' },
      ]),
    );
    expect(headerOf(message)).toBe(':stethoscope: tfactions doctor found problems');
    expect(allText(message)).toContain(':white_check_mark: *Redis*\nanswers PONG');
    expect(allText(message)).toContain(':x: *HCP token*\n401\n*Fix:* renew TFE_TOKEN');
    expect(contextTexts(message)).toEqual(['1 check failed']);
    expect(message.text).toBe(':stethoscope: tfactions doctor found problems: 1 check failed');
  });
});

describe('health notices', () => {
  const hostile = 'acme/<!channel>*net*';
  const words = describeOutage('forbidden', escapeMrkdwnOnce(hostile));

  test('"not working" says why and the fix, with the label escaped and no live mention', () => {
    const message = checked(renderAlertsNotWorking(hostile, words, '2026-05-12T15:40:00Z'));
    expect(headerOf(message)).toBe(`⚠️ Alerts for ${hostile} are not working`);
    expect(allText(message)).toContain('*Why:* HCP Terraform accepts the API token but refuses it');
    expect(allText(message)).toContain('*Read runs*');
    // The header is plain text (never parsed); every mrkdwn part carries the label escaped.
    expect(allText(message).replace(headerOf(message) ?? '', '')).not.toContain('<!channel>');
    expect(allText(message)).toContain('&lt;!channel&gt;');
    expect(message.text).not.toContain('<!channel>');
  });

  test('"resumed" says what may have been missed', () => {
    const facts = { since: '2026-05-12T15:40:00Z', dropped: 0, droppedRuns: [], baselineOnly: false };
    expect(allText(checked(renderAlertsResumed(hostile, facts)))).toContain('Nothing was missed');
    expect(
      allText(checked(renderAlertsResumed(hostile, { ...facts, dropped: 1, droppedRuns: ['run-Gone1'] }))),
    ).toContain('1 run in progress had been waited on too long and was dropped (`run-Gone1`)');
    expect(allText(checked(renderAlertsResumed(hostile, { ...facts, baselineOnly: true })))).toContain(
      'failures from before now are not posted',
    );
  });

  test('subscriptions shows the last good poll, the current error and an unreachable channel', () => {
    const healthText = describeHealth(
      {
        lastSuccessAt: '2026-05-12T15:00:00Z',
        failingSince: '2026-05-12T15:10:00Z',
        consecutiveFailures: 7,
        errorClass: 'unauthorized',
        errorMessage: 'HCP Terraform rejected the API token (401)',
        noticed: true,
        channelError: 'not_in_channel',
      },
      'acme/networking-prod',
    );
    const message = checked(
      renderSubscriptions(
        [
          {
            workspaceLabel: 'acme/networking-prod',
            workspaceId: 'ws-4j8p6jX1w33MiDC7',
            filtersText: '',
            createdBy: 'U012ABCDEF',
            createdAt: '2026-05-12T15:40:00Z',
            healthText,
          },
        ],
        [],
      ),
    );
    const text = allText(message);
    expect(text).toContain('cannot post here (Slack: `not_in_channel`)');
    expect(text).toMatch(/Alerts not working since .* \(7 in a row\): .*401.*TFE_TOKEN/);
    expect(text).toContain('Last successful poll <!date^');
    expect(describeHealth(undefined, 'acme/x')).toBe('No successful poll yet');
  });
});
