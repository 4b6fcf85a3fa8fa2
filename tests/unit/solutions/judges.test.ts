/**
 * Every runtime check's judge, of both exercises, fed what a submission could make its probe return:
 * null, numbers, NaN, strings, objects with the runner's marker keys, arrays of the wrong length,
 * ragged or nested, tensors of the wrong shape or full of NaN, and the reference's own result with
 * one part of it replaced by each of those. A judge runs in the grader on a value the student's code
 * shaped, so it must answer with a verdict every time: a throw would be an internal error, which
 * costs the student nothing and tells them nothing. The expected value is the reference's real
 * output, from running each probe on the solution in this process (no sandbox is started).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeCheck } from '../../../grader/checks/index.js';
import type { Wire } from '../../../grader/runtime/protocol.js';
import { installTensorCounts } from '../../../grader/runtime/tensor-counts.js';
import { encodeWire, type TensorLike } from '../../../grader/runtime/wire.js';
import { parseWire } from '../../../grader/sandbox/parse-wire.js';
import { exercise as qkvProjection } from '../../../solutions/qkv-projection/checks/index.js';
import * as qkvSolution from '../../../solutions/qkv-projection/qkv-projection.js';
import { exercise as scaledAttention } from '../../../solutions/scaled-attention/checks/index.js';
import * as scaledSolution from '../../../solutions/scaled-attention/scaled-attention.js';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

const tensor = (shape: number[], values: number[]): Wire => ({ $tensor: { shape, dtype: 'float32', values } });

/** Values a probe could hand back whatever it expected, each standing in for the whole result. */
const HOSTILE: Array<[string, Wire]> = [
  ['null', null],
  ['a number', 3],
  ['NaN', NaN],
  ['-Infinity', -Infinity],
  ['a string', 'Q'],
  ['a boolean', true],
  ['an empty object', {}],
  ['an empty array', []],
  ['[null]', [null]],
  ['an array of one number', [1]],
  ['a ragged array', [[1, 2], [3]]],
  ['a nested array', [[[1, 2]], [[3, 4]]]],
  ['an array of strings', ['a', 'b', 'c']],
  ['three nulls', [null, null, null]],
  ['three scalar tensors', [tensor([], [1]), tensor([], [2]), tensor([], [3])]],
  ['an opaque value', { $opaque: 'could not be read: Error: boom' }],
  ['undefined', { $undefined: true }],
  ['an object forging a tensor', { $tensor: { shape: 'x', dtype: 'float32', values: 5 } }],
  ['an object forging an opaque value', { $opaque: { toString: 5 } }],
  ['a scalar tensor', tensor([], [0.5])],
  ['an empty [0, 3] tensor', tensor([0, 3], [])],
  ['a [3, 0] tensor', tensor([3, 0], [])],
  ['a [1, 1] tensor', tensor([1, 1], [0.5])],
  ['a [2, 2] tensor of NaN', tensor([2, 2], [NaN, NaN, NaN, NaN])],
  ['a [2, 2, 2] tensor', tensor([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8])],
  ['an object with keys of the wrong types', { output: 'x', weights: 3, losses: {}, wQ: null, wK: [1], scores: NaN, q: [], before: {}, after: null, short: 'a', long: [] }],
];

/** What replaces one part of the reference's result: a field, an item, or a tensor's numbers. */
const REPLACEMENTS: Wire[] = [null, NaN, 'x', {}, [], [[1, 2], [3]], { $opaque: 'a function' }, { $undefined: true }, tensor([1, 1], [NaN]), tensor([2, 3], [1, 2, 3, 4, 5, 6])];

function isTensorWire(value: Wire): value is { $tensor: { shape: number[]; dtype: string; values: number[] } } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && '$tensor' in value;
}

/**
 * The reference's result with one thing wrong, down to `depth` levels: each field or item replaced,
 * arrays one shorter and one longer, tensors with NaN, Infinity, or another shape.
 */
function variantsOf(value: Wire, depth = 2): Array<[string, Wire]> {
  if (isTensorWire(value)) {
    const { shape, values } = value.$tensor;
    return [
      ['its NaN', tensor(shape, values.map(() => NaN))],
      ['with one Infinity', tensor(shape, values.map((v, i) => (i === 0 ? Infinity : v)))],
      ['transposed or flattened', tensor(shape.length === 2 ? [shape[1], shape[0]] : [values.length], values)],
      ['with an extra axis', tensor([1, ...shape], values)],
      ['one row short', shape.length > 0 && shape[0] > 0 ? tensor([shape[0] - 1, ...shape.slice(1)], values.slice(0, values.length - values.length / shape[0])) : tensor([0], [])],
    ];
  }
  if (Array.isArray(value)) {
    const variants: Array<[string, Wire]> = [
      ['one item short', value.slice(0, -1)],
      ['one item long', [...value, null]],
    ];
    value.slice(0, 4).forEach((entry, index) => {
      for (const replacement of REPLACEMENTS) variants.push([`item ${index} replaced by ${JSON.stringify(replacement)}`, value.map((v, i) => (i === index ? replacement : v))]);
      if (depth > 0) for (const [name, variant] of variantsOf(entry, depth - 1)) variants.push([`item ${index} ${name}`, value.map((v, i) => (i === index ? variant : v))]);
    });
    return variants;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, Wire>;
    const variants: Array<[string, Wire]> = [];
    for (const key of Object.keys(object)) {
      const { [key]: dropped, ...rest } = object;
      variants.push([`without ${key}`, rest]);
      for (const replacement of REPLACEMENTS) variants.push([`${key} replaced by ${JSON.stringify(replacement)}`, { ...object, [key]: replacement }]);
      if (depth > 0) for (const [name, variant] of variantsOf(dropped, depth - 1)) variants.push([`${key} ${name}`, { ...object, [key]: variant }]);
    }
    return variants;
  }
  return [];
}

const isTensor = (value: unknown): value is TensorLike => value instanceof tf.Tensor;

interface Case {
  check: RuntimeCheck;
  expected: Wire;
}

const exercises = [
  { definition: qkvProjection, solution: qkvSolution },
  { definition: scaledAttention, solution: scaledSolution },
];

/** Each runtime check with what the reference's code returns from its probe. */
const cases = new Map<string, Case>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  const counts = installTensorCounts(tf.engine(), tf.backend());
  for (const { definition, solution } of exercises) {
    for (const check of definition.checks) {
      if (check.kind !== 'runtime') continue;
      const value = await check.probe({ mod: solution, tf, input: structuredClone(check.input), counts });
      // As the grader receives it: encoded by the runner, parsed by the grader.
      cases.set(`${definition.id}/${check.id}`, { check, expected: parseWire(JSON.parse(encodeWire(value, isTensor))) });
    }
  }
}, 120_000);

function judge({ check, expected }: Case, actual: Wire) {
  return check.judge({ input: check.input, actual, expected, tolerance: TOLERANCE });
}

/** A verdict as the pipeline takes one: passed, or failed with a message to show. */
function expectVerdict(verdict: unknown, what: string): void {
  expect(verdict, what).toMatchObject({ status: expect.stringMatching(/^(passed|failed)$/) });
  const { status, message } = verdict as { status: string; message?: unknown };
  expect(status === 'passed' || (typeof message === 'string' && message.length > 0), `${what}: a failure says why`).toBe(true);
}

const runtimeChecks = exercises.flatMap(({ definition }) => definition.checks.filter((check) => check.kind === 'runtime').map((check) => `${definition.id}/${check.id}`));

describe('the judges of every runtime check', () => {
  it('cover both exercises', () => {
    expect(runtimeChecks.filter((id) => id.startsWith('qkv-projection/')).length).toBeGreaterThan(15);
    expect(runtimeChecks.filter((id) => id.startsWith('scaled-attention/')).length).toBeGreaterThan(15);
  });

  it.each(runtimeChecks)('%s passes the reference\'s own result', (id) => {
    const testCase = cases.get(id)!;
    expect(judge(testCase, testCase.expected)).toMatchObject({ status: 'passed' });
  });

  it.each(runtimeChecks)('%s answers a verdict, never a throw, for whatever comes back', (id) => {
    const testCase = cases.get(id)!;
    for (const [name, actual] of [...HOSTILE, ...variantsOf(testCase.expected)]) {
      let verdict: unknown;
      expect(() => (verdict = judge(testCase, actual)), `${id} on ${name}`).not.toThrow();
      expectVerdict(verdict, `${id} on ${name}`);
    }
  });

  it.each(runtimeChecks)('%s fails a result that is not its probe\'s', (id) => {
    const testCase = cases.get(id)!;
    for (const [name, actual] of HOSTILE) expect(judge(testCase, actual).status, `${id} on ${name}`).toBe('failed');
  });
});
