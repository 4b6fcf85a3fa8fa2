/** Whether the packages a backend needs are installed, asked of node's resolver: nothing is loaded or started. */
import { createRequire } from 'node:module';
import type { PackageNeed } from './backends/types.js';

const require = createRequire(import.meta.url);

export function isPackageInstalled(specifier: string): boolean {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/** The packages that leave `need` unmet: those of `allOf` not installed; every one of `anyOf` when none is. */
export function missingPackages(need: PackageNeed): string[] {
  if ('anyOf' in need) return need.anyOf.some(isPackageInstalled) ? [] : [...need.anyOf];
  return need.allOf.filter((specifier) => !isPackageInstalled(specifier));
}

/** `a is not installed`, `a and b are not installed`. */
export function describeMissing(missing: readonly string[]): string {
  return `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed`;
}
