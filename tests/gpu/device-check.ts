/**
 * The GPU device check: grades the reference and a few fixtures through the CLI on webgpu (a real
 * GPU, through Dawn and its Vulkan driver) and on cpu, and prints the backend, the adapter, the
 * sandbox's grants and the timings side by side, with the verdicts compared check by check. Run by
 * tests/gpu/device-check.sh, from a folder laid out like the repository (see the README).
 *
 * Exit status: 0 the verdicts agree and webgpu ran on a hardware adapter; 1 some verdict differs;
 * 2 webgpu had no hardware adapter inside the sandbox; 3 something else failed.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { probeWebGpuAdapter } from '../../grader/backend/backends/webgpu.js';
import { selectBackend } from '../../grader/backend/select-backend.js';
import { PROBE_PATH, PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { findGpuDevices } from '../../grader/sandbox/backend-access.js';
import { detectIsolation } from '../../grader/sandbox/layers.js';

const SUBMISSIONS = [
  'solutions/qkv-projection',
  'tests/fixtures/qkv-projection/pass/alternative',
  'tests/fixtures/qkv-projection/fail/shared-layer',
  'tests/fixtures/qkv-projection/fail/manual-uses-tf',
  'tests/fixtures/qkv-projection/fail/cosine-no-epsilon',
  'tests/fixtures/qkv-projection/fail/training-never-steps',
];
const BACKENDS = ['cpu', 'webgpu'] as const;
type Backend = (typeof BACKENDS)[number];

const lines: string[] = [];
const say = (line = ''): void => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

function grade(backend: Backend): Promise<{ reports: Report[]; wallMs: number; stderr: string; exitCode: number }> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'autograde.js'), 'grade', ...SUBMISSIONS, '--backend', backend, '--format', 'json', '--no-typecheck'],
      { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let reports: Report[] = [];
        try {
          reports = JSON.parse(stdout) as Report[];
        } catch {
          // Reported below with stderr.
        }
        resolve({ reports, wallMs: performance.now() - startedAt, stderr, exitCode });
      },
    );
  });
}

/** Dawn outside the sandbox, with the full environment: tells a driver problem from a sandbox one. */
function probeOutsideSandbox(): string {
  const tfjs = createRequire(import.meta.url).resolve('@tensorflow/tfjs');
  const result = spawnSync(process.execPath, [PROBE_PATH, tfjs], { encoding: 'utf8', timeout: 60_000 });
  return (result.stdout ?? '').trim() || `no answer (exit ${result.status ?? result.signal}): ${(result.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
}

function vulkanDrivers(): string[] {
  const folders = ['/etc/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', ...(process.env.VK_DRIVER_FILES ?? '').split(':').filter(Boolean)];
  return folders.flatMap((entry) => {
    try {
      return fs.statSync(entry).isDirectory() ? fs.readdirSync(entry).map((name) => path.join(entry, name)) : [entry];
    } catch {
      return [];
    }
  });
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
const pad = (text: string, width: number): string => text.padEnd(width);

async function main(): Promise<number> {
  say(`autograde device check: node ${process.version}, ${os.cpus().length} cores, ${os.hostname()}`);
  say(`GPU device nodes: ${findGpuDevices().join(', ') || 'none'}`);
  say(`Vulkan drivers: ${vulkanDrivers().join(', ') || 'none found'}`);
  say(`VK_DRIVER_FILES: ${process.env.VK_DRIVER_FILES ?? '(unset)'}`);
  say(`isolation: ${detectIsolation().kind} (${detectIsolation().detail})`);
  say(`Dawn outside the sandbox: ${probeOutsideSandbox()}`);
  const probe = probeWebGpuAdapter();
  say(`Dawn inside the sandbox: ${probe.kind === 'found' ? JSON.stringify(probe.adapter) : `none: ${probe.reason}`} (${seconds(probe.durationMs)})`);
  say(`--backend auto chooses: ${selectBackend('auto').label}`);
  say();

  const graded = new Map<Backend, Awaited<ReturnType<typeof grade>>>();
  for (const backend of BACKENDS) {
    const result = await grade(backend);
    graded.set(backend, result);
    say(`grade --backend ${backend}: ${seconds(result.wallMs)} for ${SUBMISSIONS.length} submissions, exit ${result.exitCode}${result.stderr.trim() ? `, stderr: ${result.stderr.trim().slice(0, 600)}` : ''}`);
  }
  const cpu = graded.get('cpu')!.reports;
  const gpu = graded.get('webgpu')!.reports;
  if (cpu.length !== SUBMISSIONS.length || gpu.length !== SUBMISSIONS.length) {
    say('A grading run gave no reports: see its stderr above.');
    return 3;
  }
  const webgpuReport = gpu[0];
  say(`webgpu backend: ${webgpuReport.backend}`);
  say(`adapter: ${JSON.stringify(webgpuReport.adapter)}`);
  for (const layer of webgpuReport.sandbox.layers.filter((l) => ['backend-access', 'namespaces', 'rlimits', 'permission-model'].includes(l.name))) {
    say(`layer ${layer.name} (${layer.isActive ? 'active' : 'inactive'}): ${layer.detail}`);
  }
  say();
  say(`${pad('submission', 58)}${pad('cpu', 26)}${pad('webgpu', 26)}verdicts`);
  let isSame = true;
  SUBMISSIONS.forEach((submission, index) => {
    const [a, b] = [cpu[index], gpu[index]];
    const differing = a.checks.flatMap((check, i) => (check.status === b.checks[i]?.status ? [] : [`${check.id}: ${check.status} vs ${b.checks[i]?.status}`]));
    if (differing.length > 0) isSame = false;
    const cell = (r: Report): string => `${r.score}/${r.maxScore} ${r.status} ${seconds(r.durationMs)}`;
    say(`${pad(submission, 58)}${pad(cell(a), 26)}${pad(cell(b), 26)}${differing.length === 0 ? 'same' : `DIFFER: ${differing.join('; ')}`}`);
  });
  say();
  say('time per phase of the reference (cpu | webgpu):');
  for (const key of ['tfjsLoadMs', 'checksMs', 'referenceMs'] as const) say(`  ${pad(key, 14)}${pad(seconds(cpu[0].timings[key]), 12)}${seconds(gpu[0].timings[key])}`);
  for (const id of ['projection.shape-3d', 'similarity.shape', 'training.losses', 'training.deterministic']) {
    const duration = (r: Report): number | undefined => r.checks.find((c) => c.id === id)?.durationMs;
    say(`  ${pad(id, 24)}${pad(seconds(duration(cpu[0])), 12)}${seconds(duration(gpu[0]))}`);
  }
  const out = process.env.OUT;
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'device-check-cpu.json'), JSON.stringify(cpu, null, 2));
    fs.writeFileSync(path.join(out, 'device-check-webgpu.json'), JSON.stringify(gpu, null, 2));
    fs.writeFileSync(path.join(out, 'device-check.txt'), `${lines.join('\n')}\n`);
  }
  const isHardware = webgpuReport.adapter?.isSoftware === false;
  say();
  say(isSame ? 'The verdicts agree on every check.' : 'Some verdicts differ (above).');
  if (!isHardware) say('webgpu did not run on a GPU: compare "Dawn outside the sandbox" with "inside" above to tell a driver problem from the sandbox hiding the device.');
  if (!isSame) return 1;
  return isHardware ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`device check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
