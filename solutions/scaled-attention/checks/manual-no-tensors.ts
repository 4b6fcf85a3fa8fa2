import { defineNoTensorsCheck } from '../../../grader/checks/index.js';
import { K_EXAMPLE, Q_EXAMPLE, V_EXAMPLE } from './data.js';
import type { StudentModule } from './student-module.js';

export default defineNoTensorsCheck<StudentModule>({
  id: 'manual.no-tensors',
  title: 'attentionByHand makes no tfjs tensor while it runs',
  fn: 'attentionByHand',
  calls: [[Q_EXAMPLE[2], K_EXAMPLE, V_EXAMPLE], [Q_EXAMPLE[0], K_EXAMPLE.slice(0, 1), V_EXAMPLE.slice(0, 1)]],
  hint: 'This part is about seeing every step: compute the dot products, the softmax and the weighted sum with loops over plain arrays.',
});
