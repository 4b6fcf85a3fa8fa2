/**
 * `npm run bench -- typecheck [--runs N] [--size N]`: the type check alone, as the compile worker
 * runs it, with the native checker and with the JS one, runs alternating. Cold: a fresh worker's
 * first type check, of the reference solution (after a compile, as in a grading run, so that the
 * worker's own start is not counted). Batch: a generated class, planned and checked as a batch
 * does (sixteen to a group), in a fresh worker. Wall time and the CPU of the worker and the
 * checker it runs, per submission; medians.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Compiler, type SourceToCompile } from '../../grader/compile/compiler.js';
import { chooseTypechecker, describeTypechecker, type TypecheckerChoice } from '../../grader/compile/typechecker.js';
import { SOLUTIONS_DIR } from '../../grader/paths.js';
import { TypecheckAhead } from '../../grader/pipeline/typecheck-ahead.js';
import { makeClassSources } from './batch-bench.js';
import { formatMs, median } from './stats.js';

interface Measured {
  wallMs: number;
  cpuMs: number;
}

async function startedCompiler(typechecker: TypecheckerChoice, file: SourceToCompile): Promise<Compiler> {
  const compiler = new Compiler(60_000, 60_000, typechecker);
  const compiled = await compiler.compile(file, null);
  if (compiled.kind !== 'compiled') throw new Error(`the warm-up compile ended in ${compiled.kind}`);
  return compiler;
}

async function measure(compiler: Compiler, work: () => Promise<void>): Promise<Measured> {
  const cpuBefore = compiler.cpuMs;
  const startedAt = performance.now();
  await work();
  const measured = { wallMs: performance.now() - startedAt, cpuMs: compiler.cpuMs - cpuBefore };
  compiler.close();
  return measured;
}

async function measureCold(typechecker: TypecheckerChoice, solution: SourceToCompile): Promise<Measured> {
  const compiler = await startedCompiler(typechecker, solution);
  return measure(compiler, async () => {
    const outcome = await compiler.typecheck(solution);
    if (outcome.kind !== 'checked') throw new Error(`the reference's type check ended in ${outcome.kind}`);
  });
}

async function measureBatch(typechecker: TypecheckerChoice, files: SourceToCompile[]): Promise<Measured> {
  const compiler = await startedCompiler(typechecker, files[0]);
  return measure(compiler, async () => {
    const ahead = new TypecheckAhead(compiler);
    ahead.plan(files);
    for (const file of files) {
      const outcome = await ahead.check(file);
      if (outcome.kind !== 'checked') throw new Error(`${file.displayPath}: its type check ended in ${outcome.kind}`);
    }
  });
}

export async function runTypecheckBench(options: { runs: number; size: number }): Promise<void> {
  const native = chooseTypechecker('auto');
  const checkers: TypecheckerChoice[] = native.kind === 'native' ? [native, { kind: 'js' }] : [{ kind: 'js' }];
  const fileName = 'qkv-projection.ts';
  const solutionPath = path.join(SOLUTIONS_DIR, 'qkv-projection', fileName);
  const solution = { fileName, source: fs.readFileSync(solutionPath, 'utf8'), displayPath: solutionPath };
  const batch = makeClassSources(options.size).map(({ student, source }) => ({ fileName, source, displayPath: `${student}/${fileName}` }));
  console.log('autograde bench: the type check alone, in the compile worker, per checker');
  console.log(`node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${options.runs} runs each, medians`);
  if (native.kind !== 'native') console.log('(the native checker is not installed here: the JS checker alone)');
  console.log('');
  const results = new Map(checkers.map((c) => [c, { cold: [] as Measured[], batch: [] as Measured[] }]));
  for (let run = 0; run < options.runs; run++) {
    for (const checker of checkers) results.get(checker)!.cold.push(await measureCold(checker, solution));
    for (const checker of checkers) results.get(checker)!.batch.push(await measureBatch(checker, batch));
  }
  const wall = (ms: Measured[], per = 1): string => formatMs(median(ms.map((m) => m.wallMs)) / per);
  const cpu = (ms: Measured[], per = 1): string => formatMs(median(ms.map((m) => m.cpuMs)) / per);
  console.log(`                                                  cold (the reference)     batch of ${options.size}, per submission`);
  console.log('                                                  wall      CPU            wall      CPU');
  for (const checker of checkers) {
    const { cold, batch: inBatch } = results.get(checker)!;
    console.log(`  ${describeTypechecker(checker).padEnd(46)} ${wall(cold)}  ${cpu(cold)}        ${wall(inBatch, options.size)}  ${cpu(inBatch, options.size)}`);
  }
  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
