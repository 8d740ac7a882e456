/** Slack mrkdwn: escaping of untrusted text and the few markup forms tfactions writes. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes `& < >` so user or API text can never form a link, mention or broadcast. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Escapes text that may or may not be escaped already (usage and help text, problem descriptions): `<` and
 * `>` always, `&` only when it does not start one of Slack's three entities, so nothing is escaped twice.
 */
export function escapeMrkdwnOnce(text: string): string {
  return text.replace(/&(?!(?:amp|lt|gt);)|[<>]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Keeps mrkdwn written by tfactions (links, `<@user>` mentions, dates) but disarms the broadcasts
 * (`<!channel>`, `<!here>`, `<!everyone>`, user groups) that no message of ours should ever carry.
 */
export function disarmBroadcasts(text: string): string {
  return text.replace(
    /<(!(?:channel|here|everyone|subteam\^)[^>]*)>/gi,
    (_match, inner: string) => `&lt;${inner}&gt;`,
  );
}

/** `code` span; backticks inside would end it early, so they become a look-alike. */
export function code(text: string): string {
  const inner = escapeMrkdwn(text).replace(/`/g, 'ˋ');
  return inner === '' ? '' : `\`${inner}\``;
}

/** Characters that would end a `<url|label>` early or break the URL are percent-encoded. */
function safeUrl(url: string): string {
  return url.replace(/[<>|\s]/g, (char) => encodeURIComponent(char)).replace(/&/g, '&amp;');
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** `<url|label>`; a URL that is not http(s) is not linked, only its label shown. */
export function link(url: string, label: string): string {
  const shownLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!isHttpUrl(url)) return shownLabel;
  return `<${safeUrl(url)}|${shownLabel}>`;
}

/** Slack renders the date in the reader's time zone; clients that cannot show the ISO text. */
export function slackDate(iso: string | null, format = '{date_short_pretty} {time}'): string {
  if (iso === null) return '—';
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(millis / 1000)}^${format}|${escapeMrkdwn(iso)}>`;
}

export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}
