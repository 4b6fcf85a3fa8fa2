/** Runs one mutation operator over a snippet of solution code, as validation runs it over a solution. */
import path from 'node:path';
import type { Project } from 'ts-morph';
import { createMutationContext, createMutationProject, solutionRegionsOf } from '../../grader/authoring/make-mutants.js';
import { MUTATION_OPERATORS, type OperatorName } from '../../grader/authoring/mutants/index.js';
import { PROJECT_ROOT } from '../../grader/paths.js';

// One project for a test file: the tfjs typings are read once.
let project: Project | undefined;

/** Inside the package, so that '@tensorflow/tfjs' resolves to the installed typings; never written. */
const SNIPPET_PATH = path.join(PROJECT_ROOT, 'tests', 'unit', 'authoring', 'mutants', 'snippet.ts');

export interface SnippetMutation {
  description: string;
  /** The changed lines as the mutation leaves them, trimmed and joined by newlines. */
  after: string;
}

export function mutateSnippet(operator: OperatorName, source: string): SnippetMutation[] {
  project ??= createMutationProject();
  const context = createMutationContext(project, SNIPPET_PATH, source, solutionRegionsOf(source, 'snippet.ts'));
  return MUTATION_OPERATORS[operator].findMutations(context).map((mutation) => {
    const mutated = source.slice(0, mutation.start) + mutation.replacement + source.slice(mutation.end);
    const start = mutated.lastIndexOf('\n', mutation.start - 1) + 1;
    const endOfReplacement = mutation.start + mutation.replacement.length;
    const newline = mutated.indexOf('\n', endOfReplacement);
    const lines = mutated.slice(start, newline === -1 ? mutated.length : newline).split('\n');
    return { description: mutation.description, after: lines.map((line) => line.trim()).join('\n') };
  });
}

/** A solution file: the tfjs import, then `body`. */
export function snippet(...body: string[]): string {
  return `import * as tf from '@tensorflow/tfjs';\n${body.join('\n')}\n`;
}
