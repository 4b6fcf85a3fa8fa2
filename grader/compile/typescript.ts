/**
 * TypeScript and ts-morph, loaded with `require`. Imported from ESM, node would first scan their
 * ten megabytes of CommonJS for export names (cjs-module-lexer), about 50 ms on every cold start
 * of the compile worker; `require` skips that scan. A process started with
 * `--typescript-code-cache=<dir>` (the compile worker, when the grader has built one) compiles
 * them from V8's code cache in that folder (typescript-code-cache-hook.ts).
 */
import { createRequire } from 'node:module';
import type * as Morph from 'ts-morph';
import type * as MorphCommon from '@ts-morph/common';
import { CODE_CACHE_FLAG, useTypeScriptCodeCache } from './typescript-code-cache-hook.js';

const codeCache = process.argv.find((arg) => arg.startsWith(CODE_CACHE_FLAG))?.slice(CODE_CACHE_FLAG.length);
if (codeCache) useTypeScriptCodeCache(codeCache, 'read');

const require = createRequire(import.meta.url);

export const morph = require('ts-morph') as typeof Morph;
export const morphCommon = require('@ts-morph/common') as typeof MorphCommon;
export const ts = morph.ts;
export type { ts as TS } from 'ts-morph';
