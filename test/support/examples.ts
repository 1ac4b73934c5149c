/** The `@example` blocks of a source file: the lines after each tag up to the next tag or the comment's end. */
export function examplesOf(source: string): string[] {
  const out: string[] = [];
  for (const comment of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment
      .split('\n')
      .map((line) => line.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\*\/\s*$/, ''));
    for (let i = 0; i < lines.length; i++) {
      const tag = /^@example\s*(.*)$/.exec(lines[i].trim());
      if (tag === null) continue;
      const body = [tag[1]];
      for (let j = i + 1; j < lines.length && !lines[j].trim().startsWith('@'); j++)
        body.push(lines[j]);
      out.push(body.join('\n').trim());
    }
  }
  return out;
}
