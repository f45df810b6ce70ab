/** A figure a benchmark reports. Ratios and medians, measured side by side in one run (the machines are noisy). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared against, in words, when it is a ratio. */
  note?: string;
}

export type Benchmark = () => Promise<Figure[]>;

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `rounds` times and returns the median wall time of one call in milliseconds. */
export async function medianMs(rounds: number, fn: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}
