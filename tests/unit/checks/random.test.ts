import { describe, expect, it } from 'vitest';
import { randomMatrix, seededRandom } from '../../../grader/checks/random.js';

describe('seededRandom', () => {
  it('draws the same numbers for a seed on every run, so that check inputs and their cached reference stay the same', () => {
    const random = seededRandom(1);
    expect([random(), random(), random()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('draws other numbers for another seed, each in [0, 1)', () => {
    const draws = Array.from({ length: 1000 }, seededRandom(2));
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(draws[0]).not.toBe(seededRandom(1)());
  });
});

describe('randomMatrix', () => {
  it('rounds to three decimals within [-scale, scale)', () => {
    expect(randomMatrix(seededRandom(31337), 2, 3)).toEqual([[0.389, -0.586, 0.168], [0.604, 0.157, -1]]);
    expect(randomMatrix(seededRandom(31337), 2, 3, 2)).toEqual([[0.778, -1.171, 0.335], [1.208, 0.314, -1.999]]);
  });
});
