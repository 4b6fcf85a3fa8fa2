/**
 * What would make GitHub-flavoured Markdown render other than meant: a table row with more or fewer
 * cells than its header (an unescaped pipe), a fence left open, or raw HTML or an entity from text
 * that should have been escaped. Returns each problem with its line; an empty list means none.
 */
const FENCE = /^(`{3,}|~{3,})(.*)$/;

function countCells(row: string): number {
  // Every pipe not escaped by a backslash separates cells, inside code spans too (GFM splits first).
  const pipes = row.match(/(?<!\\)\|/g) ?? [];
  return pipes.length - 1;
}

export function findMarkdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split('\n');
  let fence: string | null = null;
  let table: { header: number; line: number } | null = null;
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}`;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && fenceMatch[2].trim() === '') fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      table = null;
      continue;
    }
    if (line.startsWith('|')) {
      if (table === null) {
        table = { header: countCells(line), line: index + 1 };
        const delimiter = lines[index + 1] ?? '';
        if (!/^\|( *:?-+:? *\|)+$/.test(delimiter) || countCells(delimiter) !== table.header) problems.push(`${where}: a table header without a matching delimiter row`);
      } else if (countCells(line) !== table.header) {
        problems.push(`${where}: ${countCells(line)} cells in a table of ${table.header} (from line ${table.line})`);
      }
    } else {
      table = null;
    }
    const outsideCode = line.replace(/(`+)(?:(?!\1).)+?\1/g, '');
    if (/(?<!\\)</.test(outsideCode)) problems.push(`${where}: raw HTML`);
    if (/(?<!\\)&[#a-zA-Z0-9]+;/.test(outsideCode)) problems.push(`${where}: an HTML entity`);
  }
  if (fence !== null) problems.push(`a ${fence} fence is never closed`);
  return problems;
}
