/**
 * How tfjs and a backend's packages reach the runner: what differs between its two starts. Started
 * plainly, node runs runner.js with tfjs's entry file as its argument, and the packages are
 * required from their folders. Started from the snapshot, they were evaluated when the snapshot was
 * built, and start-from-snapshot.ts hands its host over here before it evaluates runner.js.
 */
import { createRequire } from 'node:module';

export interface RunnerHost {
  /** tfjs's entry file where it is installed, from which a backend finds its native parts (Dawn). */
  tfjsEntry: string;
  /** `@tensorflow/tfjs` or a backend's package: required from its folder, or the one in the snapshot. */
  loadPackage(name: string): unknown;
  /** For a package bundled into the snapshot, away from its folder, the entry file it was bundled from. */
  bundledFrom(name: string): string | null;
}

let handedOver: RunnerHost | null = null;

/** For the snapshot's start, before runner.js is evaluated. */
export function handOverHost(host: RunnerHost): void {
  handedOver = host;
}

/** The host handed over by the snapshot's start, or else the plain start's, from the process's argument. */
export function takeHost(): RunnerHost {
  if (handedOver) return handedOver;
  const tfjsEntry = process.argv[2];
  const packageRequire = createRequire(tfjsEntry);
  return {
    tfjsEntry,
    loadPackage: (name) => packageRequire(name === '@tensorflow/tfjs' ? tfjsEntry : name),
    bundledFrom: () => null,
  };
}
