import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classPathOf, discoverEntries } from '../../../grader/batch/discover-entries.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'discover-entries-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const SOURCE = 'export const a = 1;\n';
const FILE = 'qkv-projection.ts';

/** A class folder holding `files` (path → text; a path ending in `/` is an empty folder). */
function makeClass(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(root, 'class-'));
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(dir, name);
    if (name.endsWith('/')) fs.mkdirSync(full, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
  }
  return dir;
}

const students = (dir: string) => {
  const found = discoverEntries(dir, FILE);
  return { ...found, graded: found.entries.map((e) => e.student), missing: found.ungraded.map((u) => [u.student, u.status]) };
};

describe('discoverEntries', () => {
  it('gives a student whose entry is a link, or whose file is, a row as unreadable, naming the link; and takes every other student', () => {
    const outside = fs.mkdtempSync(path.join(root, 'outside-'));
    fs.writeFileSync(path.join(outside, FILE), SOURCE);
    const dir = makeClass({ [`ada/${FILE}`]: SOURCE, 'alan.ts': SOURCE, 'oscar/': '', 'trudy/': '' });
    fs.symlinkSync(outside, path.join(dir, 'mallory'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'eve.ts'));
    fs.symlinkSync(path.join(outside, FILE), path.join(dir, 'oscar', FILE));
    fs.symlinkSync('nowhere.ts', path.join(dir, 'trudy', FILE));

    const { entries, ungraded, problems } = discoverEntries(dir, FILE);
    expect(entries.map((entry) => entry.student)).toEqual(['ada', 'alan']);
    expect(problems).toEqual([]);
    expect(ungraded.map(({ student, entry, status, reason }) => ({ student, entry, status, reason }))).toEqual([
      { student: 'eve', entry: 'eve.ts', status: 'unreadable', reason: 'eve.ts is a symbolic link (to "/etc/passwd"); the grader reads no links. Submit the folder or file itself, not a link.' },
      { student: 'mallory', entry: 'mallory', status: 'unreadable', reason: `mallory is a symbolic link (to ${JSON.stringify(outside)}); the grader reads no links. Submit the folder or file itself, not a link.` },
      { student: 'oscar', entry: 'oscar', status: 'unreadable', reason: `oscar/${FILE} is a symbolic link (to ${JSON.stringify(path.join(outside, FILE))}); the grader reads no links. Submit the file itself, not a link.` },
      { student: 'trudy', entry: 'trudy', status: 'unreadable', reason: `trudy/${FILE} is a symbolic link (to "nowhere.ts"); the grader reads no links. Submit the file itself, not a link.` },
    ]);
  });

  it('takes a lone student whose file is a dangling link for that student, not for a wrapper folder', () => {
    const dir = makeClass({ 'mallory/': '' });
    fs.symlinkSync('nowhere.ts', path.join(dir, 'mallory', FILE));
    expect(students(dir).missing).toEqual([['mallory', 'unreadable']]);
  });

  it('gives a row to a student who handed in nothing to grade: a folder without the file, an empty file, a file that is no file', () => {
    const dir = makeClass({ [`ada/${FILE}`]: SOURCE, 'bob/report.pdf': '%PDF', 'bob/src/': '', 'cy.ts': '', [`dan/${FILE}/`]: '', 'eve/': '' });
    const { graded, ungraded } = students(dir);
    expect(graded).toEqual(['ada']);
    expect(ungraded.map(({ student, status, reason }) => [student, status, reason])).toEqual([
      ['bob', 'not-submitted', `bob/ holds no ${FILE} (it holds report.pdf, src/)`],
      ['cy', 'empty', 'cy.ts is empty (0 bytes)'],
      ['dan', 'unreadable', `dan/${FILE} is not a regular file; the student's file must be the file itself`],
      ['eve', 'not-submitted', `eve/ holds no ${FILE} (it is empty)`],
    ]);
  });

  it('leaves out what is certainly no student\'s, names what may be one, and counts neither', () => {
    const dir = makeClass({
      [`ada/${FILE}`]: SOURCE,
      'bob.ts': SOURCE,
      '__MACOSX/ada/._qkv-projection.ts': 'resource fork',
      '.DS_Store': 'x',
      '._bob.ts': 'x',
      '.git/HEAD': 'x',
      'Thumbs.db': 'x',
      'desktop.ini': 'x',
      'index.html': '<html>',
      'grades.csv': 'Student,ID',
      'Grades-Assignment 1-123.xlsx': 'x',
      'notes.txt': 'to self',
      'ada.js': 'export {}',
      'graded/reports/ada.json': '{}',
    });
    const found = discoverEntries(dir, FILE, { ignore: [path.join(dir, 'graded')] });
    expect(found.entries.map((e) => e.student)).toEqual(['ada', 'bob']);
    expect(found.ungraded).toEqual([]);
    expect(found.problems.map((p) => p.entry)).toEqual(['ada.js', 'notes.txt']);
    expect(found.problems[0].message).toContain(`If it is a student's submission, put it in a folder named for them as ${FILE}`);
  });

  it('names each file as the class handed it in, below the folder given, a wrapper folder included', () => {
    const dir = makeClass({ [`export/ada/${FILE}`]: SOURCE, 'export/lovelaceada_1_2_qkv-projection.ts': SOURCE });
    const { entries } = discoverEntries(dir, FILE);
    expect(entries.map((e) => e.displayPath)).toEqual([`export/ada/${FILE}`, 'export/lovelaceada_1_2_qkv-projection.ts']);
    expect(entries.map((e) => classPathOf(dir, e.file))).toEqual(entries.map((e) => e.displayPath));
  });
});

describe('discoverEntries on LMS exports', () => {
  it('Canvas: one student per user id, the exercise file graded among their files, late marked, a student with only other files not submitted', () => {
    const dir = makeClass({
      'lovelaceada_12345_111_qkv-projection.ts': SOURCE,
      'lovelaceada_12345_112_notes.pdf': '%PDF',
      'turingalan_late_23456_113_qkv-projection-1.ts': SOURCE,
      'turingalan_late_23456_114_helpers.ts': SOURCE,
      'hoppergrace_34567_115_answer.pdf': '%PDF',
    });
    const found = discoverEntries(dir, FILE);
    expect(found.entries.map(({ student, displayPath, isLate, identity }) => ({ student, displayPath, isLate, identity }))).toEqual([
      { student: 'lovelaceada_12345', displayPath: 'lovelaceada_12345_111_qkv-projection.ts', isLate: false, identity: { lms: 'canvas', userId: '12345', email: '' } },
      { student: 'turingalan_23456', displayPath: 'turingalan_late_23456_113_qkv-projection-1.ts', isLate: true, identity: { lms: 'canvas', userId: '23456', email: '' } },
    ]);
    expect(found.ungraded.map(({ student, status, reason, identity }) => [student, status, reason, identity.userId])).toEqual([
      ['hoppergrace_34567', 'not-submitted', `handed in no ${FILE}, only hoppergrace_34567_115_answer.pdf`, '34567'],
    ]);
    // A second .ts file of one student is named, not graded and not a student of its own.
    expect(found.problems).toEqual([{ entry: 'turingalan_late_23456_114_helpers.ts', message: expect.stringContaining('turingalan_23456 also handed in turingalan_late_23456_113_qkv-projection-1.ts, which is graded') }]);
  });

  it('Moodle: the file folder graded, the online text beside it ignored; a student with only online text not submitted; files without folders too', () => {
    const dir = makeClass({
      [`Ada Lovelace_12_assignsubmission_file_/${FILE}`]: SOURCE,
      'Ada Lovelace_12_assignsubmission_onlinetext_/onlinetext.html': '<p>hi</p>',
      'Alan Turing_34_assignsubmission_onlinetext_/onlinetext.html': '<p>see attached</p>',
      'Grace Hopper_56_assignsubmission_file_qkv-projection.ts': SOURCE,
    });
    const found = discoverEntries(dir, FILE);
    expect(found.entries.map(({ student, displayPath, identity }) => [student, displayPath, identity.lms, identity.userId])).toEqual([
      ['Ada_Lovelace_12', `Ada Lovelace_12_assignsubmission_file_/${FILE}`, 'moodle', '12'],
      ['Grace_Hopper_56', 'Grace Hopper_56_assignsubmission_file_qkv-projection.ts', 'moodle', '56'],
    ]);
    expect(found.ungraded.map(({ student, status, reason }) => [student, status, reason])).toEqual([
      ['Alan_Turing_34', 'not-submitted', `handed in no ${FILE}, only Alan Turing_34_assignsubmission_onlinetext_`],
    ]);
    expect(found.problems).toEqual([]);
  });

  it('Blackboard: the attempt\'s file graded and its receipt ignored; a receipt alone is a student who handed in no file', () => {
    const dir = makeClass({
      'Assignment 1_alovelace_attempt_2024-03-01-10-00-00.txt': 'Name: Ada Lovelace',
      'Assignment 1_alovelace_attempt_2024-03-01-10-00-00_qkv-projection.ts': SOURCE,
      'Assignment 1_aturing_attempt_2024-03-02-11-30-00.txt': 'Name: Alan Turing',
    });
    const found = discoverEntries(dir, FILE);
    expect(found.entries.map(({ student, identity }) => [student, identity])).toEqual([['alovelace', { lms: 'blackboard', userId: 'alovelace', email: '' }]]);
    expect(found.ungraded.map(({ student, status }) => [student, status])).toEqual([['aturing', 'not-submitted']]);
    expect(found.problems).toEqual([]);
  });

  it('Gradescope: the submitters\' student ids and emails from submission_metadata.yml, a group\'s joined', () => {
    const metadata = [
      'submission_111:',
      '  :submitters:',
      '  - :name: Ada Lovelace',
      "    :sid: '1001'",
      '    :email: ada@example.edu',
      'submission_222:',
      '  :submitters:',
      '  - :name: Alan Turing',
      '    :sid: 1002',
      '    :email: alan@example.edu',
      '  - :name: "Grace, Hopper"',
      "    :sid: '1003'",
      '    :email: "grace@example.edu\\n=cmd"',
      '',
    ].join('\n');
    const dir = makeClass({ [`assignment_9_export/submission_111/${FILE}`]: SOURCE, 'assignment_9_export/submission_222/notes.md': 'x', [`assignment_9_export/submission_333/${FILE}`]: SOURCE, 'assignment_9_export/submission_metadata.yml': metadata });
    const found = discoverEntries(dir, FILE);
    expect(found.entries.map(({ student, identity }) => [student, identity])).toEqual([
      ['submission_111', { lms: 'gradescope', userId: '1001', email: 'ada@example.edu' }],
      ['submission_333', { lms: 'gradescope', userId: '', email: '' }],
    ]);
    // An email that could not be one (a newline, a formula) is left out rather than written to the gradebook.
    expect(found.ungraded.map(({ student, identity }) => [student, identity])).toEqual([['submission_222', { lms: 'gradescope', userId: '1002;1003', email: 'alan@example.edu;' }]]);
    expect(found.problems).toEqual([]);
  });

  it('Gradescope: metadata that cannot be read is named, and the submissions still graded', () => {
    const dir = makeClass({ [`submission_1/${FILE}`]: SOURCE, [`submission_2/${FILE}`]: SOURCE, 'submission_metadata.yml': 'submission_1: [unclosed' });
    const found = discoverEntries(dir, FILE);
    expect(found.entries.map((e) => e.student)).toEqual(['submission_1', 'submission_2']);
    expect(found.problems).toEqual([{ entry: 'submission_metadata.yml', message: expect.stringContaining('cannot be read') }]);
  });
});
