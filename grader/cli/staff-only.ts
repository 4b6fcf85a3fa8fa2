/** A student kit holds one exercise's self-check and skeleton, and no solution: the course staff's commands are not for it. */
import { UsageError } from '../errors.js';
import { INSTALLATION } from '../paths.js';

/** Commands for course staff, refused in a student kit with what the kit does instead. */
export function refuseInStudentKit(command: string): void {
  if (INSTALLATION.role !== 'student-kit') return;
  throw new UsageError(`\`autograde ${command}\` is for course staff. This is the student kit of ${INSTALLATION.exercise}: it runs \`autograde check <file>\` (and \`autograde skeleton\`, which writes your file to start from).`);
}
