import { Compiler } from '../compile/compiler.js';

/** Started by the CLI's entry before it loads the rest of the grader; taken by the first withCompiler. */
let early: Compiler | null = null;

/**
 * Starts the compile worker before anything else loads, for a command that compiles: it loads
 * TypeScript while the grader loads its own modules and the exercise. An early worker that no
 * command takes (a usage error) does not keep the grader alive.
 */
export function startCompilerEarly(): void {
  early ??= new Compiler();
  early.warmUp();
}

/**
 * The compile worker loads TypeScript and then the tfjs typings, a second or more: it starts before
 * the grader loads its own modules, so that it is ready by the time it is needed, and it ends with
 * the command whatever happens.
 */
export async function withCompiler<T>(run: (compiler: Compiler) => Promise<T>): Promise<T> {
  const compiler = early ?? new Compiler();
  early = null;
  compiler.warmUp();
  try {
    return await run(compiler);
  } finally {
    compiler.close();
  }
}
