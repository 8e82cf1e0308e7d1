import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page as it is now: no serious or critical violation is allowed. */
export async function expectNoSeriousA11yViolations(page: Page, screen = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    // One axe.run in the page: the app has no frames, and the default (a run per frame, then a
    // blank page to merge the results) takes twice as long.
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
  expect(blocking, `serious or critical axe violations on ${screen}`).toEqual([]);
}
