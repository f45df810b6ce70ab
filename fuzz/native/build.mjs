#!/usr/bin/env node
// Builds jazzer.js's native libFuzzer addon into .fuzz-build/addon/fuzzer.node, against Debian's libFuzzer.
//
// Why: the prebuilt addon in @jazzer.js/fuzzer 4.0.0 needs GLIBC 2.38 and GLIBCXX 3.4.32 (Debian 12 has 2.36
// and 3.4.30), and jazzer's own source build downloads a patched LLVM, which we cannot. The 4.0.0 package no
// longer ships its C++ sources; 2.1.0 does, and its addon differs from 4.0.0's only in Ctrl-C handling and one
// ESM-only export (see fuzz/README.md). So: take 2.1.0's sources through npm (integrity pinned), compile them
// with debian-libfuzzer-bridge.cpp, link Debian's libclang_rt.fuzzer_no_main, and let load-addon.cjs hand the
// result to the 4.0.0 JavaScript. The shared node_modules is never written.
//
// Needs: g++, libclang-rt-14-dev (apt), node's headers, node-addon-api (npm, a dependency of @jazzer.js/fuzzer).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outDir = path.join(root, '.fuzz-build', 'addon');
export const addonPath = path.join(outDir, 'fuzzer.node');

const SOURCES = '@jazzer.js/fuzzer@2.1.0';
const SOURCES_INTEGRITY =
  'sha512-WroUAGH1+AFoI+5kRGOjvh9+1GsYEmCinvEt9yF0E0pBTeadssCG6Y8adeYh6W0rum2LjPsjVfLEWMunRLt/Ew==';
// libFuzzer's C++ entry point; linked with --wrap so the bridge sees every call (see the bridge).
const FUZZER_DRIVER_SYMBOL = '_ZN6fuzzer12FuzzerDriverEPiPPPcPFiPKhmE';
const BRIDGE = path.join(here, 'debian-libfuzzer-bridge.cpp');

function fail(message) {
  console.error(`fuzz/native/build: ${message}`);
  process.exit(1);
}

function findLibFuzzer() {
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  if (process.platform !== 'linux' || !arch)
    fail(`only Linux on x64/arm64 is supported, not ${process.platform}/${process.arch}`);
  const candidates = [];
  for (const llvm of existsSync('/usr/lib') ? readdirSync('/usr/lib').filter((d) => /^llvm-\d+$/.test(d)) : []) {
    const clangDir = path.join('/usr/lib', llvm, 'lib', 'clang');
    for (const version of existsSync(clangDir) ? readdirSync(clangDir) : []) {
      const lib = path.join(clangDir, version, 'lib', 'linux', `libclang_rt.fuzzer_no_main-${arch}.a`);
      if (existsSync(lib)) candidates.push({ lib, major: Number(llvm.slice(5)) });
    }
  }
  if (candidates.length === 0) fail('libFuzzer not found; install it with: apt-get install libclang-rt-14-dev');
  return candidates.sort((a, b) => b.major - a.major)[0].lib;
}

function findNodeHeaders() {
  const dirs = [path.resolve(process.execPath, '../../include/node'), '/usr/include/node', '/usr/include/nodejs'];
  const dir = dirs.find((d) => existsSync(path.join(d, 'node_api.h')));
  if (!dir) fail(`node's headers (node_api.h) not found in ${dirs.join(', ')}`);
  return dir;
}

function fetchSources(srcDir) {
  rmSync(srcDir, { recursive: true, force: true });
  mkdirSync(srcDir, { recursive: true });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', SOURCES, '--json', '--pack-destination', srcDir], { cwd: srcDir, encoding: 'utf8' }),
  )[0];
  if (packed.integrity !== SOURCES_INTEGRITY)
    fail(`${SOURCES} has integrity ${packed.integrity}, expected ${SOURCES_INTEGRITY}`);
  execFileSync('tar', ['-xzf', path.join(srcDir, packed.filename), '-C', srcDir]);
  return path.join(srcDir, 'package');
}

function build() {
  const libFuzzer = findLibFuzzer();
  const nodeHeaders = findNodeHeaders();
  const addonApi = path.dirname(createRequire(import.meta.url).resolve('node-addon-api/package.json'));
  // Rebuild only when an input changed: the pinned sources, the bridge, libFuzzer, node.
  const stamp = createHash('sha256')
    .update([SOURCES_INTEGRITY, readFileSync(BRIDGE, 'utf8'), libFuzzer, process.version, addonApi].join('\n'))
    .digest('hex');
  const stampFile = path.join(outDir, 'stamp');
  if (existsSync(addonPath) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return addonPath;

  const src = fetchSources(path.join(outDir, 'src'));
  const sources = [
    ...readdirSync(src)
      .filter((f) => f.endsWith('.cpp'))
      .map((f) => path.join(src, f)),
    ...readdirSync(path.join(src, 'shared'))
      .filter((f) => f.endsWith('.cpp'))
      .map((f) => path.join(src, 'shared', f)),
    BRIDGE,
  ];
  const tmpOut = `${addonPath}.tmp`;
  const args = [
    '-std=c++17',
    '-O2',
    '-fPIC',
    '-shared',
    '-w',
    '-DNAPI_VERSION=4',
    '-DNAPI_CPP_EXCEPTIONS',
    '-I',
    nodeHeaders,
    '-I',
    addonApi,
    '-I',
    path.join(here, 'include'),
    ...sources,
    '-Wl,--whole-archive',
    libFuzzer,
    '-Wl,--no-whole-archive',
    `-Wl,--wrap=${FUZZER_DRIVER_SYMBOL}`,
    '-pthread',
    '-o',
    tmpOut,
  ];
  console.error(`fuzz/native/build: compiling ${SOURCES} against ${libFuzzer}`);
  try {
    execFileSync('g++', args, { stdio: 'inherit' });
  } catch {
    fail('g++ failed (is g++ installed? apt-get install g++)');
  }
  execFileSync('mv', [tmpOut, addonPath]);
  writeFileSync(stampFile, stamp);
  return addonPath;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(build());
}

export { build };
