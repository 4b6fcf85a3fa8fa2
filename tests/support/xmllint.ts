/** Schema validation with libxml2's xmllint, as CI dashboards check JUnit files before reading them. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../grader/paths.js';

/** Jenkins' JUnit schema; where it comes from is in the file. */
export const JUNIT_XSD = path.join(PROJECT_ROOT, 'tests', 'support', 'junit-10.xsd');

export interface Validation {
  isValid: boolean;
  errors: string;
}

export function validateXml(xml: string, schema: string): Validation {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-xml-')), 'document.xml');
  fs.writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  if (result.error) throw new Error(`xmllint could not be run (${result.error.message}): install libxml2-utils (apt-get install libxml2-utils).`);
  return { isValid: result.status === 0, errors: result.stderr };
}
