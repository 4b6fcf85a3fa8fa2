/**
 * Rules a schema cannot express, each named for what must hold. A rule adds issues; it never
 * throws, so that one run of the loader reports every problem at once.
 */
import type { RubricInput } from './schema.js';

export interface RuleIssue {
  path: Array<string | number>;
  message: string;
  fix: string;
}

export interface RuleContext {
  rubric: RubricInput;
  /** Check ids the exercise defines, in its order. */
  definedChecks: string[];
  report(issue: RuleIssue): void;
}

export type Rule = (context: RuleContext) => void;

const everyDefinedCheckIsScored: Rule = ({ rubric, definedChecks, report }) => {
  for (const id of definedChecks) {
    if (!(id in rubric.checks)) {
      report({ path: ['checks'], message: `check '${id}' has no entry`, fix: `add "${id}: { points: 1 }" under checks` });
    }
  }
};

const noUnknownChecks: Rule = ({ rubric, definedChecks, report }) => {
  const known = new Set(definedChecks);
  for (const id of Object.keys(rubric.checks)) {
    if (!known.has(id)) {
      report({ path: ['checks', id], message: `'${id}' is not a check of exercise '${rubric.exercise}'`, fix: `use one of: ${definedChecks.join(', ')}` });
    }
  }
};

const withheldDependentsExist: Rule = ({ rubric, report }) => {
  (rubric.withheld?.dependents ?? []).forEach((id, index) => {
    if (!(id in rubric.checks)) report({ path: ['withheld', 'dependents', index], message: `'${id}' is not a check of this rubric`, fix: 'name checks listed under checks, or write the kit again with `autograde release`' });
  });
};

const prerequisitesExist: Rule = ({ rubric, report }) => {
  for (const [id, check] of Object.entries(rubric.checks)) {
    (check.requires ?? []).forEach((required, index) => {
      if (required === id) report({ path: ['checks', id, 'requires', index], message: 'a check cannot require itself', fix: `remove '${id}'` });
      else if (!(required in rubric.checks)) {
        report({ path: ['checks', id, 'requires', index], message: `'${required}' is not a check in this rubric`, fix: 'name a check listed under checks' });
      }
    });
  }
};

const prerequisitesComeFirst: Rule = ({ rubric, report }) => {
  // Checks run in rubric order; a prerequisite listed later would make the order a lie (and
  // rules out cycles, which would otherwise skip every check on the loop).
  const order = Object.keys(rubric.checks);
  order.forEach((id, position) => {
    (rubric.checks[id].requires ?? []).forEach((required, index) => {
      const requiredAt = order.indexOf(required);
      if (requiredAt > position) {
        report({ path: ['checks', id, 'requires', index], message: `'${required}' is listed after '${id}'`, fix: `move '${required}' above '${id}' in the rubric` });
      }
    });
  });
};

const somethingToScore: Rule = ({ rubric, report }) => {
  const total = Object.values(rubric.checks).reduce((sum, check) => sum + check.points, 0);
  if (total <= 0) report({ path: ['checks'], message: 'the rubric is worth 0 points', fix: 'give at least one check some points' });
};

export const RUBRIC_RULES: Record<string, Rule> = {
  everyDefinedCheckIsScored,
  noUnknownChecks,
  prerequisitesExist,
  prerequisitesComeFirst,
  somethingToScore,
  withheldDependentsExist,
};
