/**
 * What a type check may read from the disk: the tfjs typings (the packages '@tensorflow/tfjs'
 * depends on, where npm put them), the package manifest that makes a submission an ES module, and
 * the native checker's own lib files. Both type checkers ask this for every file and folder they
 * look at besides the ones they hold in memory (the submissions, the globals, the config), so a
 * submission that imports or references anything else (another submission, the solution,
 * /etc/passwd) is told it does not exist, and no byte of it is read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import { collectPackageLocations } from '../sandbox/readable-paths.js';

/** The only module a submission may import, and so the only packages its type check may read. */
export const TYPINGS_ROOT_PACKAGE = '@tensorflow/tfjs';

function isWithin(file: string, dir: string): boolean {
  return file === dir || file.startsWith(`${dir}${path.sep}`);
}

export class TypecheckFiles {
  /** Package folders, both as found and as they really are: a resolver asks for either. */
  private readonly packageDirs: string[];
  /** Folders above those, which a resolver walks through on its way to node_modules. */
  private readonly ancestors = new Set<string>();
  private readonly manifest = path.join(PROJECT_ROOT, 'package.json');
  private readonly texts = new Map<string, string | undefined>();
  private readonly stats = new Map<string, 'file' | 'directory' | null>();
  private readonly realpaths = new Map<string, string>();

  /** `libDir`: where the native checker keeps its lib files; the JS checker serves its own from memory. */
  constructor(private readonly libDir?: string) {
    const { dirs, lookedUp } = collectPackageLocations([TYPINGS_ROOT_PACKAGE], PROJECT_ROOT);
    this.packageDirs = [...new Set([...dirs, ...lookedUp])];
    for (const dir of [...this.packageDirs, PROJECT_ROOT]) {
      for (let d = path.dirname(dir); ; d = path.dirname(d)) {
        this.ancestors.add(d);
        if (path.dirname(d) === d) break;
      }
    }
    this.ancestors.add(PROJECT_ROOT);
  }

  private isReadable(file: string): boolean {
    if (file === this.manifest) return true;
    if (this.libDir !== undefined && path.dirname(file) === this.libDir && /^lib\.[\w.]+\.d\.ts$/.test(path.basename(file))) return true;
    return this.packageDirs.some((dir) => isWithin(file, dir));
  }

  private stat(file: string): 'file' | 'directory' | null {
    if (!this.stats.has(file)) {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      this.stats.set(file, stat?.isFile() ? 'file' : stat?.isDirectory() ? 'directory' : null);
    }
    return this.stats.get(file)!;
  }

  readFile(file: string): string | undefined {
    const normal = path.normalize(file);
    if (!this.isReadable(normal)) return undefined;
    if (!this.texts.has(normal)) {
      let text: string | undefined;
      try {
        text = fs.readFileSync(normal, 'utf8');
      } catch {
        text = undefined;
      }
      this.texts.set(normal, text);
    }
    return this.texts.get(normal);
  }

  fileExists(file: string): boolean {
    const normal = path.normalize(file);
    return this.isReadable(normal) && this.stat(normal) === 'file';
  }

  directoryExists(dir: string): boolean {
    const normal = path.normalize(dir);
    if (this.ancestors.has(normal) || normal === this.libDir) return true;
    return this.packageDirs.some((p) => isWithin(normal, p)) && this.stat(normal) === 'directory';
  }

  /** Links are followed only inside the typings, where the checker needs the real path to tell two copies apart. */
  realpath(file: string): string {
    const normal = path.normalize(file);
    if (!this.isReadable(normal)) return file;
    if (!this.realpaths.has(normal)) {
      let real = normal;
      try {
        real = fs.realpathSync(normal);
      } catch {
        // Not there: the checker finds that out when it asks for the file.
      }
      this.realpaths.set(normal, real);
    }
    return this.realpaths.get(normal)!;
  }
}
