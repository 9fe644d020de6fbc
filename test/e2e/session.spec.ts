import { expect, test } from './fixtures';

// The printed link's token is single-use: the first load exchanges it for an HttpOnly, SameSite=Strict session
// cookie and the page drops it from the address bar and history. The same link opened in another browser (a new
// context: no cookie) gets a one-line page, and the API refuses that browser.

test('the printed link opens Carve once: another browser that opens it again is refused in one line', async ({ page, browser, carve }) => {
  await page.goto(carve.url);
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.startsWith('carve-session-'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('carve-session-');

  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    const answer = await stranger.goto(carve.url);
    expect(answer?.status()).toBe(403);
    const text = (await stranger.locator('body').innerText()).trim();
    expect(text).toMatch(/^This Carve link was already used/);
    expect(text.split('\n')).toHaveLength(1);
    const origin = new URL(carve.url).origin;
    const api = await stranger.request.post(`${origin}/api/app:info`, { data: {}, headers: { origin } });
    expect(api.status()).toBe(401);
  } finally {
    await other.close();
  }

  // The first browser goes on: a reload is carried by its cookie.
  await page.reload();
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
});
