/**
 * Stack traces from the sandbox point into the compiled JavaScript; students need lines of their
 * TypeScript. The transpiler's source map turns one into the other.
 */
import { SourceMap } from 'node:module';

export type StackMapper = (text: string) => string;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createStackMapper(sourceMap: string | undefined, displayPath: string): StackMapper {
  if (!sourceMap) return (text) => text;
  let map: SourceMap;
  try {
    map = new SourceMap(JSON.parse(sourceMap) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return (text) => text;
  }
  const position = new RegExp(`${escapeRegExp(displayPath)}:(\\d+):(\\d+)`, 'g');
  return (text) =>
    text.replace(position, (whole, line: string, column: string) => {
      const entry = map.findEntry(Number(line) - 1, Number(column) - 1) as { originalLine?: number; originalColumn?: number };
      if (entry.originalLine === undefined || entry.originalColumn === undefined) return whole;
      return `${displayPath}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
}

/** The first place in the student's own file that a stack trace mentions, e.g. `x.ts:12:5`. */
export function firstStudentFrame(stack: string | undefined, displayPath: string): string | null {
  if (!stack) return null;
  const match = new RegExp(`${escapeRegExp(displayPath)}:\\d+:\\d+`).exec(stack);
  return match ? match[0] : null;
}
