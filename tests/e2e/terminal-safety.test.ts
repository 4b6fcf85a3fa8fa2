/**
 * Only the grader colours a terminal. A submission that prints control sequences, throws errors
 * holding them or hands in a folder named with them is shown as visible escapes, in the text
 * report, in the self-check, in a batch's feedback and on the batch's stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';

const FIXTURE = path.join('tests', 'fixtures', 'qkv-projection', 'hostile', 'terminal-escapes');

/** What is left of the text once the grader's own colours (SGR sequences) are taken out. */
function withoutColours(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Control characters other than newlines, and the invisible ones that reorder text. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

describe('what reaches a terminal', () => {
  it('is printable in the text report, with or without colour, and the fake score is only text', async () => {
    for (const colour of ['--color', '--no-color']) {
      const { stdout } = await runCli(['grade', FIXTURE, '--backend', 'cpu', colour]);
      expect(withoutColours(stdout)).not.toMatch(UNSAFE);
      expect(stdout).toContain('\\x1b[2J');
      expect(stdout).toContain('\\u202e');
      // The one real score line is the grader's; the printed one sits quoted in the output section.
      expect(withoutColours(stdout).match(/^ {2}score /gm)).toHaveLength(1);
    }
  });

  it('is printable in the self-check', async () => {
    const { stdout } = await runCli(['check', path.join(FIXTURE, 'qkv-projection.ts'), '--backend', 'cpu', '--color']);
    expect(withoutColours(stdout)).not.toMatch(UNSAFE);
  });

  it('is printable in a batch: feedback files and the names of folders on stderr', async () => {
    const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-escapes-'));
    fs.mkdirSync(path.join(classDir, 'mallory'));
    fs.copyFileSync(path.join(PROJECT_ROOT, FIXTURE, 'qkv-projection.ts'), path.join(classDir, 'mallory', 'qkv-projection.ts'));
    // A folder with no submission in it, named to clear the TA's screen when it is reported.
    fs.mkdirSync(path.join(classDir, 'x\u001b[2J\u001b]0;pwned\u0007'));
    const out = path.join(classDir, 'out');
    const result = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--format', 'text', '--rubric', writeShortLimitsRubric('qkv-projection'), '--quiet']);
    expect(result.stderr).toContain('\\x1b[2J');
    expect(result.stderr).not.toMatch(UNSAFE);
    const feedback = fs.readFileSync(path.join(out, 'feedback', 'mallory', 'report.txt'), 'utf8');
    expect(feedback).not.toMatch(UNSAFE);
    expect(feedback).toContain('\\x1b]0;graded: 30/30\\x07');
  });
});
