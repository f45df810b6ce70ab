// The renderer bundle as a person's browser receives it: what index.html loads at start, and what comes later.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The packages (or "app code") that contributed most of its source, largest first. */
  mainSources: string[];
}

export interface Bundle {
  /** The built renderer, ready for the web host to serve. */
  rendererDir: string;
  initial: Chunk[];
  lazy: Chunk[];
}

/**
 * Builds the current sources with `electron-vite build` into a fresh temporary folder, so the figures are of
 * this checkout and out/ (which other work serves at the same time) is left alone. Source maps are built too,
 * only to name what each chunk contains; their trailing comment is not counted.
 */
export function buildRenderer(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-renderer-'));
  const build = spawnSync('npx', ['electron-vite', 'build', '--sourcemap', '--outDir', outDir], { encoding: 'utf8' });
  if (build.status !== 0)
    throw new Error(`The renderer build failed (electron-vite build exited ${build.status}):\n${build.stderr}`);
  return join(outDir, 'renderer');
}

/** Removes what buildRenderer made. */
export function removeBuild(rendererDir: string): void {
  rmSync(dirname(rendererDir), { recursive: true, force: true });
}

/** Node package a source path belongs to, or "app code" for our own files. */
function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match ? match[1]! : 'app code';
}

function mainSources(mapFile: string): string[] {
  let map: { sources: string[]; sourcesContent?: (string | null)[] };
  try {
    map = JSON.parse(readFileSync(mapFile, 'utf8')) as typeof map;
  } catch {
    return [];
  }
  const sizes = new Map<string, number>();
  map.sources.forEach((source, i) => {
    const pkg = packageOf(source);
    sizes.set(pkg, (sizes.get(pkg) ?? 0) + (map.sourcesContent?.[i]?.length ?? 1));
  });
  return [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([pkg]) => pkg);
}

function measure(assets: string, file: string): Chunk {
  const text = readFileSync(join(assets, file), 'utf8').replace(/\n?\/[/*]# sourceMappingURL=\S+(?: \*\/)?\s*$/, '');
  const bytes = Buffer.byteLength(text);
  return {
    file,
    bytes,
    gzipBytes: gzipSync(text, { level: 9 }).length,
    mainSources: mainSources(join(assets, `${file}.map`)),
  };
}

/** Chunks a module imports statically (`import … from "./x.js"`): they load with it. `import(…)` is lazy. */
function staticImports(assets: string, file: string): string[] {
  const text = readFileSync(join(assets, file), 'utf8');
  return [...text.matchAll(/\b(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)].map((m) => m[1]!);
}

/** Splits the built assets into those index.html's tags load (with their static imports) and all the others. */
export function measureBundle(rendererDir: string): Bundle {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const assets = join(rendererDir, 'assets');
  const loaded = new Set(
    [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => basename(m[1]!)),
  );
  if (loaded.size === 0)
    throw new Error(`No script or stylesheet tag found in ${join(rendererDir, 'index.html')}; was the build complete?`);
  for (const file of loaded) if (file.endsWith('.js')) for (const dep of staticImports(assets, file)) loaded.add(dep);
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  const chunks = files.map((file) => measure(assets, file)).sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    rendererDir,
    initial: chunks.filter((c) => loaded.has(c.file)),
    lazy: chunks.filter((c) => !loaded.has(c.file)),
  };
}
