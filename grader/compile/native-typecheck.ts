/**
 * Type checking with TypeScript 7's native compiler: one long-lived process of the Go binary,
 * driven through its JS API (`typescript-native/unstable/sync`, pinned to one release). The
 * process keeps the parsed tfjs typings from one group of submissions to the next, so a group of
 * sixteen costs about as much CPU as one file did with the JS compiler, and a file alone a few
 * tens of milliseconds.
 *
 * The binary would read the disk itself; here every file-system question it asks (does this file
 * exist, read it, is this a folder, where does this link lead) is answered by the callbacks
 * below: the submissions, the globals and the config from memory, the rest from TypecheckFiles,
 * which knows only the tfjs typings, the package manifest and the binary's own lib files. Anything
 * else a submission names does not exist for the checker.
 *
 * The programs are built as the JS checker builds them (the same folder, options, globals and
 * grouping), so that both give the same diagnostics; tests/integration/compile compares them on
 * every fixture.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { API, DiagnosticCategory, type Diagnostic as NativeDiagnostic, type Snapshot } from 'typescript-native/unstable/sync';
import type { Diagnostic } from '../report/types.js';
import { hasPrlimit } from '../sandbox/layers.js';
import { TypecheckFiles } from './typecheck-files.js';
import { checkInGroups, GLOBALS, SUBMISSION_TSCONFIG_OPTIONS, type FileToCheck, type SubmissionTypechecker } from './typecheck-program.js';

/**
 * Address space for the checker process. A backstop for when nobody watches it: the grader kills
 * a type check whose processes hold more than TYPECHECK_MEMORY_MB resident, well before the Go
 * runtime, which reserves about a gigabyte and a half of address space beyond its heap, fails here.
 */
const ADDRESS_SPACE_BYTES = 4096 * 1024 * 1024;

interface MessageChain {
  text: string;
  messageChain?: readonly MessageChain[] | undefined;
}

/** TypeScript's own message flattening: each link of the chain on a line of its own, indented by its depth. */
export function flattenNativeMessage(diagnostic: MessageChain, indent = 0): string {
  let text = indent > 0 ? `\n${'  '.repeat(indent)}${diagnostic.text}` : diagnostic.text;
  for (const next of diagnostic.messageChain ?? []) text += flattenNativeMessage(next, indent + 1);
  return text;
}

/** Where each line starts, as TypeScript counts lines: CRLF, CR, LF, and the Unicode line and paragraph separators. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let pos = 0; pos < text.length; pos++) {
    const ch = text.charCodeAt(pos);
    if (ch === 0x0d && text.charCodeAt(pos + 1) === 0x0a) pos++;
    if (ch === 0x0a || ch === 0x0d || ch === 0x2028 || ch === 0x2029) starts.push(pos + 1);
  }
  return starts;
}

/** As toDiagnostic does for the JS checker. The API's positions are UTF-16 offsets, as JavaScript strings count. */
export function fromNativeDiagnostic(diagnostic: NativeDiagnostic, lineStarts: readonly number[], displayPath: string): Diagnostic {
  const message = flattenNativeMessage(diagnostic);
  if (diagnostic.fileName === undefined) return { file: displayPath, line: 1, column: 1, severity: 'warning', message };
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1] <= diagnostic.pos) line++;
  return { file: displayPath, line: line + 1, column: diagnostic.pos - lineStarts[line] + 1, severity: 'warning', message };
}

/** The checker's process, where the API exposes it: a field of its channel, in this pinned release. */
function checkerPid(api: API): number | undefined {
  const pid = (api as unknown as { client?: { channel?: { child?: { pid?: unknown } } } }).client?.channel?.child?.pid;
  return typeof pid === 'number' ? pid : undefined;
}

export class NativeTypecheckProgram implements SubmissionTypechecker {
  private readonly disk: TypecheckFiles;
  private readonly api: API;
  private readonly configFile: string;
  private readonly globalsFile: string;
  /** The files of the program being checked, by their path in the virtual folder. */
  private virtual = new Map<string, string>();
  private snapshot: Snapshot | undefined;

  /** `dir` as for TypecheckProgram: below the package root, where '@tensorflow/tfjs' resolves to its typings. */
  constructor(
    private readonly dir: string,
    executable: string,
    libDir: string,
  ) {
    this.disk = new TypecheckFiles(libDir);
    this.configFile = path.join(dir, 'tsconfig.json');
    this.globalsFile = path.join(dir, 'globals.d.ts');
    // One thread, as the worker's V8 has one helper thread: the type check runs beside the sandboxed
    // checks, and a second core spent on it is taken from them.
    process.env.GOMAXPROCS = '1';
    this.api = new API({
      cwd: dir,
      tsserverPath: executable,
      fs: {
        readFile: (file) => this.virtual.get(file) ?? this.disk.readFile(file) ?? null,
        fileExists: (file) => this.virtual.has(file) || this.disk.fileExists(file),
        directoryExists: (dirName) => this.isVirtualDir(dirName) || this.disk.directoryExists(dirName),
        realpath: (file) => (this.virtual.has(file) ? file : this.disk.realpath(file)),
        // Listing folders is how a config's `include` finds files; this config names its files.
        getAccessibleEntries: () => ({ files: [], directories: [] }),
      },
    });
    const pid = checkerPid(this.api);
    if (pid !== undefined && hasPrlimit()) spawnSync('prlimit', ['--pid', String(pid), `--as=${ADDRESS_SPACE_BYTES}`], { stdio: 'ignore', timeout: 5000 });
  }

  /** Type errors in each file, as warnings at the student's file and line, in the order given. */
  checkMany(files: FileToCheck[]): Diagnostic[][] {
    return checkInGroups(files, (group) => this.checkInOneProgram(group));
  }

  close(): void {
    this.api.close();
  }

  private isVirtualDir(dirName: string): boolean {
    const dir = path.normalize(dirName);
    return dir === this.dir || [...this.virtual.keys()].some((file) => path.dirname(file) === dir);
  }

  private checkInOneProgram(files: FileToCheck[]): Diagnostic[][] {
    // Each in a folder of its own, under the name the exercise gives it, as the JS checker does.
    const paths = files.map((file, k) => path.join(this.dir, String(k), file.fileName));
    const before = this.virtual;
    this.virtual = new Map([
      [this.configFile, JSON.stringify({ compilerOptions: SUBMISSION_TSCONFIG_OPTIONS, files: [this.globalsFile, ...paths] })],
      [this.globalsFile, GLOBALS],
      ...paths.map((p, k): [string, string] => [p, files[k].source]),
    ]);
    const previous = this.snapshot;
    if (previous === undefined) {
      this.snapshot = this.api.updateSnapshot({ openProjects: [this.configFile] });
    } else {
      // The checker keeps every file it has parsed and rereads only the ones named here.
      const changed = [...this.virtual.keys()].filter((file) => before.has(file) && before.get(file) !== this.virtual.get(file));
      const created = [...this.virtual.keys()].filter((file) => !before.has(file));
      const deleted = [...before.keys()].filter((file) => !this.virtual.has(file));
      this.snapshot = this.api.updateSnapshot({ fileChanges: { changed, created, deleted } });
      previous.dispose();
    }
    const project = this.snapshot.getProject(this.configFile);
    if (!project) throw new Error('the native type checker did not load its project');
    return files.map((file, k) => {
      const lineStarts = computeLineStarts(file.source);
      return project.program
        .getSemanticDiagnostics(paths[k])
        .filter((d) => d.category === DiagnosticCategory.Error)
        .map((d) => fromNativeDiagnostic(d, lineStarts, file.displayPath));
    });
  }
}
