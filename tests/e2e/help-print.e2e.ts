import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures.ts';
import { approveAsModerator, helpOffer, postOffer } from './help-helpers.ts';

test.describe('the printable one-pager of a subarea', () => {
  test('produces an A4 PDF listing the offers by kind, with a QR code that opens the live map', async ({
    page,
    request,
    baseURL,
  }) => {
    const run = Date.now();
    const name = `Jadłodajnia na Kazimierzu ${run}`;
    const { id } = await postOffer(
      request,
      helpOffer({ name, kinds: ['posilki', 'zakupy'], contact: { phone: '+48 12 000 11 22' } }),
    );
    await approveAsModerator(request, id);
    const paused = await postOffer(request, helpOffer({ name: `Wstrzymana ${run}` }));
    await approveAsModerator(request, paused.id);
    await request.patch(`/api/points/${paused.id}`, {
      data: { layer: 'help', paused: true },
      headers: { Authorization: `Bearer ${paused.editToken}` },
    });

    await page.goto('/?tab=help&print=kazimierz-stradom');
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet.getByRole('heading', { level: 2 })).toHaveText('Sąsiedzka Mapa Pomocy — Kazimierz-Stradom');
    await expect(sheet).toContainText(/Stan na \d+ \S+ 20\d\d/);
    // Grouped by kind: the offer appears under each kind it gives, with its public phone.
    for (const kind of ['posiłki i żywność', 'zakupy i dostawy']) {
      const group = sheet
        .getByRole('region', { name: kind })
        .or(sheet.locator('section', { has: page.getByRole('heading', { name: kind }) }));
      await expect(group).toContainText(name);
      await expect(group).toContainText('+48 12 000 11 22');
    }
    await expect(sheet).not.toContainText(`Wstrzymana ${run}`);
    await expect(sheet.getByRole('img', { name: /Mapka podobszaru Kazimierz-Stradom/ })).toBeVisible();

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Drukuj' })).toBeHidden();
    await expect(sheet).toContainText(name);
    const qr = sheet.getByTestId('print-qr');
    await expect(qr).toBeVisible();
    const png = PNG.sync.read(await qr.screenshot());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${baseURL}/?tab=help&subarea=kazimierz-stradom`);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    await page.screenshot({ path: 'test-results/screenshots/help-print-a4.png', fullPage: true });

    // The QR's link really opens the help map on this subarea.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(decoded!.data);
    await expect(page.getByRole('tab', { name: 'Mapa Pomocy' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('W podobszarze')).toBeChecked();
    await expect(page.getByText('Odległość od środka podobszaru Kazimierz-Stradom')).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name })).toBeVisible();
  });
});
