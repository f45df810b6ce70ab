// `npm run bench [-- name-filter]`: runs every bench/*.bench.ts, prints each figure, writes bench/RESULTS.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Benchmark, Figure } from './harness.ts';

const filter = process.argv[2];
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
const sections: string[] = [];

for (const file of files) {
  const { default: bench } = (await import(new URL(file, dir).href)) as { default: Benchmark };
  process.stdout.write(`\n${file}\n`);
  const figures: Figure[] = await bench();
  const rows = figures.map((f) => {
    const value = Number.isInteger(f.value) ? String(f.value) : f.value.toPrecision(4);
    process.stdout.write(`  ${f.name}: ${value} ${f.unit}${f.note ? `  (${f.note})` : ''}\n`);
    return `| ${f.name} | ${value} | ${f.unit} | ${f.note ?? ''} |`;
  });
  sections.push(`## ${file}\n\n| figure | value | unit | note |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
}

if (!filter) {
  const header = [
    '# Benchmark results',
    '',
    `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores.`,
    'Figures are medians; where a ratio is given, both sides were measured side by side in the same run.',
    '',
  ].join('\n');
  // Sections written by other tools (e.g. `npm run chaos` figures) are kept as they are.
  const previous = existsSync(new URL('RESULTS.md', dir)) ? readFileSync(new URL('RESULTS.md', dir), 'utf8') : '';
  const kept = previous
    .split(/\n(?=## )/)
    .slice(1)
    .filter((section) => !files.includes(section.slice(3, section.indexOf('\n')).trim()));
  writeFileSync(
    new URL('RESULTS.md', dir),
    `${header}\n${[...sections, ...kept.map((k) => `${k.trimEnd()}\n`)].join('\n')}`,
  );
  process.stdout.write('\nWrote bench/RESULTS.md\n');
}
