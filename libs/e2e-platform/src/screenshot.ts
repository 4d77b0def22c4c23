import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Full-page screenshot into `<dir>/<name>.png` (kept as a test artifact) for a human to look at the design. */
export async function screenshotInto(dir: string, page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
