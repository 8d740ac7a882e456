import {
  listButtons,
  mrkdwnToHtml,
  mrkdwnToPlain,
  type PageChannel,
  renderMessageText,
  renderPage,
  validateBlocks,
} from '../support/slack-standin/index.js';

const RUN_URL = 'https://app.terraform.io/app/acme/workspaces/web/runs/run-abc123';

const alertBlocks = [
  { type: 'header', text: { type: 'plain_text', text: ':x: Action failed' } },
  {
    type: 'section',
    text: { type: 'mrkdwn', text: `*aws_lambda_invoke.notify* in <${RUN_URL}|run-abc123>` },
  },
  {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: '*Method*\nlifecycle' },
      { type: 'mrkdwn', text: '*Invoked by*\nalice' },
      { type: 'mrkdwn', text: '*Failed*\n2' },
    ],
  },
  {
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: 'workspace web' },
      { type: 'plain_text', text: '2h ago' },
    ],
  },
  {
    type: 'actions',
    block_id: 'alert-actions',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Invocations' },
        action_id: 'tfactions.thread.0',
        value: 'v0',
      },
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open run' },
        action_id: 'tfactions.link.1',
        url: RUN_URL,
      },
    ],
  },
];

describe('renderMessageText', () => {
  test('renders header, sections, two-column fields, context and buttons', () => {
    const rendered = renderMessageText({ channel: 'C0ALERTS', ts: '1732740000.000100', blocks: alertBlocks });
    expect(rendered).toBe(
      [
        '#C0ALERTS  ts 1732740000.000100',
        '  # :x: Action failed',
        `  *aws_lambda_invoke.notify* in run-abc123 (${RUN_URL})`,
        '  *Method*     *Invoked by*',
        '  lifecycle    alice',
        '  *Failed*',
        '  2',
        '  workspace web  ·  2h ago',
        '  [ Invocations ]  [ Open run ↗ ]',
      ].join('\n'),
    );
  });

  test('marks thread replies and edits, and falls back to the text when there are no blocks', () => {
    const rendered = renderMessageText({
      channel: 'C0ALERTS',
      threadTs: '1732740000.000100',
      text: 'a &lt;b&gt; &amp; <@U0ALICE> in <#C0OPS|ops> <!here>',
      edited: true,
      label: 'chat.update',
    });
    expect(rendered).toBe(
      [
        '#C0ALERTS  ↳ thread 1732740000.000100  chat.update  (edited)',
        '    a <b> & @U0ALICE in #ops @here',
      ].join('\n'),
    );
  });

  test('mrkdwnToPlain shows links as label (url)', () => {
    expect(mrkdwnToPlain('see <https://x.test/a?b=1&amp;c=2|the run> or <https://y.test>')).toBe(
      'see the run (https://x.test/a?b=1&c=2) or https://y.test',
    );
  });

  test('a left field longer than the column keeps a gap before the right one', () => {
    const long = 'x'.repeat(50);
    const rendered = renderMessageText({
      blocks: [
        {
          type: 'section',
          fields: [
            { type: 'plain_text', text: `a\n${long}` },
            { type: 'plain_text', text: 'b\nc' },
          ],
        },
      ],
    });
    expect(rendered.split('\n').slice(1)).toEqual([`  a${' '.repeat(43)}b`, `  ${long}    c`]);
  });

  test('section accessories and unknown elements still render', () => {
    const rendered = renderMessageText({
      blocks: [
        {
          type: 'section',
          text: { type: 'plain_text', text: 'page 1 of 3' },
          accessory: { type: 'button', text: { type: 'plain_text', text: 'Next' }, action_id: 'n' },
        },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [{ type: 'static_select', placeholder: { type: 'plain_text', text: 'Status' } }],
        },
      ],
    });
    expect(rendered.split('\n')).toEqual([
      '(no channel)',
      '  page 1 of 3',
      '  [ Next ]',
      '  ────────────────────',
      '  [ Status ▾ ]',
    ]);
  });
});

describe('renderPage and mrkdwnToHtml', () => {
  const channel = (messages: PageChannel['messages']): PageChannel[] => [
    { id: 'C0ALERTS', name: 'alerts', messages },
  ];

  test('escapes every piece of message content', () => {
    const html = renderPage(
      channel([
        {
          ts: '1732740000.000100',
          text: 'fallback',
          author: '<img src=x onerror=alert(1)>',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: '<script>alert(1)</script>' } },
            { type: 'section', text: { type: 'mrkdwn', text: '&lt;script&gt;alert(2)&lt;/script&gt;' } },
            { type: 'section', text: { type: 'mrkdwn', text: '<javascript:alert(3)|click me>' } },
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  text: { type: 'plain_text', text: '"><script>alert(4)</script>' },
                  action_id: '" onclick="alert(5)',
                  url: 'javascript:alert(6)',
                },
              ],
            },
          ],
        },
        { ts: '1732740000.000200', text: '<script>alert(7)</script> \u0000 x', blocks: [], author: 'bot' },
      ]),
    );
    expect(html).not.toMatch(/<script>alert|<img src=x|onclick="alert|href="javascript/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&quot; onclick=&quot;alert(5)');
    expect(html).toContain('click me (javascript:alert(3))');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain('\u0000');
  });

  test('renders channels, threads under their parent, fields, buttons and refreshes itself', () => {
    const html = renderPage([
      {
        id: 'C0ALERTS',
        name: 'alerts',
        messages: [
          { ts: '1732740000.000100', text: 'alert', blocks: alertBlocks, author: 'tfactions' },
          {
            ts: '1732740000.000200',
            threadTs: '1732740000.000100',
            text: 'reply',
            blocks: [],
            author: 'tfactions',
          },
          { ts: '1732740000.000300', text: 'later', blocks: [], author: 'tfactions', edited: true },
        ],
      },
      { id: 'C0OPS', name: 'ops', messages: [] },
    ]);
    expect(html).toContain('href="#ch-C0ALERTS"># alerts</a>');
    expect(html).toContain('href="#ch-C0OPS"># ops</a>');
    expect(html).toMatch(/<div class="thread"><article class="msg">.*reply.*<\/article><\/div><article/);
    expect(html.indexOf('reply')).toBeLessThan(html.indexOf('later'));
    expect(html).toContain('<div class="fields">');
    expect(html).toContain('<span class="btn" title="tfactions.thread.0\nv0">Invocations</span>');
    expect(html).toContain(`<a class="btn" href="${RUN_URL}" target="_blank"`);
    expect(html).toContain('(edited)');
    expect(html).toContain('location.reload()');
    expect(html).toContain('<div class="avatar">T</div>');
    expect(html).toContain('<div class="header">❌ Action failed</div>');
  });

  test('mrkdwnToHtml converts bold, italics, strike, code, links and mentions', () => {
    expect(mrkdwnToHtml('*bold* _it_ ~gone~ `a<b` <https://x.test|x> <@U1|al>\nnext')).toBe(
      '<strong>bold</strong> <em>it</em> <del>gone</del> <code>a&lt;b</code> ' +
        '<a href="https://x.test/" target="_blank" rel="noopener noreferrer">x</a> ' +
        '<span class="mention">@al</span><br>next',
    );
    expect(mrkdwnToHtml('```\nline *1*\n```')).toBe('<pre>line *1*</pre>');
    expect(mrkdwnToHtml('*<https://x.test|bold link>*')).toBe(
      '<strong><a href="https://x.test/" target="_blank" rel="noopener noreferrer">bold link</a></strong>',
    );
  });
});

describe('block helpers', () => {
  test('listButtons finds buttons in actions and accessories', () => {
    expect(listButtons(alertBlocks)).toEqual([
      { actionId: 'tfactions.thread.0', blockId: 'alert-actions', text: 'Invocations', value: 'v0' },
      { actionId: 'tfactions.link.1', blockId: 'alert-actions', text: 'Open run', url: RUN_URL },
    ]);
  });

  test('validateBlocks reports problems with json pointers', () => {
    expect(validateBlocks(alertBlocks)).toEqual([]);
    expect(validateBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }])).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });
});
