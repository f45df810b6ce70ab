#!/usr/bin/env node
// Runs the fuzz targets in fuzz/targets with jazzer.js, one after the other (see fuzz/README.md).
//
//   npm run fuzz                          every target, 120 s each
//   npm run fuzz -- --time 600 blocks     one target, 10 minutes
//   npm run fuzz -- --smoke               the CI smoke: every target briefly, plus the harness self-check
//   npm run fuzz -- --merge blocks        fold this machine's new finds into fuzz/corpus/blocks (minimised)
//   npm run fuzz -- blocks --reproduce F  run one input file (a crash file, say) through a target
//
// Exits non-zero if any target reports a finding (a crash file lands in .fuzz-build/findings/<target>/).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build as buildAddon } from './native/build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const work = path.join(root, '.fuzz-build');

/** Per-target settings: async targets return a promise; maxLen bounds input size (blocks need room). */
const TARGETS = {
  transactions: { maxLen: 4096 },
  blocks: { maxLen: 16384 },
  state: { maxLen: 8192 },
  'consensus-messages': { maxLen: 16384 },
  'p2p-frames': { maxLen: 1024 },
  'smt-proofs': { maxLen: 8448 },
  'rpc-params': { maxLen: 2048 },
  'rpc-envelope': { maxLen: 4096, async: true },
  'webhost-frames': { maxLen: 2048 },
  'offline-envelope': { maxLen: 8192 },
};
const SMOKE_SECONDS = 10;
const FINDING_EXIT = 77; // jazzer.js's exit code for a finding

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    time: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    merge: { type: 'boolean', default: false },
    reproduce: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.log(
    `usage: npm run fuzz -- [--time SECONDS | --smoke | --merge | --reproduce FILE] [target...]\ntargets: ${Object.keys(TARGETS).join(', ')}`,
  );
  process.exit(0);
}
const unknown = positionals.filter((t) => !(t in TARGETS));
if (unknown.length) {
  console.error(`unknown fuzz target(s): ${unknown.join(', ')}; known: ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const seconds = opts.smoke ? SMOKE_SECONDS : Number(opts.time ?? 120);
if (!Number.isInteger(seconds) || seconds < 1) {
  console.error(`--time must be a whole number of seconds, got ${opts.time}`);
  process.exit(2);
}
const selected = positionals.length ? positionals : Object.keys(TARGETS);
if (opts.reproduce !== undefined && selected.length !== 1) {
  console.error('--reproduce needs exactly one target, e.g. npm run fuzz -- blocks --reproduce crash-1234');
  process.exit(2);
}

/**
 * Libraries stay in node_modules, which jazzer leaves uninstrumented, except those whose code is the logic under
 * test: zod holds the RPC and web-host schemas' parsing, so it is bundled (and instrumented) to guide the fuzzer.
 */
const INSTRUMENTED_PACKAGES = new Set(['zod']);
function externalPackagesExcept(bundled) {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** Each target becomes one CommonJS file: jazzer instruments CommonJS (our ESM would need per-module counters). */
async function bundleTargets(names) {
  const { build } = await import('esbuild');
  const outdir = path.join(work, 'targets');
  await build({
    entryPoints: names.map((name) => path.join(here, 'targets', `${name}.ts`)),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [externalPackagesExcept(INSTRUMENTED_PACKAGES)],
    sourcemap: false, // a finding's stack names bundle lines, each under a '// path/file.ts' comment; maps slow jazzer's start
    logLevel: 'warning',
  });
  return outdir;
}

function jazzer(args, env = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@jazzer.js/core/dist/cli.js'), ...args], {
    cwd: root,
    stdio: 'inherit',
    // NODE_OPTIONS rather than --require, so the sub-processes libFuzzer spawns (merge) load our addon too.
    env: { ...process.env, NODE_OPTIONS: `--require=${path.join(here, 'native/load-addon.cjs')}`, ...env },
  });
  return result.status ?? 128 + 1;
}

function runTarget(bundleDir, name) {
  const { maxLen, async } = TARGETS[name];
  const seeds = path.join(here, 'corpus', name);
  const finds = path.join(work, 'corpus', name); // first corpus dir: libFuzzer writes new inputs here only
  const findings = path.join(work, 'findings', name);
  for (const dir of [seeds, finds, findings]) mkdirSync(dir, { recursive: true });
  const dict = path.join(here, 'dict', `${name}.dict`);
  const corpora =
    opts.reproduce !== undefined ? [path.resolve(opts.reproduce)] : opts.merge ? [seeds, finds] : [finds, seeds];
  const libFuzzer = opts.merge
    ? ['-merge=1', `-max_len=${maxLen}`]
    : [
        `-max_total_time=${seconds}`,
        `-max_len=${maxLen}`,
        `-artifact_prefix=${findings}${path.sep}`,
        '-print_final_stats=1',
      ];
  if (existsSync(dict)) libFuzzer.push(`-dict=${dict}`);
  console.error(`\n=== fuzz target ${name} (${opts.merge ? 'merge into fuzz/corpus' : `${seconds} s`}) ===`);
  return jazzer([
    path.join(bundleDir, `${name}.cjs`),
    ...corpora,
    ...(async ? [] : ['--sync']),
    '--timeout=10000',
    '--',
    ...libFuzzer,
  ]);
}

/**
 * The smoke's proof that findings are reported at all: a planted bug that only coverage guidance finds in
 * seconds (a 4-byte magic compared as an integer) must make jazzer exit with its finding code.
 */
function selfCheck() {
  console.error('\n=== harness self-check: a planted bug must be found ===');
  const findings = path.join(work, 'findings', 'selfcheck');
  mkdirSync(findings, { recursive: true });
  const status = jazzer([
    path.join(here, 'native', 'planted-bug.cjs'),
    '--sync',
    '--',
    '-max_total_time=120',
    '-seed=1',
    `-artifact_prefix=${findings}${path.sep}`,
  ]);
  if (status !== FINDING_EXIT) {
    console.error(`fuzz self-check FAILED: the planted bug gave exit ${status}, expected ${FINDING_EXIT}`);
    return false;
  }
  console.error('fuzz self-check: planted bug found, findings are reported');
  return true;
}

buildAddon();
const bundleDir = await bundleTargets(selected);
const failed = [];
if (opts.smoke && !selfCheck()) failed.push('self-check');
for (const name of selected) if (runTarget(bundleDir, name) !== 0) failed.push(name);

const findingsDir = path.join(work, 'findings');
if (failed.length) {
  console.error(`\nfuzz: FAILED: ${failed.join(', ')}`);
  for (const name of failed) {
    const dir = path.join(findingsDir, name);
    if (existsSync(dir))
      for (const file of readdirSync(dir))
        console.error(`  reproduce: npm run fuzz -- ${name} --reproduce ${path.relative(root, path.join(dir, file))}`);
  }
  process.exit(1);
}
console.error(`\nfuzz: ${selected.length} target(s) ran clean${opts.merge ? ' (corpus merged)' : ''}`);
