/** Every text string inside a Block Kit structure, joined by newlines: for assertions on what a user reads. */
export function blocksText(value: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        if ((key === 'text' || key === 'url' || key === 'alt_text') && typeof child === 'string')
          parts.push(child);
        else walk(child);
      }
  };
  walk(value);
  return parts.join('\n');
}
