import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAcknowledgements } from '../../../grader/authoring/acknowledgements.js';

function write(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-ack-')), 'mutants.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('loadAcknowledgements', () => {
  it('reads each acknowledged mutant and its reason; no file is no acknowledgement', () => {
    const file = write('acknowledged:\n  - mutant: change-constant@f:a1b2c3\n    reason: Equivalent.\n  - mutant: swap-operands@M.run:00ff00-2\n    reason: Allowed.\n');
    expect([...loadAcknowledgements(file).values()]).toEqual([
      { mutant: 'change-constant@f:a1b2c3', reason: 'Equivalent.' },
      { mutant: 'swap-operands@M.run:00ff00-2', reason: 'Allowed.' },
    ]);
    expect(loadAcknowledgements(path.join(os.tmpdir(), 'no-such-dir', 'mutants.yaml')).size).toBe(0);
  });

  it('refuses an entry without a reason, a malformed id, an unknown field and a duplicate, naming the file', () => {
    const noReason = write('acknowledged:\n  - mutant: change-constant@f:a1b2c3\n');
    expect(() => loadAcknowledgements(noReason)).toThrow(`${noReason} is invalid:\n  acknowledged.0.reason:`);
    expect(() => loadAcknowledgements(write('acknowledged:\n  - mutant: line 12\n    reason: x\n'))).toThrow(/acknowledged\.0\.mutant: expected a mutant id as validate prints it/);
    expect(() => loadAcknowledgements(write('survivors: []\n'))).toThrow(/Unrecognized key/i);
    expect(() => loadAcknowledgements(write('acknowledged:\n  - { mutant: "a@f:a1b2c3", reason: x }\n  - { mutant: "a@f:a1b2c3", reason: y }\n'))).toThrow('a@f:a1b2c3 is acknowledged twice');
  });
});
