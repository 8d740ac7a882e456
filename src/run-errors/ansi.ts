/** Terminal colour and control sequences, and the STX/ETX markers HCP Terraform wraps its logs in. */

const ESC = String.fromCharCode(0x1b);
const BEL = String.fromCharCode(0x07);
const STX = String.fromCharCode(0x02);
const ETX = String.fromCharCode(0x03);

// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) ending in BEL or ST, and the
// two-character escapes.
const ESCAPE_SEQUENCES = new RegExp(
  `${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[@-Z\\\\-_]`,
  'g',
);

export function stripAnsi(text: string): string {
  let clean = '';
  for (const char of text.replace(ESCAPE_SEQUENCES, '')) {
    const code = char.charCodeAt(0);
    // Tabs stay; every other control character (and DEL) goes.
    if (code === 0x09 || (code >= 0x20 && code !== 0x7f)) clean += char;
  }
  return clean;
}

/** go-tfe's log reader: a log may start with STX and end with ETX. */
export function stripLogMarkers(line: string): string {
  const start = line.startsWith(STX) ? 1 : 0;
  const end = line.endsWith(ETX) ? line.length - 1 : line.length;
  return start === 0 && end === line.length ? line : line.slice(start, Math.max(start, end));
}
