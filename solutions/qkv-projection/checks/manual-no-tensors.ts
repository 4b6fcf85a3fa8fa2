import { defineNoTensorsCheck } from '../../../grader/checks/index.js';
import { W_Q, X } from './data.js';
import type { StudentModule } from './student-module.js';

export default defineNoTensorsCheck<StudentModule>({
  id: 'manual.no-tensors',
  title: 'manualProjection makes no tfjs tensor while it runs',
  fn: 'manualProjection',
  calls: [[X[5], W_Q], [[1, 2, 3], [[1, 0], [0, 1], [1, 1]]]],
  hint: 'This part is about seeing every multiply-add: compute the sums with for loops over plain arrays.',
});
