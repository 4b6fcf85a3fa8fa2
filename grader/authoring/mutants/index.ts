/**
 * Every mutation operator, in one typed map: adding one is adding a file and a line. The order is
 * the report's, and the order in which two operators that make the same mutant keep the first.
 */
import { addBias } from './add-bias.js';
import { changeConstant } from './change-constant.js';
import { dropNormalisation } from './drop-normalisation.js';
import { dropOptimizerStep } from './drop-optimizer-step.js';
import { fakeTraining } from './fake-training.js';
import { offByOne } from './off-by-one.js';
import { returnConstant } from './return-constant.js';
import { returnOtherOutput } from './return-other-output.js';
import { reuseProperty } from './reuse-property.js';
import { swapOperands } from './swap-operands.js';
import type { MutationOperator } from './types.js';

export const MUTATION_OPERATORS = {
  'swap-operands': swapOperands,
  'reuse-property': reuseProperty,
  'add-bias': addBias,
  'off-by-one': offByOne,
  'drop-optimizer-step': dropOptimizerStep,
  'drop-normalisation': dropNormalisation,
  'change-constant': changeConstant,
  'return-other-output': returnOtherOutput,
  'return-constant': returnConstant,
  'fake-training': fakeTraining,
} as const satisfies Record<string, MutationOperator>;

export type OperatorName = keyof typeof MUTATION_OPERATORS;

export const OPERATOR_NAMES = Object.keys(MUTATION_OPERATORS) as OperatorName[];

export type { Mutation, MutationContext, MutationOperator } from './types.js';
