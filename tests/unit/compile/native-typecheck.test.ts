import { describe, expect, it } from 'vitest';
import { computeLineStarts, flattenNativeMessage, fromNativeDiagnostic } from '../../../grader/compile/native-typecheck.js';
import { ts, type TS } from '../../../grader/compile/typescript.js';

describe('fromNativeDiagnostic', () => {
  // The native API gives UTF-16 offsets; lines and columns must be the ones the JS checker reports.
  it('places a diagnostic at the line and column TypeScript gives the same offset', () => {
    const text = 'a\r\nb\rc\nd\u2028e\u2029f 😀 é\n\ng';
    const sourceFile = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022);
    const lineStarts = computeLineStarts(text);
    for (let pos = 0; pos <= text.length; pos++) {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(pos);
      const diagnostic = fromNativeDiagnostic({ fileName: 'x.ts', pos, end: pos, code: 2322, category: 1, text: 'm' }, lineStarts, 'shown.ts');
      expect({ line: diagnostic.line, column: diagnostic.column }, `offset ${pos}`).toEqual({ line: line + 1, column: character + 1 });
    }
  });

  it('flattens a message chain as TypeScript does, and names the student file', () => {
    const chain = { text: 'top', messageChain: [{ text: 'middle', messageChain: [{ text: 'bottom' }] }, { text: 'beside' }] };
    const jsChain: TS.DiagnosticMessageChain = {
      messageText: 'top',
      category: 1,
      code: 1,
      next: [
        { messageText: 'middle', category: 1, code: 1, next: [{ messageText: 'bottom', category: 1, code: 1 }] },
        { messageText: 'beside', category: 1, code: 1 },
      ],
    };
    expect(flattenNativeMessage(chain)).toBe(ts.flattenDiagnosticMessageText(jsChain, '\n'));
    type NativeDiagnostic = Parameters<typeof fromNativeDiagnostic>[0];
    const link = (text: string, messageChain?: NativeDiagnostic[]): NativeDiagnostic => ({ fileName: '/virtual/0/x.ts', pos: 0, end: 1, code: 2322, category: 1, text, messageChain });
    const diagnostic = fromNativeDiagnostic(link('top', [link('middle', [link('bottom')]), link('beside')]), [0], 'ada/qkv-projection.ts');
    expect(diagnostic).toEqual({ file: 'ada/qkv-projection.ts', line: 1, column: 1, severity: 'warning', message: 'top\n  middle\n    bottom\n  beside' });
  });
});
