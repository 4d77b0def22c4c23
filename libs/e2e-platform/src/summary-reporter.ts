import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Writes the run's counts and outcomes where `npm test` collects every project's (TEST_RESULTS_DIR),
 * in the shape of Vitest's JSON report, so the journeys count in the closing summary and a failed
 * or flaky (passed on retry) journey is named there with its error.
 * Option `name`: the report's file name (`apps-storefront-e2e` → apps-storefront-e2e.json).
 */
export default class SummaryReporter implements Reporter {
  private readonly name: string;
  private passed = 0;
  private failed = 0;
  private skipped = 0;
  private readonly outcomes = new Map<string, { file: string; fullName: string; status: string; failureMessages: string[] }>();

  constructor(options: { name?: string } = {}) {
    this.name = options.name ?? 'e2e';
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const key = test.id;
    const outcome = this.outcomes.get(key) ?? { file: test.location.file, fullName: test.titlePath().filter(Boolean).join(' › '), status: 'pending', failureMessages: [] };
    this.outcomes.set(key, outcome);
    for (const error of result.errors) outcome.failureMessages.push(error.stack ?? error.message ?? String(error.value));
    // Count a test once, by its final outcome (retries report several results).
    if (result.retry < test.retries && result.status !== 'passed' && result.status !== 'skipped') return;
    outcome.status = result.status === 'passed' ? 'passed' : result.status === 'skipped' ? 'pending' : 'failed';
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'skipped') this.skipped++;
    else this.failed++;
  }

  onEnd(result: FullResult): void {
    const dir = process.env.TEST_RESULTS_DIR;
    if (!dir) return;
    // A run that failed before any test (global setup) still counts as a failure.
    const failed = this.failed + (result.status !== 'passed' && this.failed === 0 && this.passed === 0 ? 1 : 0);
    const byFile = new Map<string, { name: string; assertionResults: unknown[] }>();
    for (const { file, ...assertion } of this.outcomes.values()) {
      const entry = byFile.get(file) ?? { name: file, assertionResults: [] };
      entry.assertionResults.push(assertion);
      byFile.set(file, entry);
    }
    if (result.status !== 'passed' && this.failed === 0 && this.passed === 0) {
      byFile.set('global setup', { name: 'global setup', assertionResults: [{ fullName: 'the platform did not start', status: 'failed', failureMessages: [`run status: ${result.status}`] }] });
    }
    writeFileSync(
      join(dir, `${this.name}.json`),
      JSON.stringify({ numPassedTests: this.passed, numFailedTests: failed, numPendingTests: this.skipped, numTodoTests: 0, testResults: [...byFile.values()] }),
    );
  }
}
