import { describe, expect, it } from 'vitest';
import { claimFile, claimFolder, isIgnoredEntry, isNamedLike } from '../../../grader/batch/lms-names.js';

describe('what an entry\'s name says', () => {
  it('leaves out only what is certainly no student\'s', () => {
    for (const [name, isDirectory] of [['__MACOSX', true], ['.DS_Store', false], ['._ada.ts', false], ['.hidden', true], ['Thumbs.db', false], ['desktop.ini', false], ['index.html', false], ['submission_metadata.yml', false], ['grades.csv', false], ['Grades.XLSX', false]] as const) {
      expect(isIgnoredEntry(name, isDirectory), name).toBe(true);
    }
    // A folder is a student's whatever it is called; a file that may be one is named, not left out.
    for (const [name, isDirectory] of [['ada', true], ['ada.ts', false], ['notes.txt', false], ['grades.csv', true]] as const) {
      expect(isIgnoredEntry(name, isDirectory), name).toBe(false);
    }
  });

  it('reads each LMS\'s names: who, their id, late, and whether it is the submission or beside it', () => {
    expect(claimFile('lovelaceada_late_12345_67890_qkv-projection-1.ts')).toEqual({ student: 'lovelaceada_12345', identity: { lms: 'canvas', userId: '12345', email: '' }, isLate: true, role: 'submission', submittedName: 'qkv-projection-1.ts' });
    expect(claimFile('lovelaceada_12345_67890_essay.pdf')).toMatchObject({ student: 'lovelaceada_12345', role: 'attachment' });
    expect(claimFile('Ada Lovelace_12_assignsubmission_file_qkv-projection.ts')).toMatchObject({ student: 'Ada_Lovelace_12', identity: { lms: 'moodle', userId: '12' }, role: 'submission' });
    expect(claimFile('Ada Lovelace_12_assignsubmission_onlinetext_onlinetext.html')).toMatchObject({ student: 'Ada_Lovelace_12', role: 'attachment' });
    expect(claimFile('HW 2_alovelace_attempt_2024-03-01-10-00-00_qkv-projection.ts')).toMatchObject({ student: 'alovelace', identity: { lms: 'blackboard', userId: 'alovelace' }, role: 'submission' });
    expect(claimFile('HW 2_alovelace_attempt_2024-03-01-10-00-00.txt')).toMatchObject({ student: 'alovelace', role: 'attachment' });
    expect(claimFile('ada lovelace.ts')).toMatchObject({ student: 'ada_lovelace', identity: { lms: '' }, role: 'submission' });
    expect(claimFile('notes.txt')).toBeNull();
    expect(claimFolder('Grace Hopper_34567_assignsubmission_file_')).toMatchObject({ student: 'Grace_Hopper_34567', identity: { lms: 'moodle', userId: '34567' }, role: 'submission' });
    expect(claimFolder('Grace Hopper_34567_assignsubmission_onlinetext_')).toMatchObject({ student: 'Grace_Hopper_34567', role: 'attachment' });
    expect(claimFolder('submission_42')).toMatchObject({ student: 'submission_42', identity: { lms: 'gradescope' } });
    expect(claimFolder('ada')).toMatchObject({ student: 'ada', identity: { lms: '' } });
  });

  it('prefers, of several files, the one named as the exercise\'s file is', () => {
    expect(isNamedLike('qkv-projection.ts', 'qkv-projection.ts')).toBe(true);
    expect(isNamedLike('qkv-projection-2.ts', 'qkv-projection.ts')).toBe(true);
    expect(isNamedLike('helpers.ts', 'qkv-projection.ts')).toBe(false);
    expect(isNamedLike('qkvXprojection.ts', 'qkv-projection.ts')).toBe(false);
  });
});
