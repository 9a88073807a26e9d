import { drawFromTiles, expect, seriousViolations, SUBAREA_LAYERS, test, waitForMap, watchErrors } from './fixtures.ts';
import { approveAsModerator, helpOffer, postOffer } from './help-helpers.ts';

test.describe('finding help on a help map too big for one list', () => {
  test('a resident finds the nearest offer, and the printed notice lists it, though the device holds only the newest 200', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const run = Date.now();
    // The nearest offer is the oldest: 200 newer ones in Nowa Huta push it out of the newest 200 the device gets.
    const nearest = await postOffer(
      request,
      helpOffer({ name: `Najbliżej Placu Nowego ${run}`, kinds: ['zakupy'], lng: 19.9452, lat: 50.0517 }),
    );
    await approveAsModerator(request, nearest.id);
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const n = batch * 10 + i;
          const offer = await postOffer(
            request,
            helpOffer({
              name: `Huta ${n} ${run}`,
              kinds: ['zakupy'],
              lng: 20.03 + (n % 20) * 0.001,
              lat: 50.07 + Math.floor(n / 20) * 0.001,
            }),
          );
          await approveAsModerator(request, offer.id);
        }),
      );
    }
    const asked = await drawFromTiles(page);
    const errors: string[] = [];
    watchErrors(page, errors);

    await page.goto('/?tab=help');
    await waitForMap(page, SUBAREA_LAYERS, 1);
    const results = page.getByRole('region', { name: 'Wyniki' });
    const headings = results.getByRole('heading', { level: 3 });
    await expect(headings.filter({ hasText: `Huta 199 ${run}` })).toHaveCount(1);
    // Without a place, the device's own list: the newest 200, which leave the oldest offer out.
    await expect(headings.filter({ hasText: `Najbliżej Placu Nowego ${run}` })).toHaveCount(0);

    await page.getByLabel('Albo wpisz miejsce lub adres').fill('plac nowy');
    await page.getByRole('button', { name: /Plac Nowy \(Okrąglak\)/ }).click();
    await expect(page.getByText('Odległość od: Plac Nowy (Okrąglak)')).toBeVisible();
    // The server ranks all 201: the oldest is first, and the list says it holds the 100 nearest.
    await expect(results.getByRole('listitem').first().getByRole('heading', { level: 3 })).toHaveText(
      `Najbliżej Placu Nowego ${run}`,
    );
    await expect(page.getByTestId('list-scope')).toHaveText(
      'Ofert na tej mapie jest bardzo dużo, więc lista pokazuje 100 najbliższych wybranemu miejscu.',
    );
    await expect(page.getByTestId('help-count')).toHaveText('Znaleziono 100 ofert pomocy.');
    expect(asked.some((p) => p.startsWith('/api/points/nearest?near=19.9'))).toBe(true);
    expect(await seriousViolations(page, 'nearest offers on a tiled help map')).toEqual([]);

    // A kind nobody offers: none, said plainly.
    await page.getByRole('group', { name: 'Jakiej pomocy potrzebujesz?' }).getByLabel('opieka nad zwierzętami').check();
    await expect(page.getByTestId('help-count')).toHaveText(/Nie ma ofert tego rodzaju/);
    await expect(page.getByTestId('list-scope')).toHaveText(
      'Lista pokazuje wszystkie pasujące oferty w promieniu 50 km od wybranego miejsca.',
    );

    // The notice for Kazimierz-Stradom's board lists every offer of the subarea, not just those the device holds.
    await page.goto('/?tab=help&print=kazimierz-stradom');
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet).toContainText(`Najbliżej Placu Nowego ${run}`);
    expect(asked).toContain('/api/points?layer=help&subarea=kazimierz-stradom');
    expect(errors).toEqual([]);
  });
});
