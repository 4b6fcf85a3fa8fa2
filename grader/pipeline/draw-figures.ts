/**
 * A check's figures for the report. Drawing is an extra beside grading: it runs after the verdict
 * from the same values, and whatever goes wrong in it loses the figures and nothing else.
 */
import type { CheckDefinition } from '../checks/types.js';
import { compactFigure, FIGURE_LIMITS } from '../report/compact-figure.js';
import type { CheckFigure, Visibility } from '../report/types.js';
import type { Wire } from '../runtime/protocol.js';

export function drawFigures(check: CheckDefinition, visibility: Visibility, actual: Wire, expected: Wire): CheckFigure[] {
  // A hidden check's reference values are part of what is hidden.
  if (check.kind !== 'runtime' || !check.figures || visibility === 'hidden') return [];
  try {
    const figures = check.figures({ input: check.input, actual, expected });
    if (!Array.isArray(figures)) return [];
    return figures.slice(0, FIGURE_LIMITS.figuresPerCheck).map((figure) => ({ ...compactFigure(figure), checkId: check.id }));
  } catch {
    // A figure function that throws is the exercise author's bug; the student loses nothing.
    return [];
  }
}
