import fs from 'node:fs';
import path from 'node:path';

/** Written whole under a temporary name, then renamed: a kill midway never leaves half a file. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}
