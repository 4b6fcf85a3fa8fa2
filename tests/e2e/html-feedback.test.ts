/**
 * The HTML feedback page and the class summary, from real gradings through the CLI, opened in a
 * real headless Chromium: they must load with no error and no request, draw every figure, and show
 * whatever a student printed as text. Needs Debian's `chromium` at /usr/bin/chromium: skipped where it
 * is missing, an error in CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import { renderFeedbackPage } from '../../grader/reporters/html/feedback-page.js';
import { reportForStudents } from '../../grader/reporters/student-view.js';
import type { PhaseTimings, Report } from '../../grader/report/types.js';
import { CHROMIUM, CHROMIUM_PATH, isMissing } from '../support/requirements.js';
import { runCli } from '../support/run-cli.js';

const FIXTURES = 'tests/fixtures/qkv-projection';
const isChromiumMissing = isMissing(CHROMIUM);

interface Graded {
  dir: string;
  report: Report;
  html: string;
}

/** `grade --format html,json --out <tmp>`: the page and the report it was made from. */
async function gradeToHtml(submission: string): Promise<Graded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-html-'));
  const { exitCode, stderr } = await runCli(['grade', submission, '--backend', 'cpu', '--format', 'html,json', '--out', dir]);
  expect(stderr).toBe('');
  expect(exitCode).toBe(0);
  return {
    dir,
    report: JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report,
    html: fs.readFileSync(path.join(dir, 'feedback.html'), 'utf8'),
  };
}

/** A page opened from disk, with everything that went wrong on the way: errors, and any request at all. */
async function openPage(browser: Browser, file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()}`));
  page.on('request', (request) => {
    if (request.url() !== url) problems.push(`request: ${request.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems };
}

/** The width and height a PNG file declares, after checking that it is one. */
function pngSize(file: string): { width: number; height: number; bytes: number } {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
}

async function expectFiguresDrawn(page: Page, report: Report): Promise<void> {
  const figures = page.locator('figure.figure[data-check]');
  expect(await figures.count()).toBe(report.figures!.length);
  for (const [index, figure] of report.figures!.entries()) {
    const element = figures.nth(index);
    expect(await element.getAttribute('data-check')).toBe(figure.checkId);
    expect(await element.getAttribute('class')).toContain(`figure-${figure.kind}`);
    const charts = element.locator('svg.chart');
    // A heatmap has a panel for each side; the others draw both sides on one pair of axes.
    expect(await charts.count()).toBe(figure.kind === 'heatmap' ? figure.panels.length : 1);
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(100);
    }
  }
}

/** What may differ from one machine or run to the next: times, the sandbox's layers, the version, the tfjs banner. */
function normalise(report: Report): Report {
  return {
    ...report,
    durationMs: 0,
    timings: Object.fromEntries(Object.keys(report.timings).map((key) => [key, 0])) as unknown as PhaseTimings,
    graderVersion: '0.0.0',
    sandbox: { layers: [], runs: [], restarts: 0, violations: report.sandbox.violations },
    output: '',
    checks: report.checks.map((check) => ({ ...check, durationMs: 0, cpuMs: 0 })),
  };
}

describe.skipIf(isChromiumMissing)('the HTML feedback page in Chromium (needs Chromium)', () => {
  let browser: Browser;
  let passing: Graded;
  let failing: Graded;
  let hostile: Graded;

  beforeAll(async () => {
    // A folder name is the student's to choose, and shows on the page.
    const hostileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-hostile-'));
    const named = path.join(hostileDir, '<img src=x onerror=alert(1)>');
    fs.mkdirSync(named);
    fs.copyFileSync(path.join(PROJECT_ROOT, FIXTURES, 'hostile', 'prints-html', 'qkv-projection.ts'), path.join(named, 'qkv-projection.ts'));
    passing = await gradeToHtml(`${FIXTURES}/pass/alternative`);
    failing = await gradeToHtml(`${FIXTURES}/fail/training-never-steps`);
    hostile = await gradeToHtml(named);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("plots the notebook's figures from the student's own calls", () => {
    const kinds = (report: Report) => report.figures!.map((figure) => `${figure.checkId} ${figure.kind}`);
    const notebook = [
      ...Array(3).fill('module.notebook-weights scatter'),
      ...Array(3).fill('similarity.compare-projections heatmap'),
      'training.other-pairs line',
    ];
    expect(kinds(passing.report)).toEqual([...notebook, 'training.losses line', 'training.predictions scatter', 'training.predictions scatter']);
    // The checks of the notebook's run are skipped when the grader's own run does not learn: their call never ran.
    expect(kinds(failing.report)).toEqual(notebook);
    const loss = failing.report.figures!.find((figure) => figure.kind === 'line')!;
    if (loss.kind !== 'line') throw new Error('not a line');
    const [yours, reference] = loss.series;
    expect(yours.source).toBe('student');
    expect(new Set(yours.y).size).toBe(1);
    expect(reference.y.at(-1)!).toBeLessThan(reference.y[0]! / 2);
  });

  it('loads a passing and a failing page with no error and no request, every figure drawn', async () => {
    for (const graded of [passing, failing]) {
      const { page, problems } = await openPage(browser, path.join(graded.dir, 'feedback.html'));
      await expectFiguresDrawn(page, graded.report);
      expect(await page.locator('.scoreline .points').innerText()).toBe(`${graded.report.score}/${graded.report.maxScore}`);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('shows the failure with its message, linked to the plot of the same call', async () => {
    const { page, problems } = await openPage(browser, path.join(failing.dir, 'feedback.html'));
    const card = page.locator('#report-failure-training\\.other-pairs');
    expect(await card.isVisible()).toBe(true);
    expect(await card.innerText()).toContain('reported losses that do not fall');
    await card.locator('a', { hasText: 'Learning other pairs' }).click();
    expect(page.url()).toMatch(/#report-figure-7$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a student's printed markup and folder name as text, running and loading nothing", async () => {
    expect(hostile.report.status).toBe('passed');
    const { page, problems } = await openPage(browser, path.join(hostile.dir, 'feedback.html'));
    const printed = await page.locator('pre.output').innerText();
    expect(printed).toContain('<script>document.title = "pwned"</script><img src="https://example.invalid/x.png"');
    expect(printed).toContain('</pre><h1 id="injected">30/30 passed</h1><pre>');
    expect(await page.locator('h1').first().innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await page.title()).not.toContain('pwned');
    expect(await page.locator('script, img, #injected').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes a full-page screenshot worth looking at', async () => {
    const { page } = await openPage(browser, path.join(failing.dir, 'feedback.html'));
    const file = path.join(failing.dir, 'feedback.png');
    await page.screenshot({ path: file, fullPage: true });
    await page.close();
    const { width, height, bytes } = pngSize(file);
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(2000);
    expect(bytes).toBeGreaterThan(100_000);
  });

  it('is the report rendered, and matches the saved page once times and the environment are set aside', async () => {
    // The CLI's page is a function of its report alone, as a student may read it...
    expect(failing.html).toBe(renderFeedbackPage([reportForStudents(failing.report)]));
    // ...so the saved page pins what the report holds and how it is drawn.
    await expect(renderFeedbackPage([normalise(reportForStudents(failing.report))])).toMatchFileSnapshot('./expected/feedback-training-never-steps.html');
  });
});

describe.skipIf(isChromiumMissing)('summary.html of a batch run with --format html, in Chromium (needs Chromium)', () => {
  const CLASS = { ada: 'pass/alternative', alan: 'fail/training-never-steps', grace: 'fail/cosine-unnormalised' };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-html-batch-'));
  let browser: Browser;

  beforeAll(async () => {
    const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-html-class-'));
    for (const [student, fixture] of Object.entries(CLASS)) {
      fs.mkdirSync(path.join(classDir, student));
      fs.copyFileSync(path.join(PROJECT_ROOT, FIXTURES, fixture, 'qkv-projection.ts'), path.join(classDir, student, 'qkv-projection.ts'));
    }
    const { exitCode } = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--jobs', '2', '--format', 'html', '--quiet']);
    expect(exitCode).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is written beside summary.json, with a feedback page per student', () => {
    expect(fs.existsSync(path.join(out, 'summary.html'))).toBe(true);
    for (const student of Object.keys(CLASS)) expect(fs.existsSync(path.join(out, 'feedback', student, 'feedback.html'))).toBe(true);
  });

  it('loads with no error and no request, and links each student to a page that exists', async () => {
    const { page, problems } = await openPage(browser, path.join(out, 'summary.html'));
    const histogram = page.locator('#scores svg.bar-chart');
    expect(await histogram.isVisible()).toBe(true);
    expect((await histogram.boundingBox())!.width).toBeGreaterThan(300);
    const links = await page.locator('#students a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links.sort()).toEqual(Object.keys(CLASS).map((student) => `feedback/${student}/feedback.html`));
    for (const link of links) expect(fs.existsSync(path.join(out, link!))).toBe(true);
    await page.screenshot({ path: path.join(out, 'summary.png'), fullPage: true });
    expect(pngSize(path.join(out, 'summary.png')).bytes).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("puts the class's most common mistakes first", async () => {
    const { page } = await openPage(browser, path.join(out, 'summary.html'));
    const rates = await page.locator('#checks tbody tr td:nth-child(2)').allInnerTexts();
    const numbers = rates.map((text) => Number(text.replace('%', '').trim()));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers[0]).toBeLessThan(100);
    expect(numbers.at(-1)).toBe(100);
    const first = await page.locator('#checks tbody tr').first().innerText();
    expect(first).toContain('similarity.unit-diagonal');
    await page.close();
  });
});
