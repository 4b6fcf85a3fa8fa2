import { describe, expect, it } from 'vitest';
import { readGradesCsv, toGradesCsv, type GradedStudent } from '../../../grader/batch/gradebook.js';
import type { Report } from '../../../grader/report/types.js';

function student(id: string, isLate: boolean, score: number, isIncomplete = false): GradedStudent {
  const report = {
    score,
    maxScore: isIncomplete ? 2 : 3,
    status: isIncomplete ? 'internal-error' : score === 3 ? 'passed' : 'failed',
    checks: [
      { id: 'a.one', part: 'a', score: Math.min(score, 2), maxScore: 2 },
      isIncomplete ? { id: 'b.one', part: 'b', score: 0, maxScore: 0, status: 'internal-error' } : { id: 'b.one', part: 'b', score: Math.max(0, score - 2), maxScore: 1 },
    ],
    ...(isIncomplete ? { incomplete: { checks: ['b.one'], points: 1 } } : {}),
  } as unknown as Report;
  return { student: id, isLate, report, isResumed: false, durationMs: 1 };
}

describe('grades.csv', () => {
  it('has a row per student with the points of each part', () => {
    expect(toGradesCsv([student('ada', false, 3), student('alan', true, 1)])).toBe(
      'student,score,max_score,percent,status,late,incomplete,a,b\nada,3,3,100,passed,false,0,2,1\nalan,1,3,33.3,failed,true,0,1,0\n',
    );
  });

  it('flags a grade the grader could not finish: the unscored checks counted, their points out of max_score', () => {
    expect(toGradesCsv([student('ada', false, 2, true)])).toBe('student,score,max_score,percent,status,late,incomplete,a,b\nada,2,2,100,internal-error,false,1,2,0\n');
  });

  it('reads back what it writes, quoted fields included', () => {
    const csv = toGradesCsv([student('o"brien,jr', true, 2), student('ada', false, 3)]);
    expect(csv).toContain('"o""brien,jr"');
    expect(readGradesCsv(csv)).toEqual([
      { student: 'o"brien,jr', score: '2', max_score: '3', percent: '66.7', status: 'failed', late: 'true', incomplete: '0', a: '2', b: '0' },
      { student: 'ada', score: '3', max_score: '3', percent: '100', status: 'passed', late: 'false', incomplete: '0', a: '2', b: '1' },
    ]);
  });
});
