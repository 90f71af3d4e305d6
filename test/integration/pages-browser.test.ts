/**
 * The public pages in a real browser (Debian's Chromium driven by puppeteer-core): open the
 * event page, register, land on the private page, see the waitlist once full, cancel, and the
 * same with JavaScript off. axe-core is injected into every page (JavaScript on) and must report
 * no violation; the page must log no error (a CSP refusal would). Screenshots are kept under
 * test-artifacts/browser/ (ignored by git). Chromium missing and not installable: the test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { api, arrangeOrganization, baseUrl, uniqueTitle, type ArrangedMember } from './support.ts';
import { ensureChromium } from './chromium.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'browser');

let browser: Browser;
let owner: ArrangedMember;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=fr-FR'],
  });
  [owner] = (await arrangeOrganization({ members: 1 })) as [ArrangedMember];
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** A fresh visitor (own cookies), whose page records what the browser logs as errors. */
async function visitor(options: { javaScript?: boolean; language?: string } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'Accept-Language': options.language ?? 'fr-FR,fr;q=0.9' });
  if (options.javaScript === false) await page.setJavaScriptEnabled(false);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return { page, errors };
}

async function assertAccessible(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (no bypass).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page: its globals, typed loosely (the test compiles without the DOM library).
    const inPage = globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> }; document: unknown };
    const result = await inPage.axe.run(inPage.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations, name).toEqual([]);
}

async function publishedEvent(capacity: number) {
  const response = await api('POST', '/api/v1/events', {
    token: owner.apiKey,
    body: {
      title: uniqueTitle('Concert au parc'),
      subtitle: 'Plein air',
      description: 'Venez nombreux.\n\nProgramme : https://example.org/programme',
      mode: 'IN_PERSON',
      location: 'Parc de la Villette, Paris',
      startAt: '2030-07-14T19:00:00Z',
      endAt: '2030-07-14T22:00:00Z',
      capacity,
      status: 'PUBLISHED',
    },
  });
  expect(response.status).toBe(201);
  return response.body.data as { id: string; slug: string };
}

async function register(page: Page, slug: string, name: string, email: string) {
  await page.goto(`${baseUrl()}/e/${slug}`);
  await page.type('#f-name', name);
  await page.type('#f-email', email);
  await page.click('#f-consent');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/register"] button[type=submit]')]);
}

const statusText = (page: Page) => page.$eval('#registration-status', (element) => element.textContent);

describe('public pages in Chromium', () => {
  it('register, land on the private page, waitlist once full, cancel (promoting the next), all accessible', { timeout: 180_000 }, async () => {
    // prepare
    const event = await publishedEvent(1);
    const alice = await visitor();
    const bob = await visitor();

    // act + assess: the page
    await alice.page.goto(`${baseUrl()}/e/${event.slug}`);
    expect(await alice.page.title()).toContain('Concert au parc');
    expect(await alice.page.$eval('.status', (element) => element.textContent)).toBe('1 place restante');
    await assertAccessible(alice.page, '01-event-page');

    // invalid form: errors next to the fields, values kept
    await alice.page.type('#f-name', 'Alice');
    await alice.page.type('#f-email', 'pas-une-adresse');
    await Promise.all([alice.page.waitForNavigation(), alice.page.click('form[action$="/register"] button[type=submit]')]);
    expect(await alice.page.$eval('#f-email-error', (element) => element.textContent)).toBe('Indiquez une adresse e-mail valide');
    expect(await alice.page.$eval('#f-name', (element) => (element as unknown as { value: string }).value)).toBe('Alice');
    await assertAccessible(alice.page, '02-form-errors');
    // The browser logs the 400 of that answer as an error: expected here, and only here.
    expect(alice.errors).toEqual([expect.stringContaining('400')]);
    alice.errors.length = 0;

    // registered: the private page
    await register(alice.page, event.slug, 'Alice Martin', 'alice@example.com');
    expect(alice.page.url()).toMatch(new RegExp(`/e/${event.slug}/r/[A-Za-z0-9_-]{43}$`));
    expect(await statusText(alice.page)).toBe('Inscription confirmée');
    await assertAccessible(alice.page, '03-private-confirmed');
    const alicePage = alice.page.url();

    // full: the page says so, and Bob is waitlisted
    await bob.page.goto(`${baseUrl()}/e/${event.slug}`);
    expect(await bob.page.$eval('.status', (element) => element.textContent)).toBe("Complet : liste d'attente");
    await assertAccessible(bob.page, '04-event-full-waitlist');
    await register(bob.page, event.slug, 'Bob Durand', 'bob@example.com');
    expect(await statusText(bob.page)).toBe("Sur liste d'attente : position 1");
    await assertAccessible(bob.page, '05-private-waitlisted');

    // Alice cancels: Bob is promoted
    await alice.page.goto(alicePage);
    await Promise.all([alice.page.waitForNavigation(), alice.page.click('form[action$="/cancel"] button[type=submit]')]);
    expect(alice.page.url(), await alice.page.content()).toBe(alicePage);
    expect(await statusText(alice.page)).toBe('Inscription annulée');
    await assertAccessible(alice.page, '06-private-cancelled');
    await bob.page.reload();
    expect(await statusText(bob.page)).toBe('Inscription confirmée');

    // English
    const english = await visitor({ language: 'en' });
    await english.page.goto(`${baseUrl()}/e/${event.slug}`);
    expect(await english.page.$eval('html', (element) => element.lang)).toBe('en');
    await assertAccessible(english.page, '07-event-page-en');

    for (const { errors } of [alice, bob, english]) expect(errors).toEqual([]);
  });

  it('works with JavaScript off: register, private page, cancel', { timeout: 120_000 }, async () => {
    const event = await publishedEvent(5);
    const { page, errors } = await visitor({ javaScript: false });
    await register(page, event.slug, 'Sans Script', 'noscript@example.com');
    expect(await statusText(page)).toBe('Inscription confirmée');
    await page.screenshot({ path: join(SHOTS, '08-no-javascript-confirmed.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/cancel"] button[type=submit]')]);
    expect(await statusText(page)).toBe('Inscription annulée');
    expect(errors).toEqual([]);
    const list = await api('GET', `/api/v1/events/${event.id}/registrations`, { token: owner.apiKey });
    expect(list.body.data.map((r: { status: string }) => r.status)).toEqual(['CANCELLED']);
  });
});
