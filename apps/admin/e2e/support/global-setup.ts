import { join } from 'node:path';
import { startPlatform } from '@shop/e2e-platform';

/** The whole platform on free ports with a fresh seeded database (@shop/e2e-platform); its log in test-results/platform.log. */
export default function globalSetup(): Promise<() => Promise<void>> {
  return startPlatform(join(import.meta.dirname, '..', '..', 'test-results'));
}
