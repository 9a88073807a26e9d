import type { Page } from '@playwright/test';
import { expect, MODERATOR, test } from './fixtures.ts';
import { seed } from './a11y-support.ts';

/**
 * No page may scroll sideways on a small phone: a page wider than the screen cuts off tabs and dropdowns and
 * makes an elderly resident pan instead of read. Every view is opened at 320 px (the narrowest phone still sold)
 * and 390 px, and the document must be no wider than the window.
 */

const WIDTHS = [320, 390];

/** Every view, by the address a resident or facilitator opens (moderator pages after logging in). */
function views(
  session: string,
  walkId: string,
  walkToken: string,
): { name: string; url: string; ready: (page: Page) => Promise<void> }[] {
  const heading = (level: number) => async (page: Page) => {
    await expect(page.getByRole('heading', { level }).first()).toBeVisible();
  };
  const tabs = async (page: Page) => {
    await expect(page.getByRole('tab').first()).toBeVisible();
  };
  return [
    { name: 'map', url: '/', ready: tabs },
    { name: 'list', url: '/?view=list', ready: tabs },
    { name: 'subarea panel', url: '/?subarea=kazimierz-stradom', ready: heading(2) },
    { name: 'list subarea panel', url: '/?view=list&subarea=grzegorzki-wesola', ready: heading(2) },
    { name: 'walk tab', url: '/?tab=walk', ready: tabs },
    { name: 'walk list', url: '/?tab=walk&view=list', ready: tabs },
    { name: 'walk edit link', url: `/?tab=walk&edit=${walkId}#token=${walkToken}`, ready: tabs },
    { name: 'help tab', url: '/?tab=help', ready: tabs },
    { name: 'help list', url: '/?tab=help&view=list', ready: tabs },
    { name: 'print page', url: '/?tab=help&print=kazimierz-stradom', ready: heading(1) },
    { name: 'moderation', url: '/moderacja', ready: heading(1) },
    {
      name: 'presentation',
      url: `/prezentacja?sesja=${session}`,
      ready: async (page) => expect(page.locator('canvas')).toBeVisible(),
    },
    { name: 'sessions', url: '/spacer', ready: heading(1) },
    { name: 'join page', url: `/spacer/${session}`, ready: heading(1) },
    { name: 'facilitator console', url: `/spacer/${session}/prowadzacy`, ready: heading(1) },
    { name: 'session summary', url: `/spacer/${session}/podsumowanie`, ready: heading(1) },
    { name: 'statistics', url: '/statystyki', ready: heading(1) },
    { name: 'ambassador', url: '/ambasador', ready: heading(1) },
    { name: 'privacy notice', url: '/prywatnosc', ready: heading(1) },
    { name: 'about', url: '/o-mapie', ready: heading(1) },
    { name: 'privacy notice', url: '/prywatnosc', ready: heading(3) },
    { name: 'about', url: '/o-mapie', ready: heading(3) },
  ];
}

/** How far the page reaches past the window's right edge, and the widest element that pushes it there. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const over = document.documentElement.scrollWidth - width;
    let culprit = '';
    if (over > 0) {
      // The deepest element reaching past the edge is the one to fix; its ancestors are only stretched by it.
      for (const el of document.querySelectorAll('body *')) {
        const right = el.getBoundingClientRect().right;
        if (right > width + 1)
          culprit = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(right)}`;
      }
    }
    return { over, culprit };
  });
}

test.describe('no page scrolls sideways on a phone', () => {
  test.describe.configure({ timeout: 180_000 });

  test('every view fits 320 px and 390 px wide screens', async ({ page, request }) => {
    const s = await seed(request);
    await page.request.post('/api/auth/login', { data: MODERATOR });
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      for (const view of views(s.session, s.walk.id, s.walk.editToken)) {
        await page.goto(view.url);
        await view.ready(page);
        const { over, culprit } = await overflow(page);
        if (over > 0) problems.push(`${view.name} at ${width} px: ${over} px too wide (${culprit})`);
        if (width === 320)
          await page.screenshot({
            path: `test-results/screenshots/overflow-${view.name.replaceAll(' ', '-')}-320.png`,
          });
      }
    }
    expect(problems).toEqual([]);
  });
});
