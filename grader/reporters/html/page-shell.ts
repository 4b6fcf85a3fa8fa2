/**
 * The document around every page: one file with its styles inline, and a content security policy
 * that forbids scripts and every request, so that the page stays inert and offline even if some
 * text were ever left unescaped.
 */
import { escapeHtml } from './escape.js';

const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLES = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --passed: #1a7f37; --failed: #cf222e; --warn: #9a6700; --idle: #6e7781; --grader: #8250df; --student: #d95f02; --reference: #1f5f99; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 1.25rem; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
a { color: #0969da; }
.meta { color: var(--muted); margin: 0 0 12px; }
.scoreline { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; margin: 12px 0; }
.points { font-size: 2rem; font-weight: 700; }
.percent { font-size: 1.2rem; color: var(--muted); }
.bar { flex: 1 1 240px; height: 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--passed); }
.status { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 0.8rem; font-weight: 600; color: #fff; background: var(--idle); white-space: nowrap; }
.status-passed { background: var(--passed); }
.status-failed, .status-compile-error { background: var(--failed); }
.status-error, .status-timeout, .status-memory, .status-output-limit { background: var(--warn); }
.status-internal-error { background: var(--grader); }
nav.toc { display: flex; gap: 14px; flex-wrap: wrap; font-size: 0.92rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.check-row td:first-child { width: 1%; white-space: nowrap; }
.check-note { color: var(--muted); font-size: 0.88rem; }
.hidden-tag { color: var(--muted); font-size: 0.8rem; }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--failed); border-radius: 6px; padding: 10px 14px; margin: 12px 0; background: #fff; }
.failure.status-error, .failure.status-timeout, .failure.status-memory, .failure.status-output-limit { border-left-color: var(--warn); }
.failure.status-internal-error { border-left-color: var(--grader); }
.failure h3 { margin: 0 0 6px; font-size: 1rem; }
.failure .message { margin: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table.difference { width: auto; min-width: 420px; margin-top: 8px; }
table.difference td, table.difference th { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.86rem; }
tr.largest td { background: #fff4d6; font-weight: 700; }
tr.largest td:first-child::before { content: "▶ "; color: var(--warn); }
.flags { color: var(--failed); font-weight: 600; margin: 6px 0 0; }
.figures { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.figure { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; width: fit-content; max-width: 100%; background: #fff; }
.plots { display: flex; gap: 12px; align-items: flex-end; overflow-x: auto; }
.plots svg { max-width: 100%; height: auto; display: block; }
.panel-name { font-size: 0.85rem; font-weight: 600; color: var(--muted); }
.panel-student .panel-name { color: var(--student); }
.panel-reference .panel-name { color: var(--reference); }
/* As wide as the plots above it, never wider: width 0 keeps the caption out of the figure's own width. */
figcaption { font-size: 0.88rem; color: var(--muted); width: 0; min-width: 100%; margin-top: 8px; }
.figure-title { display: block; color: var(--ink); font-size: 0.95rem; }
.figure-note { color: var(--failed); }
.legend-note { color: var(--muted); font-size: 0.88rem; }
pre.output { background: #0d1117; color: #e6edf3; padding: 12px 14px; border-radius: 6px; overflow: auto; max-height: 480px; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.diagnostics { padding-left: 18px; }
ul.diagnostics li { margin: 4px 0; }
.diagnostic-message { white-space: pre-wrap; }
.severity-error { color: var(--failed); font-weight: 600; }
.severity-warning { color: var(--warn); font-weight: 600; }
article.report + article.report { margin-top: 48px; padding-top: 8px; border-top: 3px double var(--line); }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; }
.rate { display: inline-block; width: 120px; height: 10px; background: #f3d5d5; border-radius: 5px; overflow: hidden; vertical-align: middle; margin-right: 6px; }
.rate > span { display: block; height: 100%; background: var(--passed); }
.counts span { margin-right: 8px; white-space: nowrap; }
@media print { .figure { break-inside: avoid; } }
`;

/** A whole HTML document: `body` is markup already escaped by the caller. */
export function renderPage(title: string, body: string, footer: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLES}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    `<footer>${footer}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
