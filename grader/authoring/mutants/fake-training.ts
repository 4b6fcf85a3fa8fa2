/**
 * Training faked: the loop that steps the optimizer is kept for its count, but its body only pushes a
 * made-up falling loss, so the function returns its initial weights with a loss curve that looks
 * like learning. It is the submission that copies a curve instead of training, and it passes every
 * check that judges the reported losses without tying them to the weights returned. A loop counts
 * as training when it steps (`minimize`, `applyGradients`, or a variable's `assign`) and pushes onto
 * an array declared before it: the outermost such loop, so that the pushes stay one per epoch.
 */
import type * as Morph from 'ts-morph';
import { shorten } from './syntax.js';
import type { Mutation, MutationContext, MutationOperator } from './types.js';

const STEPS = new Set(['minimize', 'applyGradients', 'assign']);

type Loop = Morph.ForStatement | Morph.ForOfStatement | Morph.ForInStatement;

function loopsOf(context: MutationContext): Loop[] {
  const { SyntaxKind } = context.morph;
  return [
    ...context.solutionNodes(SyntaxKind.ForStatement),
    ...context.solutionNodes(SyntaxKind.ForOfStatement),
    ...context.solutionNodes(SyntaxKind.ForInStatement),
  ].sort((a, b) => a.getStart() - b.getStart());
}

function stepsIn(context: MutationContext, loop: Loop): boolean {
  const { SyntaxKind, Node } = context.morph;
  return loop.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && STEPS.has(callee.getName());
  });
}

/** The array the loop pushes each epoch's loss onto: `losses` in `losses.push(…)`, declared before the loop. */
function pushedArray(context: MutationContext, loop: Loop): string | null {
  const { SyntaxKind, Node } = context.morph;
  for (const call of loop.getStatement().getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'push') continue;
    const target = callee.getExpression();
    if (!Node.isIdentifier(target)) continue;
    const declaration = target.getSymbol()?.getDeclarations()[0];
    if (declaration && declaration.getEnd() <= loop.getStart()) return target.getText();
  }
  return null;
}

export const fakeTraining: MutationOperator = {
  title: 'fake the training: the loop that steps the optimizer only pushes a made-up falling loss, and the initial weights are returned',
  findMutations(context) {
    const mutations: Mutation[] = [];
    const training = loopsOf(context).filter((loop) => stepsIn(context, loop) && pushedArray(context, loop) !== null);
    // The outermost loop only: an inner one that also pushes is a part of the same training.
    const outermost = training.filter((loop) => !training.some((other) => other !== loop && other.getStart() <= loop.getStart() && loop.getEnd() <= other.getEnd()));
    for (const loop of outermost) {
      const losses = pushedArray(context, loop)!;
      const body = loop.getStatement();
      const header = context.sourceFile.getFullText().slice(loop.getStart(), body.getStart());
      // Falling from about ln 2, where a sigmoid loss starts, the way a real curve falls.
      const replacement = `${losses}.push(0.69 * Math.exp(-${losses}.length / 25));`;
      mutations.push({
        start: body.getStart(),
        end: body.getEnd(),
        replacement,
        description: `fake the training: ${shorten(header, 60)} only pushes a made-up falling loss onto ${losses}`,
      });
    }
    return mutations;
  },
};
