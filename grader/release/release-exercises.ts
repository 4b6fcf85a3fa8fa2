/**
 * `autograde release`: from the instructor's material, what students get and what the grading
 * platform gets, per exercise: `<out>/<exercise>/student-kit.tgz` and `<out>/<exercise>/autograder.zip`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Compiler } from '../compile/compiler.js';
import { loadExercise } from '../exercise/load-exercise.js';
import { PROJECT_ROOT } from '../paths.js';
import { writeAutograderZip } from './autograder-zip.js';
import { AUTOGRADER_ZIP_FILE, STUDENT_KIT_FILE } from './names.js';
import { npmPack } from './npm-pack.js';
import { stageStudentKit } from './student-kit.js';

export interface ReleasedExercise {
  exercise: string;
  studentKit: string;
  autograderZip: string;
  /** The kit's checks, and what it leaves out as a count and points. */
  visibleChecks: number;
  withheld: { count: number; points: number };
}

export interface ReleaseOptions {
  /** A rubric of the course's own, for one exercise, instead of rubrics/<exercise>.yaml. */
  rubricPath?: string;
  onProgress?: (line: string) => void;
}

export async function releaseExercises(ids: string[], out: string, compiler: Compiler, { rubricPath, onProgress = () => undefined }: ReleaseOptions = {}): Promise<ReleasedExercise[]> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-release-'));
  try {
    onProgress('packing the grader');
    const graderTarball = npmPack(PROJECT_ROOT, path.join(scratch, 'grader'));
    const released: ReleasedExercise[] = [];
    for (const id of ids) {
      onProgress(`${id}: computing the reference's answers and laying out the student kit`);
      const exercise = await loadExercise(id, rubricPath);
      const kit = await stageStudentKit(exercise, path.join(scratch, `kit-${id}`), compiler);
      const packed = npmPack(kit.dir, path.join(scratch, `packed-${id}`));
      const dir = path.join(out, id);
      fs.mkdirSync(dir, { recursive: true });
      const studentKit = path.join(dir, STUDENT_KIT_FILE);
      fs.copyFileSync(packed, studentKit);
      const autograderZip = path.join(dir, AUTOGRADER_ZIP_FILE);
      writeAutograderZip(id, graderTarball, autograderZip, rubricPath);
      released.push({ exercise: id, studentKit, autograderZip, visibleChecks: kit.checks.length, withheld: { count: kit.withheld.count, points: kit.withheld.points } });
    }
    return released;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
