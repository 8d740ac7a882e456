import { textOf } from './block-access.js';
import { replaceEmoji } from './emoji.js';
import { asArray, asRecord, asString, type JsonRecord } from './json.js';
import { splitMrkdwn } from './mrkdwn.js';

/** One message as the page shows it; replies carry the ts of their parent in threadTs. */
export interface PageMessage {
  ts: string;
  threadTs?: string;
  text: string;
  blocks: readonly unknown[];
  author: string;
  edited?: boolean;
  /** A line under the author, e.g. 'Only visible to you' for ephemeral replies. */
  note?: string;
}

export interface PageChannel {
  id: string;
  name: string;
  messages: readonly PageMessage[];
}

export interface PageOptions {
  title?: string;
  refreshSeconds?: number;
}

/** A self-refreshing, Slack-like HTML view of every channel. Every piece of message content is escaped. */
export function renderPage(channels: readonly PageChannel[], options: PageOptions = {}): string {
  const title = escapeHtml(options.title ?? 'Slack stand-in');
  const refreshMs = Math.max(1, options.refreshSeconds ?? 2) * 1000;
  const sidebar = channels
    .map(
      (channel) =>
        `<li><a href="#${anchorOf(channel.id)}"># ${escapeHtml(channel.name)}</a> <span class="count">${channel.messages.length}</span></li>`,
    )
    .join('');
  const main =
    channels.length === 0 ? '<p class="empty">No messages yet.</p>' : channels.map(renderChannel).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<noscript><meta http-equiv="refresh" content="${refreshMs / 1000}"></noscript>
<style>${STYLE}</style></head>
<body><nav><h1>${title}</h1><ul>${sidebar}</ul></nav><main>${main}</main>
<script>${refreshScript(refreshMs)}</script></body></html>`;
}

function refreshScript(refreshMs: number): string {
  return `(function(){var k='standin-scroll';var y=sessionStorage.getItem(k);if(y!==null)window.scrollTo(0,Number(y));setTimeout(function(){sessionStorage.setItem(k,String(window.scrollY));location.reload();},${refreshMs});})();`;
}

function renderChannel(channel: PageChannel): string {
  const byTs = new Set(channel.messages.map((message) => message.ts));
  const parentOf = (message: PageMessage): string | undefined =>
    message.threadTs !== undefined && message.threadTs !== message.ts && byTs.has(message.threadTs)
      ? message.threadTs
      : undefined;
  const repliesByParent = new Map<string, PageMessage[]>();
  for (const message of channel.messages) {
    const parentTs = parentOf(message);
    if (parentTs === undefined) continue;
    const replies = repliesByParent.get(parentTs) ?? [];
    replies.push(message);
    repliesByParent.set(parentTs, replies);
  }
  const items = channel.messages
    .filter((message) => parentOf(message) === undefined)
    .map((parent) => {
      const replies = repliesByParent.get(parent.ts) ?? [];
      const thread =
        replies.length === 0 ? '' : `<div class="thread">${replies.map(renderMessage).join('')}</div>`;
      return renderMessage(parent) + thread;
    })
    .join('');
  return `<section id="${anchorOf(channel.id)}"><h2># ${escapeHtml(channel.name)} <small>${escapeHtml(channel.id)}</small></h2>${items}</section>`;
}

function renderMessage(message: PageMessage): string {
  const letter = escapeHtml((message.author.trim()[0] ?? '?').toUpperCase());
  const meta = [
    `<strong class="author">${escapeHtml(message.author)}</strong>`,
    '<span class="app">APP</span>',
    `<time title="${escapeHtml(message.ts)}">${escapeHtml(timeOf(message.ts))}</time>`,
    message.edited ? '<span class="edited">(edited)</span>' : '',
    message.threadTs && message.threadTs !== message.ts
      ? `<span class="orphan" title="thread ${escapeHtml(message.threadTs)}">in thread</span>`
      : '',
  ].join(' ');
  const note = message.note ? `<div class="note">${escapeHtml(message.note)}</div>` : '';
  const body =
    message.blocks.length > 0 ? renderBlocks(message.blocks) : `<div>${mrkdwnToHtml(message.text)}</div>`;
  return `<article class="msg"><div class="avatar">${letter}</div><div class="content"><div class="meta">${meta}</div>${note}${body}</div></article>`;
}

function renderBlocks(blocks: readonly unknown[]): string {
  return blocks
    .map((block) => {
      const record = asRecord(block);
      return record ? renderBlock(record) : '';
    })
    .join('');
}

function renderBlock(block: JsonRecord): string {
  switch (block.type) {
    case 'header':
      return `<div class="header">${escapeHtml(replaceEmoji(textOf(block.text) ?? ''))}</div>`;
    case 'section':
      return renderSection(block);
    case 'context':
      return `<div class="context">${asArray(block.elements).map(renderContextElement).join('<span class="sep"></span>')}</div>`;
    case 'actions':
      return `<div class="actions">${asArray(block.elements).map(renderElement).join('')}</div>`;
    case 'divider':
      return '<hr>';
    case 'image':
      return renderImage(block, 'image');
    case 'markdown':
      return `<div class="section">${mrkdwnToHtml(asString(block.text) ?? '')}</div>`;
    default:
      return `<div class="unknown">[${escapeHtml(String(block.type))} block]</div>`;
  }
}

function renderSection(block: JsonRecord): string {
  const text = block.text === undefined ? '' : `<div>${textObjectHtml(block.text)}</div>`;
  const fieldItems = asArray(block.fields).map((field) => `<div>${textObjectHtml(field)}</div>`);
  const fields = fieldItems.length === 0 ? '' : `<div class="fields">${fieldItems.join('')}</div>`;
  const accessory =
    block.accessory === undefined ? '' : `<div class="accessory">${renderElement(block.accessory)}</div>`;
  return `<div class="section"><div class="section-body">${text}${fields}</div>${accessory}</div>`;
}

function renderContextElement(element: unknown): string {
  const record = asRecord(element);
  if (record?.type === 'image') return renderImage(record, 'context-image');
  return `<span>${textObjectHtml(element)}</span>`;
}

function renderImage(image: JsonRecord, className: string): string {
  const url = safeUrl(asString(image.image_url));
  const alt = escapeHtml(asString(image.alt_text) ?? '');
  return url ? `<img class="${className}" src="${escapeHtml(url)}" alt="${alt}">` : `<span>[${alt}]</span>`;
}

function renderElement(element: unknown): string {
  const record = asRecord(element);
  if (record?.type !== 'button') {
    const label = textOf(record?.placeholder) ?? String(record?.type ?? 'element');
    return `<span class="btn select">${escapeHtml(label)} ▾</span>`;
  }
  const label = escapeHtml(replaceEmoji(textOf(record.text) ?? ''));
  const style = record.style === 'primary' || record.style === 'danger' ? ` ${record.style}` : '';
  const title = escapeHtml([asString(record.action_id), asString(record.value)].filter(Boolean).join('\n'));
  const url = safeUrl(asString(record.url));
  if (url)
    return `<a class="btn${style}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer" title="${title}">${label} ↗</a>`;
  return `<span class="btn${style}" title="${title}">${label}</span>`;
}

function textObjectHtml(textObject: unknown): string {
  const record = asRecord(textObject);
  const text = textOf(record) ?? '';
  return record?.type === 'mrkdwn'
    ? mrkdwnToHtml(text)
    : escapeHtml(replaceEmoji(text)).replace(/\n/g, '<br>');
}

const PLACEHOLDER = '\u0000';

/** Slack mrkdwn to HTML: the source is escaped first, so only the tags added here reach the page. */
export function mrkdwnToHtml(source: string): string {
  const saved: string[] = [];
  const hold = (html: string): string => {
    saved.push(html);
    return `${PLACEHOLDER}${saved.length - 1}${PLACEHOLDER}`;
  };
  let html = splitMrkdwn(source.replaceAll(PLACEHOLDER, ''))
    .map((piece) => {
      if (piece.kind === 'text') return escapeHtml(replaceEmoji(piece.text));
      if (piece.kind === 'mention') return hold(`<span class="mention">${escapeHtml(piece.text)}</span>`);
      const url = safeUrl(piece.url);
      const label = escapeHtml(piece.label);
      return hold(
        url
          ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`
          : `${label} (${escapeHtml(piece.url)})`,
      );
    })
    .join('');
  html = html
    .replace(/```([\s\S]*?)```/g, (_match, code: string) =>
      hold(`<pre>${code.replace(/^\n|\n$/g, '')}</pre>`),
    )
    .replace(/`([^`\n]+)`/g, (_match, code: string) => hold(`<code>${code}</code>`))
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s.,;:!?)])/g, '$1<strong>$2</strong>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s.,;:!?)])/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s.,;:!?)])/g, '$1<del>$2</del>')
    .replace(/\n/g, '<br>');
  const placeholderPattern = new RegExp(`${PLACEHOLDER}(\\d+)${PLACEHOLDER}`, 'g');
  // Held pieces can contain other held pieces (a link inside code), so restore until none is left.
  for (let pass = 0; pass <= saved.length && html.includes(PLACEHOLDER); pass += 1) {
    html = html.replace(placeholderPattern, (_match, index: string) => saved[Number(index)] ?? '');
  }
  return html;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only http(s) and mailto links become clickable: a javascript: URL in a message stays text. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function anchorOf(channelId: string): string {
  return `ch-${channelId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function timeOf(ts: string): string {
  const seconds = Number(ts.split('.')[0]);
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(11, 19) : ts;
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.46 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1c1d;display:grid;grid-template-columns:240px 1fr;min-height:100vh}
nav{background:#3f0e40;color:#fff;padding:12px 0;position:sticky;top:0;height:100vh;overflow:auto}
nav h1{font-size:17px;margin:0 16px 12px}nav ul{list-style:none;margin:0;padding:0}
nav a{color:#cfc3cf;text-decoration:none;display:inline-block;padding:3px 16px}nav a:hover{color:#fff}
nav .count{color:#9a879a;font-size:12px}
main{padding:8px 24px}section{border-bottom:1px solid #ddd;padding-bottom:12px}
h2{font-size:18px}h2 small{color:#888;font-weight:normal;font-size:12px}
.msg{display:flex;gap:8px;padding:8px 0}.avatar{width:36px;height:36px;border-radius:6px;background:#5b2c83;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:bold;flex:none}
.content{flex:1;min-width:0}.meta{font-size:13px;color:#616061}.author{color:#1d1c1d;font-size:15px}
.app{background:#e8e8e8;border-radius:3px;font-size:10px;padding:1px 3px}.edited,.orphan{color:#888;font-size:12px}
.note{color:#616061;font-size:12px;font-style:italic}
.thread{margin-left:44px;border-left:3px solid #e0e0e0;padding-left:12px}
.header{font-weight:bold;font-size:18px;margin:4px 0}.section{display:flex;gap:12px;margin:4px 0}.section-body{flex:1}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin-top:4px}
.context{color:#616061;font-size:12px;margin:4px 0;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.context-image{width:16px;height:16px}
.actions{display:flex;gap:8px;flex-wrap:wrap;margin:6px 0}
.btn{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;font-size:13px;font-weight:bold;color:#1d1c1d;text-decoration:none;background:#fff}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}.btn.danger{background:#fff;border-color:#e01e5a;color:#e01e5a}
code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;color:#e01e5a;padding:0 3px;font-size:12px}
pre{background:#f6f6f6;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}a{color:#1264a3}
hr{border:none;border-top:1px solid #ddd}.empty{color:#888}.unknown{color:#888;font-style:italic}
`;
