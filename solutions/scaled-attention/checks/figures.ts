/**
 * The notebook's picture of attention: the weights as a heatmap, each row a query, each column the
 * key it attends to, the student's beside the reference's. A figure never judges; where the
 * student's weights cannot be drawn, the reference is shown alone and the caption says why.
 */
import { describeWire, type HeatmapFigure, type Wire } from '../../../grader/checks/index.js';
import { readAttention } from './attention-result.js';
import { rowsOf } from './plain-math.js';

/** Square weights of n rows read from `{ output, weights }`, or null. */
function weightsOf(value: Wire, n: number): number[][] | null {
  const got = readAttention(value, 'attention');
  if ('verdict' in got) return null;
  const { weights } = got.result;
  if (weights.shape.length !== 2 || weights.shape[0] !== n || weights.shape[1] !== n) return null;
  return rowsOf(weights);
}

export function attentionHeatmap(options: { actual: Wire; expected: Wire; n: number; title: string; caption: string }): HeatmapFigure {
  const { actual, expected, n } = options;
  const yours = weightsOf(actual, n);
  const reference = weightsOf(expected, n);
  const panels: HeatmapFigure['panels'] = [];
  if (yours) panels.push({ name: 'your code', source: 'student', values: yours });
  if (reference) panels.push({ name: 'reference', source: 'reference', values: reference });
  const labels = Array.from({ length: n }, (_, i) => `word ${i}`);
  return {
    kind: 'heatmap',
    title: options.title,
    caption: options.caption + (yours ? '' : ` Your weights could not be drawn: the call returned ${describeWire(actual)}, not weights of shape [${n}, ${n}].`),
    rowLabels: labels.map((label) => `${label} (query)`),
    columnLabels: labels,
    min: 0,
    max: 1,
    panels,
  };
}
