import { describeWire, failed, field, formatShape, item, passed, type Wire } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';

const input = { dModel: 8, dK: 3 };

const LAYERS = ['wQ', 'wK', 'wV'] as const;

/** A shape as a layer's weight has one: whole numbers; anything else came from the student's object. */
function isShape(value: Wire): value is number[] {
  return Array.isArray(value) && value.every((size) => typeof size === 'number' && Number.isInteger(size) && size >= 0);
}

export default defineRuntimeCheck({
  id: 'projection.no-bias',
  title: 'Each projection is bias-free, with one [dModel, dK] kernel',
  uses: ['QKVProjection'],
  input,
  probe: ({ mod, tf, input }) => {
    const projection = new mod.QKVProjection(input.dModel, input.dK);
    projection.forward(tf.zeros([1, input.dModel]));
    // What each field is, read without assuming it is a layer: the judge says what it found.
    return (['wQ', 'wK', 'wV'] as const).map((name) => {
      const layer = projection[name];
      if (layer === null || typeof layer !== 'object' || typeof layer.getWeights !== 'function') return { name, isLayer: false, kind: layer === null ? 'null' : typeof layer };
      return { name, isLayer: true, isBuilt: layer.built === true, weightShapes: layer.getWeights().map((w: { shape: number[] }) => w.shape) };
    });
  },
  judge: ({ input, actual }) => {
    if (!Array.isArray(actual) || actual.length !== LAYERS.length) return failed(`Could not read the weights of wQ, wK and wV: got ${describeWire(actual)}.`);
    const kernel = formatShape([input.dModel, input.dK]);
    const call = `QKVProjection(${input.dModel}, ${input.dK})`;
    for (const [index, name] of LAYERS.entries()) {
      const layer = item(actual, index);
      if (field(layer, 'isLayer') !== true) {
        const kind = field(layer, 'kind');
        return failed(`this.${name} of ${call} is ${typeof kind === 'string' ? kind : describeWire(kind)}, not a layer. Create it in the constructor with tf.layers.dense({ units: dK, useBias: false, inputDim: dModel }).`);
      }
      const shapes = field(layer, 'weightShapes');
      if (!Array.isArray(shapes) || !shapes.every(isShape)) {
        return failed(`${name}.getWeights() did not return tensors with shapes: it gave ${describeWire(shapes)}. ${name} should be a tf.layers.dense layer.`);
      }
      if (shapes.length === 0) {
        // A layer's weights exist once it is built, which applying it to an input does.
        const why = field(layer, 'isBuilt') === true ? 'it holds no weights' : 'it was never built, so forward() never applied it';
        return failed(`${name} has no kernel after forward(x): ${why}. Apply each of the three layers once in forward(): [this.wQ.apply(x), this.wK.apply(x), this.wV.apply(x)].`);
      }
      if (shapes.length > 1) {
        return failed(`${name} has ${shapes.length} weight tensors (${shapes.map(formatShape).join(', ')}); a projection has only its kernel. Pass useBias: false to tf.layers.dense.`);
      }
      if (formatShape(shapes[0]) !== kernel) {
        return failed(`${name}'s kernel has shape ${formatShape(shapes[0])}; for ${call} it should be ${kernel}. A tfjs Dense kernel is [dModel, dK], not transposed like PyTorch's.`);
      }
    }
    return passed();
  },
});
