/**
 * A unified diff of two texts, line by line, as `diff -u` prints it. The files compared here are
 * an exercise's skeleton and a mutant of its solution, a few hundred lines that differ in a few:
 * the common head and tail are cut first, and the rest is a longest-common-subsequence table.
 */

type Op = { kind: 'same' | 'removed' | 'added'; text: string; oldLine: number; newLine: number };

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  // A final newline ends the last line; it does not start another.
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  // lcs[i][j]: the longest common subsequence of midA[i..] and midB[j..].
  const lcs = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: 'same', text: a[k], oldLine: k + 1, newLine: k + 1 });
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    const oldLine = head + i + 1;
    const newLine = head + j + 1;
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      ops.push({ kind: 'same', text: midA[i], oldLine, newLine });
      i++;
      j++;
    } else if (i < midA.length && (j === midB.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // Removals before additions, as diff prints a changed line.
      ops.push({ kind: 'removed', text: midA[i], oldLine, newLine });
      i++;
    } else {
      ops.push({ kind: 'added', text: midB[j], oldLine, newLine });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    ops.push({ kind: 'same', text: a[a.length - tail + k], oldLine: a.length - tail + k + 1, newLine: b.length - tail + k + 1 });
  }
  return ops;
}

/** `--- old` / `+++ new` and `@@` hunks with `context` lines around each change; '' when equal. */
export function unifiedDiff(oldText: string, newText: string, options: { oldName?: string; newName?: string; context?: number } = {}): string {
  const { oldName = 'a', newName = 'b', context = 3 } = options;
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changed = ops.flatMap((op, index) => (op.kind === 'same' ? [] : [index]));
  if (changed.length === 0) return '';
  // Changes closer than twice the context share a hunk, as diff -u does.
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const last = hunks.at(-1);
    if (last && index - last[1] <= 2 * context + 1) last[1] = index;
    else hunks.push([index, index]);
  }
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== 'added').length;
    const newCount = slice.filter((op) => op.kind !== 'removed').length;
    // An empty side is numbered after the line it follows, as diff -u numbers it.
    const oldStart = oldCount === 0 ? slice[0].oldLine - 1 : slice[0].oldLine;
    const newStart = newCount === 0 ? slice[0].newLine - 1 : slice[0].newLine;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) out.push(`${op.kind === 'same' ? ' ' : op.kind === 'removed' ? '-' : '+'}${op.text}`);
  }
  return `${out.join('\n')}\n`;
}
