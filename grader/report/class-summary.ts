/**
 * What a batch tells of a class: the summary (summary.json, and the page drawn from it) and the
 * students in it. Shared by the batch that makes it and the reporters that draw it, so it lives
 * here, below both.
 */
import type { Report } from './types.js';

/** The LMS whose export named a student, with the ids it gives; empty strings where it gives none. */
export interface StudentIdentity {
  lms: 'canvas' | 'moodle' | 'blackboard' | 'gradescope' | '';
  /**
   * Canvas: the user id (the `ID` column of its gradebook); Moodle: the participant id (the
   * grading worksheet's `Participant N`, not the user id); Blackboard: the username; Gradescope: the
   * submitters' student ids (SID), `;` between those of a group.
   */
  userId: string;
  /** Gradescope: the submitters' emails, `;` between those of a group. */
  email: string;
}

/**
 * Why a student has no grade: `not-submitted`, no exercise file (a folder without it, or only
 * other files handed in); `empty`, a file of no bytes; `unreadable`, a file the grader may not or
 * cannot read (a link, not a regular file, or refused when it was opened).
 */
export type UngradedStatus = 'not-submitted' | 'empty' | 'unreadable';

export interface UngradedStudent {
  student: string;
  /** The entry as the class names it. */
  entry: string;
  status: UngradedStatus;
  reason: string;
  isLate: boolean;
  identity: StudentIdentity;
}

/** An entry that is no student's, or a student's second one: named to whoever grades, never counted. */
export interface EntryProblem {
  entry: string;
  message: string;
}

export interface GradedStudent {
  student: string;
  isLate: boolean;
  /** The LMS that named the student, and its ids for them (empty where unknown). */
  identity: StudentIdentity;
  report: Report;
  /** Graded in an earlier run with the same file, rubric, grader and backend. */
  isResumed: boolean;
  durationMs: number;
}

/** A student the class names who has no grade: nothing to grade, or a file the grader may not read; 0 points of `maxScore`. */
export interface UngradedRow extends UngradedStudent {
  maxScore: number;
}

export interface Shard {
  index: number;
  count: number;
}

/** Students in one order everywhere (grades.csv, merge, the summary page): by code unit, as on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the sandbox refused one student's code: for staff to look at, as an academic-integrity matter. */
export interface ViolationSummary {
  student: string;
  count: number;
  /** How many of them the grader saw from outside (a forged results channel), which nothing inside can fake. */
  observed: number;
  kinds: string[];
  /** The first few, as the report holds them (bounded and printable). */
  messages: string[];
}

export interface BatchSummary {
  exercise: string;
  backend: string;
  graderVersion: string;
  /** The part of the class this run graded (`--shard i/n`); absent for the whole class, or a merge of every part. */
  shard?: Shard;
  /** A merge that lacks some shards (`merge --allow-partial`): which were merged, and which are missing. */
  partial?: PartialMerge;
  /** Every student the class names: those graded, and those with no grade. */
  students: number;
  graded: number;
  resumed: number;
  /** Students with a row in grades.csv but no grade, and why. */
  ungraded: UngradedRow[];
  /** Entries that are no student's (not counted), or a student's second one. */
  problems: EntryProblem[];
  /** Students whose grade is incomplete: the grader failed on these checks, whose points are left out. */
  incomplete: Array<{ student: string; checks: string[]; points: number }>;
  /** Students whose code the sandbox refused something (a read of the solution, a process, the network). */
  violations: ViolationSummary[];
  /** Students who handed in byte-identical files, for staff to look at; each was graded. */
  duplicates: string[][];
  statuses: Record<string, number>;
  /** Students per tenth of the maximum score: [0, 10%), [10%, 20%) ... [90%, 100%]. */
  scoreHistogram: number[];
  checks: Array<{ id: string; passRate: number; statuses: Record<string, number> }>;
  slowest: Array<{ student: string; durationMs: number }>;
  timings: {
    wallMs: number;
    medianSubmissionMs: number;
    /** CPU of the grader process and its compile worker; the sandboxes' CPU is in each report's sandbox.runs. */
    graderCpuMs: number;
    /** The part of graderCpuMs that the compile worker used: compiling and type checking. */
    compileWorkerCpuMs: number;
  };
}

export interface PartialMerge {
  count: number;
  merged: number[];
  missing: number[];
}
