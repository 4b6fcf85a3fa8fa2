import { defineRuntimeCheck, failed, formatShape, passed } from '../../../grader/checks/index.js';

const input = { dModel: 8, dK: 3 };

export default defineRuntimeCheck({
  id: 'projection.no-bias',
  title: 'Each projection is bias-free, with one [dModel, dK] kernel',
  uses: ['QKVProjection'],
  input,
  probe: ({ mod, tf, input }) => {
    const projection = new mod.QKVProjection(input.dModel, input.dK);
    projection.forward(tf.zeros([1, input.dModel]));
    return ['wQ', 'wK', 'wV'].map((name) => ({
      name,
      weightShapes: projection[name].getWeights().map((w: { shape: number[] }) => w.shape),
    }));
  },
  judge: ({ actual }) => {
    if (!Array.isArray(actual)) return failed('Could not read the weights of wQ, wK and wV.');
    for (const layer of actual as Array<{ name: string; weightShapes: number[][] }>) {
      const shapes = layer.weightShapes;
      if (!Array.isArray(shapes)) return failed(`${layer.name} has no readable weights: it should be a tf.layers.dense layer.`);
      if (shapes.length > 1) {
        return failed(`${layer.name} has ${shapes.length} weight tensors (${shapes.map(formatShape).join(', ')}); a projection has only its kernel. Pass useBias: false to tf.layers.dense.`);
      }
      if (shapes.length === 0 || formatShape(shapes[0]) !== '[8, 3]') {
        return failed(`${layer.name}'s kernel has shape ${shapes.length ? formatShape(shapes[0]) : '(none)'}; for QKVProjection(8, 3) it should be [8, 3]. A tfjs Dense kernel is [dModel, dK], not transposed like PyTorch's.`);
      }
    }
    return passed();
  },
});
