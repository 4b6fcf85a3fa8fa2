/**
 * Mutants of a reference solution: every operator of the registry run over its SOLUTION regions,
 * each mutation made into a whole file with a stable id, its line and its diff. The solution is
 * type-checked against the real tfjs typings, since some operators need types; that costs a second
 * or two, once per exercise.
 */
import { createHash } from 'node:crypto';
import type * as Morph from 'ts-morph';
import { morph } from '../compile/typescript.js';
import { SUBMISSION_COMPILER_OPTIONS } from '../compile/typecheck-program.js';
import { unifiedDiff } from './line-diff.js';
import { findMarkedRegions, type SolutionRegion } from './markers.js';
import { MUTATION_OPERATORS, OPERATOR_NAMES, type Mutation, type MutationContext, type OperatorName } from './mutants/index.js';

/** Enough to show each operator at work on an exercise while keeping validation to minutes. */
export const DEFAULT_MAX_PER_OPERATOR = 10;

export interface Mutant {
  /**
   * `<operator>@<function>:<hash of the lines changed>`: the same for the same mistake in the same
   * code however the rest of the file moves, which is what an acknowledgement names.
   */
  id: string;
  operator: OperatorName;
  functionName: string;
  description: string;
  /** 1-based line of the solution where the mutation starts. */
  line: number;
  /** The whole mutated file. */
  source: string;
  diff: string;
}

export interface OperatorCount {
  operator: OperatorName;
  title: string;
  /** Distinct mutants it made (none equal to the solution or to another operator's). */
  found: number;
  /** Those kept under the per-operator cap, which are graded. */
  kept: number;
}

export interface MutantPlan {
  /** The graded mutants, operator by operator, in source order. */
  mutants: Mutant[];
  /** The ids of every mutant found, graded or not: an acknowledgement must name one of these. */
  foundIds: Set<string>;
  operators: OperatorCount[];
}

/** Options as the grader type-checks a submission: the language, node's globals left out. */
export function createMutationProject(): Morph.Project {
  return new morph.Project({ skipAddingFilesFromTsConfig: true, compilerOptions: SUBMISSION_COMPILER_OPTIONS });
}

const TENSOR_CLASSES = new Set(['Tensor', 'Variable']);

function isTensorType(type: Morph.Type, depth = 0): boolean {
  const symbol = type.getSymbol() ?? type.getAliasSymbol();
  if (symbol && TENSOR_CLASSES.has(symbol.getName())) return true;
  return depth < 4 && type.getBaseTypes().some((base) => isTensorType(base, depth + 1));
}

function tfNamespaceOf(sourceFile: Morph.SourceFile): string | null {
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (declaration.getModuleSpecifierValue() !== '@tensorflow/tfjs') continue;
    const namespace = declaration.getNamespaceImport() ?? declaration.getDefaultImport();
    if (namespace) return namespace.getText();
  }
  return null;
}

/**
 * The context operators see. `filePath` should lie inside the package (it need not exist), so that
 * `@tensorflow/tfjs` resolves to the installed typings.
 */
export function createMutationContext(project: Morph.Project, filePath: string, source: string, regions: readonly SolutionRegion[]): MutationContext {
  const sourceFile = project.createSourceFile(filePath, source, { overwrite: true });
  const isInSolution = (node: Morph.Node): boolean => {
    const start = node.getStart();
    const end = node.getEnd();
    return regions.some((region) => start >= region.codeStart && end <= region.codeEnd);
  };
  return {
    morph,
    sourceFile,
    isInSolution,
    solutionNodes: (kind) => sourceFile.getDescendantsOfKind(kind).filter(isInSolution),
    tfNamespace: tfNamespaceOf(sourceFile),
    isTensor: (node) => isTensorType(node.getType()),
    typeTextOf: (node) => node.getType().getText(),
  };
}

export function solutionRegionsOf(source: string, displayPath: string): SolutionRegion[] {
  return findMarkedRegions(source, displayPath).filter((region): region is SolutionRegion => region.kind === 'solution');
}

function lineStartOf(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function lineEndOf(text: string, pos: number): number {
  const newline = text.indexOf('\n', pos);
  return newline === -1 ? text.length : newline;
}

/** `count` of `items`, spread evenly from first to last, so a cap still reaches every function. */
export function pickEvenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, k) => items[Math.floor((k * items.length) / count)]);
}

function applyMutation(source: string, mutation: Mutation): string {
  return source.slice(0, mutation.start) + mutation.replacement + source.slice(mutation.end);
}

export function makeMutants(source: string, options: { filePath: string; displayPath: string; maxPerOperator?: number; project?: Morph.Project }): MutantPlan {
  const maxPerOperator = options.maxPerOperator ?? DEFAULT_MAX_PER_OPERATOR;
  const regions = solutionRegionsOf(source, options.displayPath);
  const context = createMutationContext(options.project ?? createMutationProject(), options.filePath, source, regions);
  const lineOf = (pos: number) => context.sourceFile.getLineAndColumnAtPos(pos).line;
  const seenSources = new Set<string>([source]);
  const usedIds = new Set<string>();
  const foundIds = new Set<string>();
  const mutants: Mutant[] = [];
  const operators: OperatorCount[] = [];

  for (const operator of OPERATOR_NAMES) {
    const made: Mutant[] = [];
    for (const mutation of MUTATION_OPERATORS[operator].findMutations(context)) {
      const mutated = applyMutation(source, mutation);
      // No change, or a mutant another operator already made: grading it again proves nothing.
      if (seenSources.has(mutated)) continue;
      seenSources.add(mutated);
      const region = regions.find((r) => mutation.start >= r.codeStart && mutation.end <= r.codeEnd);
      const functionName = region?.functionName ?? '(outside)';
      const start = lineStartOf(source, mutation.start);
      const before = source.slice(start, lineEndOf(source, mutation.end));
      const after = mutated.slice(start, lineEndOf(mutated, mutation.start + mutation.replacement.length));
      const hash = createHash('sha256').update([operator, functionName, before, after].join('\0')).digest('hex').slice(0, 6);
      let id = `${operator}@${functionName}:${hash}`;
      // The same edit of two identical lines of one function: numbered in source order.
      for (let n = 2; usedIds.has(id); n++) id = `${operator}@${functionName}:${hash}-${n}`;
      usedIds.add(id);
      foundIds.add(id);
      made.push({
        id,
        operator,
        functionName,
        description: mutation.description,
        line: lineOf(mutation.start),
        source: mutated,
        diff: unifiedDiff(source, mutated, { oldName: options.displayPath, newName: `${options.displayPath} (mutant)`, context: 2 }),
      });
    }
    const kept = pickEvenly(made, maxPerOperator);
    mutants.push(...kept);
    operators.push({ operator, title: MUTATION_OPERATORS[operator].title, found: made.length, kept: kept.length });
  }
  return { mutants, foundIds, operators };
}
