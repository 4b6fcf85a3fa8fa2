import { describe, expect, it } from 'vitest';
import { BatchInterruption, exitCodeOfSignal, quoteForShell, resumeCommandOf } from '../../../grader/batch/interruption.js';

describe('a batch stopped by a signal', () => {
  it('exits as a shell reports the signal', () => {
    expect(exitCodeOfSignal('SIGINT')).toBe(130);
    expect(exitCodeOfSignal('SIGTERM')).toBe(143);
  });

  it('says the exact command that resumes it, quoted for a shell', () => {
    expect(resumeCommandOf(['batch', 'class.zip', '--out', 'graded', '--jobs', '2'])).toBe('npx autograde batch class.zip --out graded --jobs 2 --resume');
    expect(resumeCommandOf(['batch', 'my class', '--out', "it's", '--resume', '--shard', '2/4'])).toBe(`npx autograde batch 'my class' --out 'it'\\''s' --resume --shard 2/4`);
    expect(quoteForShell('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
  });

  it('undoes what the batch made, newest first, each step whatever the one before did; and only once', () => {
    const interruption = new BatchInterruption();
    const done: string[] = [];
    interruption.onCleanup(() => done.push('unpacked copy removed'));
    const forget = interruption.onCleanup(() => done.push('never: undone normally'));
    interruption.onCleanup(() => {
      throw new Error('already gone');
    });
    interruption.onCleanup(() => done.push('runners ended'));
    forget();
    interruption.cleanUp();
    interruption.cleanUp();
    expect(done).toEqual(['runners ended', 'unpacked copy removed']);
  });
});
