/**
 * The notebook's plots, drawn from what the checks' calls returned: the student's result beside the
 * reference's. A figure never judges; where the student's value cannot be drawn, the reference is
 * shown alone and the caption says why.
 */
import { asNumericArray, asTensor, describeWire, matMul, type HeatmapFigure, type LineFigure, type ScatterFigure, type Wire } from '../../../grader/checks/index.js';
import { SENTENCE } from './data.js';

const YOURS = 'your code';
const REFERENCE = 'reference';

/**
 * The first `columns` columns of a 2-d tensor (or nested array) with `rows` rows, or null if it is
 * anything else or narrower; wider only where `isWiderAllowed`. The shape is read before any row
 * is built: a student's value may be huge.
 */
function leadingColumns(value: Wire, rows: number, columns: number, isWiderAllowed = true): number[][] | null {
  const tensor = asTensor(value) ?? asNumericArray(value);
  if (!tensor || tensor.shape.length !== 2 || tensor.shape[0] !== rows || tensor.shape[1] < columns) return null;
  if (!isWiderAllowed && tensor.shape[1] !== columns) return null;
  const width = tensor.shape[1];
  return Array.from({ length: rows }, (_, r) => tensor.values.slice(r * width, r * width + columns));
}

/** x · w for plain matrices, or null when the sizes do not fit. */
export function multiply(x: number[][], w: number[][]): number[][] | null {
  if (x.length === 0 || w.length === 0 || x.some((row) => row.length !== w.length)) return null;
  return matMul(x, w);
}

/** The loss per epoch of section 7's plot, "Learning QKV Projections", or of another run titled `title`. */
export function lossCurveFigure(actual: Wire, expected: Wire, what: string, title = 'Learning QKV projections: the loss per epoch'): LineFigure {
  const yours = asNumericArray(actual);
  const reference = asNumericArray(expected);
  const isDrawable = yours !== null && yours.shape.length === 1 && yours.values.length > 0;
  const series: LineFigure['series'] = [];
  if (isDrawable) series.push({ name: YOURS, source: 'student', y: yours.values });
  if (reference) series.push({ name: REFERENCE, source: 'reference', y: reference.values });
  return {
    kind: 'line',
    title,
    caption:
      `The mean binary cross-entropy of each epoch that ${what} reported, beside the reference's. ` +
      'Other initial weights give another curve; it should still fall steeply and level off.' +
      (isDrawable ? '' : ` Your losses could not be drawn: they are ${describeWire(actual)}.`),
    xLabel: 'epoch',
    yLabel: 'loss',
    series,
  };
}

/** One matrix per dK of TODO 2's plot, "Query Similarity for Different Projection Dimensions". */
export function similarityHeatmapFigures(actual: Wire, expected: Wire, dKValues: readonly number[]): HeatmapFigure[] {
  return dKValues.map((dK, index) => {
    const n = SENTENCE.length;
    const matrixOf = (value: Wire): number[][] | null => (Array.isArray(value) ? leadingColumns(value[index] ?? null, n, n, false) : null);
    const yours = matrixOf(actual);
    const reference = matrixOf(expected);
    const isDrawable = yours !== null;
    const panels: HeatmapFigure['panels'] = [];
    if (isDrawable) panels.push({ name: YOURS, source: 'student', values: yours });
    if (reference) panels.push({ name: REFERENCE, source: 'reference', values: reference });
    return {
      kind: 'heatmap',
      title: `Query similarity, dK = ${dK}`,
      caption:
        `The cosine similarity of the six queries Q = X·W_Q for a random W_Q of shape [4, ${dK}], as compareProjections returned it, beside the reference's. ` +
        (dK === 1 ? 'With dK = 1 all queries lie on one line, so every entry is +1 or −1. ' : '') +
        'The check asks for a valid cosine matrix, not for the reference\'s random W_Q: yours may differ and still be right.' +
        (isDrawable ? '' : ` Your matrix for dK = ${dK} could not be drawn: it is not [6, 6].`),
      rowLabels: [...SENTENCE],
      columnLabels: [...SENTENCE],
      min: -1,
      max: 1,
      panels,
    };
  });
}

/** One row per word as labelled 2-d points (its first two columns), or null if there are none. */
function wordPoints(rows: number[][] | null): ScatterFigure['series'][number]['points'] | null {
  if (!rows || rows.length !== SENTENCE.length || rows.some((row) => row.length < 2)) return null;
  return rows.map((row, index) => ({ label: SENTENCE[index], x: row[0], y: row[1] }));
}

/** Section 4.3's plot, "QKV Projections of 'The cat sat on the mat'": one figure each for Q, K, V. */
export function projectionScatterFigures(actual: Wire, expected: Wire, what: string): ScatterFigure[] {
  const names = [['Q', 'Queries', 'query'], ['K', 'Keys', 'key'], ['V', 'Values', 'value']] as const;
  return names.map(([name, plural, singular], index) => {
    const yours = wordPoints(Array.isArray(actual) ? leadingColumns(actual[index] ?? null, SENTENCE.length, 2) : null);
    const reference = wordPoints(Array.isArray(expected) ? leadingColumns(expected[index] ?? null, SENTENCE.length, 2) : null);
    const series: ScatterFigure['series'] = [];
    if (yours) series.push({ name: YOURS, source: 'student', points: yours });
    if (reference) series.push({ name: REFERENCE, source: 'reference', points: reference });
    return {
      kind: 'scatter',
      title: `${plural} (${name}) of "The cat sat on the mat"`,
      caption:
        `${name} = X·W_${name} with the notebook's weights, as ${what} returned it, beside the reference's. ` +
        `dK = 2, so dimensions 0 and 1 are the whole of each ${singular} vector; each word should sit exactly on its reference point.` +
        (yours ? '' : ` Your ${name} could not be drawn: it is not six rows of at least two numbers.`),
      xLabel: 'dimension 0',
      yLabel: 'dimension 1',
      series,
      isPaired: true,
    };
  });
}

/** Section 8's plot, "Learned QKV Projections": the six words through the learned W_Q and W_K. */
export function learnedProjectionFigures(x: number[][], actual: { wQ: Wire; wK: Wire }, expected: { wQ: Wire; wK: Wire }): ScatterFigure[] {
  const sides = [['wQ', 'Q', 'queries'], ['wK', 'K', 'keys']] as const;
  return sides.map(([key, name, plural]) => {
    // Only the two plotted dimensions are projected.
    const yoursWeights = leadingColumns(actual[key], x[0].length, 2);
    const referenceWeights = leadingColumns(expected[key], x[0].length, 2);
    const yours = wordPoints(yoursWeights ? multiply(x, yoursWeights) : null);
    const reference = wordPoints(referenceWeights ? multiply(x, referenceWeights) : null);
    const series: ScatterFigure['series'] = [];
    if (yours) series.push({ name: YOURS, source: 'student', points: yours });
    if (reference) series.push({ name: REFERENCE, source: 'reference', points: reference });
    return {
      kind: 'scatter',
      title: `Learned ${plural}`,
      caption:
        `X·W_${name} with the W_${name} that trainAttentionPairs returned, beside the reference's: dimensions 0 and 1 (dK = 2 by default). ` +
        'Training from other initial weights learns another projection that can be just as right; the check recomputes the six predictions from your weights.' +
        (yours ? '' : ` Your learned W_${name} could not be drawn: it is ${describeWire(actual[key])}, not a [4, 2] matrix.`),
      xLabel: 'dimension 0',
      yLabel: 'dimension 1',
      series,
      isPaired: false,
    };
  });
}
