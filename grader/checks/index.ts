/** What exercise authors use to write checks. */
export * from './types.js';
export * from './compare.js';
export { tfBindings } from './tf-bindings.js';
export { excerptOf, findFunction, findTfUse, type SourceExcerpt } from './source-analysis.js';
export { randomMatrix, seededRandom } from './random.js';
export { matMul, project } from './plain-math.js';
export { defineNoTensorsCheck, type NoTensorsInput } from './no-tensors.js';
export { createCheckRegistry } from './registry.js';
export type { Wire } from '../runtime/protocol.js';
export type { Tolerance } from '../rubric/schema.js';
export type { Figure, FigureSource, HeatmapFigure, LineFigure, ScatterFigure } from '../report/types.js';
