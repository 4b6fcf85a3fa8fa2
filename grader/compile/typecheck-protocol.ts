import type { Diagnostic } from '../report/types.js';

export interface TypecheckRequest {
  id: number;
  source: string;
  fileName: string;
  displayPath: string;
}

export interface TypecheckResponse {
  id: number;
  diagnostics: Diagnostic[];
}
