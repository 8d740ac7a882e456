/** The shortcodes a Block Kit message is likely to use, drawn as Slack would; others stay as typed. */
const EMOJI: Readonly<Record<string, string>> = {
  x: '❌',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  warning: '⚠️',
  rotating_light: '🚨',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  white_circle: '⚪',
  large_blue_circle: '🔵',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  fast_forward: '⏩',
  black_circle_for_record: '⏺️',
  zap: '⚡',
  bell: '🔔',
  no_bell: '🔕',
  mag: '🔍',
  link: '🔗',
  gear: '⚙️',
  information_source: 'ℹ️',
  grey_question: '❔',
  question: '❓',
  heavy_minus_sign: '➖',
  arrow_right: '➡️',
  arrow_left: '⬅️',
};

export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (match, name: string) => EMOJI[name] ?? match);
}
