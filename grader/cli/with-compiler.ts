import { Compiler } from '../compile/compiler.js';

/**
 * The compile worker loads TypeScript and then the tfjs typings, a second or more: it starts before
 * the grader loads its own modules, so that it is ready by the time it is needed, and it ends with
 * the command whatever happens.
 */
export async function withCompiler<T>(run: (compiler: Compiler) => Promise<T>): Promise<T> {
  const compiler = new Compiler();
  compiler.warmUp();
  try {
    return await run(compiler);
  } finally {
    compiler.close();
  }
}
