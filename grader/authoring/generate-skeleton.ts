/**
 * The students' skeleton, made from the reference solution: each SOLUTION region becomes the TODO
 * error it names, each HIDDEN region goes, and every other byte is kept, so the doc comments,
 * signatures and exports students read are the ones the solution was written against.
 */
import { findMarkedRegions, MarkerError, type MarkedRegion } from './markers.js';

export function applyRegions(source: string, regions: readonly MarkedRegion[]): string {
  let text = source;
  // From the end, so that earlier offsets stay valid.
  for (const region of [...regions].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, region.start) + region.replacement + text.slice(region.end);
  }
  return text;
}

/** The skeleton of `source`; `displayPath` names the solution in errors. */
export function generateSkeleton(source: string, displayPath: string): string {
  const regions = findMarkedRegions(source, displayPath);
  if (!regions.some((region) => region.kind === 'solution')) {
    // Without a SOLUTION region the "skeleton" would be the solution itself.
    throw new MarkerError(displayPath, [
      { line: 1, message: 'the solution has no // BEGIN SOLUTION or // SOLUTION marker, so its skeleton would be the solution itself', fix: 'mark the code students write, e.g. // BEGIN SOLUTION TODO 1: … // END SOLUTION around a function body' },
    ]);
  }
  return applyRegions(source, regions);
}
