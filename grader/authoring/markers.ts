/**
 * The markers an exercise author writes into a reference solution, and the regions they delimit:
 *
 *     // BEGIN SOLUTION TODO 3: compute the scores      (in a function body, on its own line)
 *     …statements students write…
 *     // END SOLUTION
 *
 *     statement; // SOLUTION TODO 4: the hint            (one statement, same line)
 *
 *     // BEGIN HIDDEN                                    (anything the students never see)
 *     // END HIDDEN
 *
 * Comments are found with the TypeScript scanner, never by searching the text, so a marker inside
 * a string or a template is only text. A misplaced marker is an error that names its line and the
 * fix: a skeleton built from a guess would silently hand students the wrong file.
 */
import type { TS } from '../compile/typescript.js';
import { ts } from '../compile/typescript.js';
import { GraderError } from '../errors.js';

/** What a stub throws when its marker gives no hint. */
export const DEFAULT_HINT = 'TODO: implement this';

export interface SolutionRegion {
  kind: 'solution';
  form: 'block' | 'line';
  /** Line (1-based) of the BEGIN SOLUTION marker, or of the one-line statement's marker. */
  line: number;
  /** The TODO message the skeleton throws. */
  hint: string;
  /** The function, method or constructor the region is in, e.g. `Model.forward`. */
  functionName: string;
  /** What the skeleton replaces: the marker lines and everything between (block), or the statement and its marker (line). */
  start: number;
  end: number;
  /** The solution's own code, which students write: the statements between the markers. */
  codeStart: number;
  codeEnd: number;
  /** What replaces `start`..`end`. */
  replacement: string;
}

export interface HiddenRegion {
  kind: 'hidden';
  line: number;
  start: number;
  end: number;
  replacement: '';
}

export type MarkedRegion = SolutionRegion | HiddenRegion;

export interface MarkerProblem {
  line: number;
  message: string;
  fix: string;
}

/** Markers that cannot be turned into a skeleton, every one of them with its line and fix. */
export class MarkerError extends GraderError {
  constructor(
    readonly file: string,
    readonly problems: MarkerProblem[],
  ) {
    const lines = problems.map((p) => `  ${file}:${p.line}  ${p.message}. Fix: ${p.fix}.`);
    super('EXERCISE_INVALID', `The solution's markers are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'MarkerError';
  }
}

type MarkerKind = 'begin-solution' | 'end-solution' | 'begin-hidden' | 'end-hidden' | 'solution-line';

interface Marker {
  kind: MarkerKind;
  /** The comment's own range. */
  pos: number;
  end: number;
  line: number;
  /** Text after the keyword, trimmed. */
  rest: string;
}

const MARKER_PATTERN = /^\/\/\s*(BEGIN SOLUTION|END SOLUTION|BEGIN HIDDEN|END HIDDEN|SOLUTION)(?![\w-])(.*)$/;
/** Almost a marker: the wrong case, or in a block comment. Silently ignoring it would leak a solution. */
const NEAR_MISS_PATTERN = /^(\/\/|\/\*+)\s*(begin\s+solution|end\s+solution|begin\s+hidden|end\s+hidden|solution\b)/i;

const KIND_OF: Record<string, MarkerKind> = {
  'BEGIN SOLUTION': 'begin-solution',
  'END SOLUTION': 'end-solution',
  'BEGIN HIDDEN': 'begin-hidden',
  'END HIDDEN': 'end-hidden',
  SOLUTION: 'solution-line',
};

const LABEL: Record<MarkerKind, string> = {
  'begin-solution': '// BEGIN SOLUTION',
  'end-solution': '// END SOLUTION',
  'begin-hidden': '// BEGIN HIDDEN',
  'end-hidden': '// END HIDDEN',
  'solution-line': '// SOLUTION',
};

/** Every comment of the file, found from the tokens' trivia (JSDoc included, as plain comments). */
function collectComments(sourceFile: TS.SourceFile): TS.CommentRange[] {
  const text = sourceFile.text;
  const found = new Map<number, TS.CommentRange>();
  const add = (ranges: TS.CommentRange[] | undefined) => ranges?.forEach((range) => found.set(range.pos, range));
  const visit = (node: TS.Node): void => {
    // JSDoc is parsed into nodes of its own; its text is already a comment of the trivia below.
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(sourceFile);
    if (children.length === 0) {
      // Comments after a newline lead the next token; one on the same line trails the token before.
      add(ts.getLeadingCommentRanges(text, node.pos));
      add(ts.getTrailingCommentRanges(text, node.pos));
      return;
    }
    children.forEach(visit);
  };
  visit(sourceFile);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

/** A list of statements (or of class members) a marker can stand between. */
type Container = TS.SourceFile | TS.Block | TS.ModuleBlock | TS.CaseOrDefaultClause | TS.ClassLikeDeclaration;

function itemsOf(container: Container): readonly TS.Node[] {
  return ts.isClassLike(container) ? container.members : container.statements;
}

/** Whether `pos` lies inside the container's braces (or its clause), where its items are. */
function isInsideBody(node: TS.Node, pos: number, sourceFile: TS.SourceFile): node is Exclude<Container, TS.SourceFile> {
  if (ts.isBlock(node) || ts.isModuleBlock(node)) return pos > node.getStart(sourceFile) && pos < node.end - 1;
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return pos > node.getStart(sourceFile);
  if (ts.isClassLike(node)) {
    const open = node.members.pos;
    return pos >= open && pos < node.end - 1;
  }
  return false;
}

/** The outermost statement list below `node` whose body holds `pos`, following the path to it. */
function innerContainer(node: TS.Node, pos: number, sourceFile: TS.SourceFile): Container | null {
  let found: Container | null = null;
  node.forEachChild((child) => {
    if (found !== null || !(child.pos <= pos && pos < child.end)) return;
    found = isInsideBody(child, pos, sourceFile) ? child : innerContainer(child, pos, sourceFile);
  });
  return found;
}

type Placement = { kind: 'between'; container: Container } | { kind: 'inside'; item: TS.Node };

/** Where a comment stands: between the items of a list, or inside one item's own syntax. */
function placementOf(pos: number, sourceFile: TS.SourceFile): Placement {
  let container: Container = sourceFile;
  for (;;) {
    const holder = itemsOf(container).find((item) => item.getStart(sourceFile) <= pos && pos < item.end);
    if (!holder) return { kind: 'between', container };
    const inner = innerContainer(holder, pos, sourceFile);
    if (!inner) return { kind: 'inside', item: holder };
    container = inner;
  }
}

/** The function, method or constructor whose own body this block is; null for any other block. */
function functionOfBody(container: Container): TS.FunctionLikeDeclaration | null {
  if (!ts.isBlock(container)) return null;
  const parent = container.parent;
  return ts.isFunctionLike(parent) && (parent as TS.FunctionLikeDeclaration).body === container ? (parent as TS.FunctionLikeDeclaration) : null;
}

/** `Class.method`, `name` of a function or of the variable an arrow is assigned to, else `(anonymous)`. */
export function functionNameOf(fn: TS.Node): string {
  const own = (node: TS.Node): string | null => {
    if (ts.isConstructorDeclaration(node)) return 'constructor';
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && node.name) {
      return node.name.getText();
    }
    if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent)) return node.parent.name.getText();
    return null;
  };
  const name = own(fn);
  if (name !== null && (ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isGetAccessor(fn) || ts.isSetAccessor(fn)) && ts.isClassLike(fn.parent) && fn.parent.name) {
    return `${fn.parent.name.getText()}.${name}`;
  }
  if (name !== null) return name;
  // An anonymous callback is named for the function it is written in.
  for (let node = fn.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) return functionNameOf(node);
  }
  return '(anonymous)';
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The position just past the line's end, its newline included. */
function lineEndOf(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline + 1;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** A string literal in the file's own quoting style: single quotes, as the skeletons use. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The stub a SOLUTION region becomes. */
export function stubStatement(hint: string): string {
  return `throw new Error(${quote(hint)});`;
}

function parse(source: string, fileName: string): TS.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/**
 * The regions of a solution file, in source order. Throws a MarkerError listing every marker that
 * is misplaced, unmatched or nested (markers do not nest), each with its line and fix.
 */
export function findMarkedRegions(source: string, displayPath: string): MarkedRegion[] {
  const sourceFile = parse(source, displayPath);
  const problems: MarkerProblem[] = [];
  const lineOf = (pos: number) => sourceFile.getLineAndCharacterOfPosition(pos).line + 1;
  const markers: Marker[] = [];
  for (const comment of collectComments(sourceFile)) {
    const text = source.slice(comment.pos, comment.end);
    const match = comment.kind === ts.SyntaxKind.SingleLineCommentTrivia ? MARKER_PATTERN.exec(text) : null;
    if (match) {
      markers.push({ kind: KIND_OF[match[1]], pos: comment.pos, end: comment.end, line: lineOf(comment.pos), rest: match[2].trim() });
    } else if (NEAR_MISS_PATTERN.test(text)) {
      problems.push({
        line: lineOf(comment.pos),
        message: `\`${text.split('\n')[0].slice(0, 60)}\` looks like a marker but is not one`,
        fix: 'markers are line comments in capitals: // BEGIN SOLUTION, // END SOLUTION, // SOLUTION, // BEGIN HIDDEN, // END HIDDEN',
      });
    }
  }

  const regions: MarkedRegion[] = [];
  let open: { marker: Marker; container: Container } | null = null;
  const hintOf = (marker: Marker): string | null => {
    if (marker.rest === '') return DEFAULT_HINT;
    if (/^TODO\b/.test(marker.rest)) return marker.rest;
    problems.push({
      line: marker.line,
      message: `the hint "${marker.rest.slice(0, 60)}" does not start with TODO, so the grader would not see the stub as unfinished work`,
      fix: `write it as ${LABEL[marker.kind]} TODO <n>: ${marker.rest.slice(0, 40)}`,
    });
    return null;
  };

  for (const marker of markers) {
    const lineStart = lineStartOf(source, marker.pos);
    const isAlone = isBlank(source.slice(lineStart, marker.pos));
    const placement = placementOf(marker.pos, sourceFile);

    if (marker.kind === 'solution-line') {
      if (open) {
        problems.push({ line: marker.line, message: `${LABEL[marker.kind]} is inside the ${LABEL[open.marker.kind]} block of line ${open.marker.line}`, fix: 'markers do not nest: remove one of them' });
        continue;
      }
      const statement = placement.kind === 'between' ? [...itemsOf(placement.container)].reverse().find((item) => item.end <= marker.pos) : undefined;
      if (isAlone || placement.kind !== 'between' || !statement || !/^[ \t]*$/.test(source.slice(statement.end, marker.pos))) {
        problems.push({
          line: marker.line,
          message: `${LABEL[marker.kind]} must follow a whole statement on the same line`,
          fix: 'put it after the statement\'s semicolon (`return x; // SOLUTION TODO 1: …`), or wrap several statements in // BEGIN SOLUTION … // END SOLUTION',
        });
        continue;
      }
      const fn = functionOfBody(placement.container);
      if (!fn) {
        problems.push({ line: marker.line, message: `${LABEL[marker.kind]} marks a statement that is not directly in a function, method or constructor body`, fix: 'mark a statement of the function body itself (the grader recognises an unfinished function by the TODO error its own body throws)' });
        continue;
      }
      const hint = hintOf(marker);
      if (hint === null) continue;
      const start = statement.getStart(sourceFile);
      regions.push({
        kind: 'solution',
        form: 'line',
        line: marker.line,
        hint,
        functionName: functionNameOf(fn),
        start,
        end: marker.end,
        codeStart: start,
        codeEnd: statement.end,
        replacement: stubStatement(hint),
      });
      continue;
    }

    if (!isAlone) {
      problems.push({ line: marker.line, message: `${LABEL[marker.kind]} must be alone on its line`, fix: 'move the code before it to a line of its own' });
      continue;
    }
    if (placement.kind === 'inside') {
      problems.push({
        line: marker.line,
        message: `${LABEL[marker.kind]} is inside the statement that starts at line ${lineOf(placement.item.getStart(sourceFile))}, not between statements`,
        fix: 'markers go around whole statements: move it before or after that statement',
      });
      if (marker.kind.startsWith('end') && open) open = null;
      continue;
    }
    const { container } = placement;

    if (marker.kind === 'begin-solution' || marker.kind === 'begin-hidden') {
      if (open) {
        problems.push({
          line: marker.line,
          message: `${LABEL[marker.kind]} opens inside the ${LABEL[open.marker.kind]} block of line ${open.marker.line}`,
          fix: `markers do not nest: close that block with ${open.marker.kind === 'begin-solution' ? '// END SOLUTION' : '// END HIDDEN'} first`,
        });
        continue;
      }
      if (marker.kind === 'begin-solution' && !functionOfBody(container)) {
        const where = ts.isSourceFile(container) ? 'at the top level of the file' : ts.isClassLike(container) ? 'among the members of a class' : 'in a nested block (an if, a loop…)';
        problems.push({
          line: marker.line,
          message: `${LABEL[marker.kind]} is ${where}, not directly in a function, method or constructor body`,
          fix: 'put the block in the body of the function students complete (the grader recognises an unfinished function by the TODO error its own body throws); use // BEGIN HIDDEN for code students never see',
        });
        continue;
      }
      open = { marker, container };
      continue;
    }

    // An END marker.
    const expected = marker.kind === 'end-solution' ? 'begin-solution' : 'begin-hidden';
    if (!open) {
      problems.push({ line: marker.line, message: `${LABEL[marker.kind]} has no ${LABEL[expected]} before it`, fix: `add ${LABEL[expected]} before the first statement of the block, or remove this marker` });
      continue;
    }
    const { marker: begin, container: beginContainer } = open;
    open = null;
    if (begin.kind !== expected) {
      problems.push({ line: marker.line, message: `${LABEL[marker.kind]} closes the ${LABEL[begin.kind]} of line ${begin.line}`, fix: `close it with ${begin.kind === 'begin-solution' ? '// END SOLUTION' : '// END HIDDEN'}` });
      continue;
    }
    if (container !== beginContainer) {
      problems.push({
        line: marker.line,
        message: `${LABEL[marker.kind]} is not in the same block as the ${LABEL[begin.kind]} of line ${begin.line}`,
        fix: 'put both markers in the same function body (or both at the same level), around whole statements',
      });
      continue;
    }
    const start = lineStartOf(source, begin.pos);
    let end = lineEndOf(source, marker.end);
    if (begin.kind === 'begin-solution') {
      const indent = source.slice(start, begin.pos);
      const newline = source.slice(end - 2, end) === '\r\n' ? '\r\n' : '\n';
      const hint = hintOf(begin);
      if (hint === null) continue;
      regions.push({
        kind: 'solution',
        form: 'block',
        line: begin.line,
        hint,
        functionName: functionNameOf(functionOfBody(container)!),
        start,
        end,
        codeStart: lineEndOf(source, begin.end),
        codeEnd: lineStartOf(source, marker.pos),
        replacement: `${indent}${stubStatement(hint)}${newline}`,
      });
    } else {
      // A hidden block between two blank lines takes one of them along, so no double gap is left.
      const before = source.slice(lineStartOf(source, Math.max(0, start - 1)), start);
      const after = source.slice(end, lineEndOf(source, end));
      if (start > 0 && isBlank(before) && after !== '' && isBlank(after)) end += after.length;
      regions.push({ kind: 'hidden', line: begin.line, start, end, replacement: '' });
    }
  }
  if (open) {
    const closing = open.marker.kind === 'begin-solution' ? '// END SOLUTION' : '// END HIDDEN';
    problems.push({ line: open.marker.line, message: `${LABEL[open.marker.kind]} is never closed`, fix: `add ${closing} on its own line after the block's last statement` });
  }
  if (problems.length > 0) throw new MarkerError(displayPath, problems.sort((a, b) => a.line - b.line));
  return regions;
}
