/** `count` distinct word positions (0-based, ascending), chosen with the platform's CSPRNG. */
export function pickPositions(
  wordCount: number,
  count: number,
  random: (max: number) => number = secureRandomBelow,
): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, wordCount)) chosen.add(random(wordCount));
  return [...chosen].sort((a, b) => a - b);
}

function secureRandomBelow(max: number): number {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return value! % max;
}

/** The positions whose answer differs from the phrase (case and surrounding spaces do not matter). */
export function wrongPositions(words: readonly string[], answers: Readonly<Record<number, string>>): number[] {
  return Object.keys(answers)
    .map(Number)
    .filter((position) => (answers[position] ?? '').trim().toLowerCase() !== words[position]?.toLowerCase())
    .sort((a, b) => a - b);
}

/** The words of a typed or pasted phrase, whatever spacing was used. */
export function splitWords(text: string): string[] {
  return text.trim().toLowerCase().split(/\s+/).filter(Boolean);
}
