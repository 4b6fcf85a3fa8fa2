import { describe, expect, it } from 'vitest';
import { readGradesCsv, toGradesCsv, type GradedStudent } from '../../../grader/batch/gradebook.js';
import type { Report } from '../../../grader/report/types.js';

function student(id: string, isLate: boolean, score: number): GradedStudent {
  const report = {
    score,
    maxScore: 3,
    status: score === 3 ? 'passed' : 'failed',
    checks: [
      { id: 'a.one', part: 'a', score: Math.min(score, 2), maxScore: 2 },
      { id: 'b.one', part: 'b', score: Math.max(0, score - 2), maxScore: 1 },
    ],
  } as unknown as Report;
  return { student: id, isLate, report, isResumed: false, durationMs: 1 };
}

describe('grades.csv', () => {
  it('has a row per student with the points of each part', () => {
    expect(toGradesCsv([student('ada', false, 3), student('alan', true, 1)])).toBe(
      'student,score,max_score,percent,status,late,a,b\nada,3,3,100,passed,false,2,1\nalan,1,3,33.3,failed,true,1,0\n',
    );
  });

  it('reads back what it writes, quoted fields included', () => {
    const csv = toGradesCsv([student('o"brien,jr', true, 2), student('ada', false, 3)]);
    expect(csv).toContain('"o""brien,jr"');
    expect(readGradesCsv(csv)).toEqual([
      { student: 'o"brien,jr', score: '2', max_score: '3', percent: '66.7', status: 'failed', late: 'true', a: '2', b: '0' },
      { student: 'ada', score: '3', max_score: '3', percent: '100', status: 'passed', late: 'false', a: '2', b: '1' },
    ]);
  });
});
