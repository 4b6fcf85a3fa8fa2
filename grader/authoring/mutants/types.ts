/**
 * What a mutation operator is: a kind of mistake students make, found in the reference solution's
 * AST and written back as a text edit. Operators see only what students write (the SOLUTION
 * regions); the context gives them the types, since "another variable of the same type" or "a
 * returned tensor" cannot be told from the syntax alone.
 */
import type * as Morph from 'ts-morph';

export interface MutationContext {
  morph: typeof Morph;
  sourceFile: Morph.SourceFile;
  /** The nodes of this kind that lie inside a SOLUTION region, in source order. */
  solutionNodes<K extends Morph.SyntaxKind>(kind: K): Array<Morph.KindToNodeMappings[K]>;
  isInSolution(node: Morph.Node): boolean;
  /** The name tfjs is imported under (`import * as tf from '@tensorflow/tfjs'`), or null. */
  tfNamespace: string | null;
  /** Whether the node's type is a tfjs Tensor (or a Variable, Scalar, Tensor2D…). */
  isTensor(node: Morph.Node): boolean;
  /** The type as TypeScript prints it, to compare two expressions' types. */
  typeTextOf(node: Morph.Node): string;
}

/** One mutant as a text edit of the solution: `start`..`end` becomes `replacement`. */
export interface Mutation {
  start: number;
  end: number;
  replacement: string;
  /** The mistake, in the words of the report: "swap the operands: tf.matMul(x, wQ) → tf.matMul(wQ, x)". */
  description: string;
}

export interface MutationOperator {
  /** The mistake this operator makes, one line for the report. */
  title: string;
  findMutations(context: MutationContext): Mutation[];
}
