/**
 * The student's module as this exercise's probes expect it: the skeleton's exports, with the
 * signatures students are told to keep. Imported for its types only, so nothing of the skeleton is
 * loaded, or shipped with the checks. A submission may still differ at run time; probes that read
 * what the student's code made guard what they read.
 */
import type * as Skeleton from '../../../exercises/qkv-projection/qkv-projection.js';
import { defineRuntimeCheckFor, type ProbeApi } from '../../../grader/checks/index.js';

export type StudentModule = typeof Skeleton;

/** What a probe of this exercise receives: see ProbeApi. */
export type StudentProbeApi<I> = ProbeApi<I, StudentModule>;

/** defineRuntimeCheck, with the probe's `mod` typed as StudentModule. */
export const defineRuntimeCheck = defineRuntimeCheckFor<StudentModule>();
