// What the renderer benchmarks measure inside Chromium: the overview's first render, and frames while scrolling History.
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Generous: the machine is shared, and a page's first load waits for the build's chunks. */
const PAGE_TIMEOUT_MS = 120_000;
const VIEWPORT = { width: 1024, height: 700 };

/** A fresh context (empty cache and storage) for the page the bench measures. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  // tsx compiles this file keeping function names, through a `__name` helper the page does not have; the
  // functions below run in the page as sent, so the helper is given there as a no-op.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return context;
}

export interface FirstRender {
  /** Navigation start → the Overview heading and the account list are in the DOM. */
  domMs: number;
  /** Navigation start → the frame holding them has been produced (a task queued from that frame's rAF). */
  paintedMs: number;
  /** Chromium's first-contentful-paint (the shell or a loading state), for comparison. */
  firstContentfulPaintMs: number | null;
}

interface BenchWindow {
  benchOverview?: Promise<{ domMs: number; paintedMs: number }>;
}

/** Runs in the page before its own scripts: notes when the overview with its accounts first appears. */
function watchForOverview(): void {
  (window as unknown as BenchWindow).benchOverview = new Promise((resolve) => {
    const ready = () =>
      document.querySelector('h1')?.textContent?.trim() === 'Overview' &&
      document.querySelector('input[name="account"]') !== null;
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      const domMs = performance.now();
      // rAF callbacks run just before the frame is painted; a task queued from one runs once that frame is out.
      requestAnimationFrame(() => setTimeout(() => resolve({ domMs, paintedMs: performance.now() })));
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
}

async function within<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${what} took over ${PAGE_TIMEOUT_MS / 1000} s; is the machine overloaded or the page showing an error?`,
          ),
        ),
      PAGE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One fresh page load (a new browser context: empty cache and storage) of `url`, timed to the overview. */
export async function overviewFirstRender(browser: Browser, url: string): Promise<FirstRender> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.addInitScript(watchForOverview);
    await page.goto(url);
    const rendered = await within(
      'The overview',
      page.evaluate(() => (window as unknown as BenchWindow).benchOverview!),
    );
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    return { ...rendered, firstContentfulPaintMs: fcp };
  } finally {
    await context.close();
  }
}

export interface HistoryPage {
  page: Page;
  context: BrowserContext;
  /** Wall time to page through every entry (scrolled to the end until all were loaded). */
  loadAllMs: number;
}

/** Opens History and scrolls to the end until all `total` entries are loaded (the table's aria-rowcount says so). */
export async function openFullHistory(browser: Browser, url: string, total: number): Promise<HistoryPage> {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByRole('link', { name: 'History' }).click();
  await page.getByTestId('history-row').first().waitFor();
  const loadAllMs = await within(
    `Loading ${total} history entries`,
    page.evaluate(async (rows) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="history-scroll"]')!;
      const rowCount = () => Number(document.querySelector('[role="table"]')?.getAttribute('aria-rowcount') ?? 0) - 1;
      const start = performance.now();
      while (rowCount() < rows) {
        scroller.scrollTop = scroller.scrollHeight; // near the end, the table asks for the next page
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return performance.now() - start;
    }, total),
  );
  return { page, context, loadAllMs };
}

export interface FrameRun {
  /** Intervals between consecutive requestAnimationFrame callbacks, ms. */
  intervals: number[];
  /** Rows in the DOM at the end. */
  rowsInDom: number;
  /** The highest aria-rowindex in the DOM at the end (the header is 1, entry i is i + 1). */
  lastRowIndex: number;
  /** Pixels scrolled from top to bottom. */
  distancePx: number;
}

/**
 * Scrolls the history table from the top in `durationMs` at a steady speed (scrollTop proportional to the time since
 * the first frame), to the bottom or `limitPx` down, recording the interval between every two animation frames.
 */
export function scrollThrough(page: Page, durationMs: number, limitPx = Infinity): Promise<FrameRun> {
  return within(
    'Scrolling the history',
    page.evaluate(
      async ([duration, limit]) => {
        const scroller = document.querySelector<HTMLElement>('[data-testid="history-scroll"]')!;
        const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
        scroller.scrollTop = 0;
        await frame();
        await frame();
        const distance = Math.min(limit, scroller.scrollHeight - scroller.clientHeight);
        const intervals: number[] = [];
        const first = await frame();
        let last = first;
        for (let now = first; now - first < duration;) {
          scroller.scrollTop = (distance * (now - first)) / duration;
          now = await frame();
          intervals.push(now - last);
          last = now;
        }
        scroller.scrollTop = distance;
        await frame();
        await frame();
        const rows = [...scroller.querySelectorAll('[data-testid="history-row"]')];
        return {
          intervals,
          distancePx: distance,
          rowsInDom: rows.length,
          lastRowIndex: Math.max(...rows.map((row) => Number(row.getAttribute('aria-rowindex')))),
        };
      },
      [durationMs, limitPx] as const,
    ),
  );
}

/** Frame intervals on the same page while nothing moves: what this machine's Chromium gives at rest. */
export function idleFrames(page: Page, durationMs: number): Promise<number[]> {
  return page.evaluate(async (duration) => {
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const intervals: number[] = [];
    const first = await frame();
    for (let last = first, now = first; now - first < duration; last = now) {
      now = await frame();
      intervals.push(now - last);
    }
    return intervals;
  }, durationMs);
}

/** The value below which `share` (0–1) of the samples lie (nearest rank). */
export function percentile(samples: readonly number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}
