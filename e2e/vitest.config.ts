import { mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../vitest.shared.js';

// The whole-platform scenarios start a dozen processes on a shared machine: in CI a scenario that
// loses a race with the machine gets one more try, and `npm test` names it as flaky in its summary.
export default mergeConfig(projectTestConfig(import.meta.dirname), { test: { retry: process.env.CI ? 1 : 0 } });
