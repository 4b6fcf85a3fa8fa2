import { describe, expect, it } from 'vitest';
import { matMul, project } from '../../../grader/checks/plain-math.js';

describe('project', () => {
  it('multiplies a row vector by a matrix: the notebook\'s query of "mat"', () => {
    const wQ = [[0.2, 0.1], [0.4, -0.3], [0.1, 0.5], [-0.2, 0.3]];
    const [q0, q1] = project([1.0, 0.5, -0.3, 0.8], wQ);
    expect(q0).toBeCloseTo(0.21, 12);
    expect(q1).toBeCloseTo(0.04, 12);
  });
});

describe('matMul', () => {
  it('projects each row of a, so that a [2, 3] times a [3, 1] is [2, 1]', () => {
    expect(matMul([[1, 2, 3], [4, 5, 6]], [[1], [0], [-1]])).toEqual([[-2], [-2]]);
    expect(matMul([], [[1]])).toEqual([]);
  });
});
