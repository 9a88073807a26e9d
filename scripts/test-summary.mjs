// Names of the tests that failed, read from the runners' JSON reports. CI keeps only the tail of the output,
// so `npm test` prints these again next to its summary: a failure must be readable without the whole log.

const firstLine = (text = '') =>
  text
    // eslint-disable-next-line no-control-regex -- strips the terminal's colour codes, which start with ESC
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 300) ?? '';

/** "file › test name — first line of the error" for every failed vitest test. */
export function vitestFailures(report) {
  const lines = [];
  for (const file of report?.testResults ?? []) {
    const path = file.name.replace(`${process.cwd()}/`, '');
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) lines.push(`${path} › ${t.fullName} — ${firstLine(t.failureMessages?.[0])}`);
    // A file that cannot load has no failed test in it, only a message.
    if (!failed.length && file.status === 'failed') lines.push(`${path} — ${firstLine(file.message)}`);
  }
  return lines;
}

/** The same for Playwright, counting a test that passed only on retry ("flaky") as failed. */
export function playwrightFailures(report) {
  const lines = [];
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        const error = test.results?.find((r) => r.error)?.error?.message;
        lines.push(
          `${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')} (${test.status}) — ${firstLine(error)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report?.suites ?? []) visit(suite, []);
  return lines;
}

/** The project of pictures for people to look at (playwright.config.ts): reported apart, never as passed tests. */
export const SCREENSHOTS = 'screenshots';

/**
 * Playwright's outcomes counted apart for the screenshots project and for every other test: `{ tests, screenshots }`,
 * each `{ expected, unexpected, flaky, skipped }` (the report's own `stats` add both together).
 */
export function playwrightCounts(report) {
  const zero = () => ({ expected: 0, unexpected: 0, flaky: 0, skipped: 0 });
  const counts = { tests: zero(), screenshots: zero() };
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const bucket = test.projectName === SCREENSHOTS ? counts.screenshots : counts.tests;
        if (test.status in bucket) bucket[test.status]++;
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report?.suites ?? []) visit(suite);
  return counts;
}
