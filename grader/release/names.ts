/** What `autograde release` writes, by name: course scripts rely on these. */
export const KIT_PACKAGE_SCOPE = '@tfjs-autograde';
export const STUDENT_KIT_FILE = 'student-kit.tgz';
export const AUTOGRADER_ZIP_FILE = 'autograder.zip';
/** The grader's own package inside the autograder zip. */
export const GRADER_TARBALL_FILE = 'grader.tgz';

/** The kit's package name, e.g. `@tfjs-autograde/kit-qkv-projection`. */
export function kitPackageName(exerciseId: string): string {
  return `${KIT_PACKAGE_SCOPE}/kit-${exerciseId}`;
}
