// Opens a concur report.html in the system's headless Chromium, at desktop
// width and as a 375 px phone (mobile emulation), and fails on: a console
// error, any network request, an in-page link that points nowhere, a link
// that leaves the file, the page scrolling sideways on the phone, a group or
// flagged athlete without its section and timeline, an axe-core violation of
// serious or critical impact, or an athletes table that does not sort.
//
//   node check.mjs REPORT.html EXPECT.json [SCREENSHOT_DIR]
//
// EXPECT.json: {"groups": [name...], "flagged": [[group, athlete label]...]}.
// CHROMIUM names the browser (default /usr/bin/chromium).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [reportPath, expectPath, shots] = process.argv.slice(2);
const expected = JSON.parse(readFileSync(expectPath, 'utf8'));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const url = pathToFileURL(reportPath).href;
const failures = [];
const fail = (what) => failures.push(what);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const VIEWS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: {
    viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  },
};

async function open(name) {
  const context = await browser.newContext(VIEWS[name]);
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') fail(`${name}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`${name}: script error: ${e.message}`));
  context.on('request', (r) => { if (r.url() !== url) fail(`${name}: request to ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  return { context, page };
}

async function links(name, page) {
  const bad = await page.evaluate(() => {
    const out = [];
    for (const a of document.querySelectorAll('[href]')) {
      const href = a.getAttribute('href');
      if (!href.startsWith('#')) { out.push(`leaves the file: ${href}`); continue; }
      if (!document.getElementById(decodeURIComponent(href.slice(1)))) out.push(`points nowhere: ${href}`);
    }
    return out;
  });
  bad.forEach((b) => fail(`${name}: link ${b}`));
}

async function sections(name, page) {
  const missing = await page.evaluate((exp) => {
    const out = [];
    const groups = new Map([...document.querySelectorAll('section[data-group]')].map((s) => [s.dataset.group, s]));
    for (const g of exp.groups) if (!groups.has(g)) out.push(`no section of group ${g}`);
    for (const [g, athlete] of exp.flagged) {
      const section = groups.get(g);
      const d = section && [...section.querySelectorAll('details[data-athlete]')].find((e) => e.dataset.athlete === athlete);
      if (!d) { out.push(`no drill-down of ${athlete} in group ${g}`); continue; }
      if (!d.querySelector('svg.tl title')) out.push(`no timeline of ${athlete}`);
      if (!d.querySelector('table caption')) out.push(`no flag list of ${athlete}`);
      const link = section.querySelector(`a[href="#${d.id}"]`);
      if (!link) out.push(`no link to ${athlete} in the athletes table`);
    }
    return out;
  }, expected);
  missing.forEach((m) => fail(`${name}: ${m}`));
}

async function sideways(name, page, when) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
  }));
  if (scroll > inner) fail(`${name}: the page scrolls sideways ${when} (${scroll} px wide in ${inner} px)`);
  return inner;
}

// Text squeezed into a sliver (a caption a letter wide, a column of a
// table pushed off the screen by a long path) is unreadable on a phone.
async function squeezed(name, page, when) {
  const thin = await page.evaluate(() => [...document.querySelectorAll('caption, th, td, p, summary, figcaption, li')]
    .filter((e) => e.textContent.trim().length > 6 && e.getClientRects().length > 0)
    .map((e) => ({ text: e.textContent.trim().slice(0, 40), width: e.getBoundingClientRect().width }))
    .filter((e) => e.width < 48));
  for (const e of thin) fail(`${name}: "${e.text}" is squeezed into ${Math.round(e.width)} px ${when}`);
}

async function axe(name, page, when) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
  for (const v of result) {
    const line = `${name}: axe ${v.impact} ${v.id} (${v.help}) on ${v.nodes} nodes, first ${JSON.stringify(v.target)} ${when}`;
    if (v.impact === 'serious' || v.impact === 'critical') fail(line); else console.log(`note: ${line}`);
  }
}

async function sorting(page) {
  const table = page.locator('table.sortable').first();
  const column = async (i) => table.locator('tbody tr').evaluateAll(
    (rows, k) => rows.map((r) => r.cells[k].textContent.trim()), i);
  await table.locator('thead th').nth(0).locator('button').click();
  const names = await column(0);
  const sorted = [...names].sort((a, b) => a.localeCompare(b));
  if (names.join('\n') !== sorted.join('\n')) fail(`desktop: sorting by athlete gave ${names.join(', ')}`);
  if ((await table.locator('thead th').nth(0).getAttribute('aria-sort')) !== 'ascending') fail('desktop: sorted column has no aria-sort');
  const sessions = async () => (await column(2)).map(Number);
  await table.locator('thead th').nth(2).locator('button').click();
  const down = await sessions();
  if (down.some((v, i) => i > 0 && down[i - 1] < v)) fail(`desktop: sessions not sorted down: ${down.join(', ')}`);
  await table.locator('thead th').nth(2).locator('button').click();
  const up = await sessions();
  if (up.some((v, i) => i > 0 && up[i - 1] > v)) fail(`desktop: sessions not sorted up: ${up.join(', ')}`);
}

const openAll = (page) => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

{
  const { context, page } = await open('desktop');
  await links('desktop', page);
  await sections('desktop', page);
  if (shots) await page.screenshot({ path: `${shots}/desktop-top.png` });
  await sorting(page);
  // A link from the table opens the athlete's drill-down.
  const first = page.locator('table.sortable a').first();
  if (await first.count()) {
    const target = (await first.getAttribute('href')).slice(1);
    await first.click();
    const opened = await page.evaluate((id) => document.getElementById(id).open, target);
    if (!opened) fail('desktop: following an athlete link leaves its drill-down closed');
    if (shots) await page.screenshot({ path: `${shots}/desktop-athlete.png` });
  }
  await openAll(page);
  await axe('desktop', page, 'with every drill-down open');
  if (shots) {
    await page.locator('section.group').first().screenshot({ path: `${shots}/desktop-group.png` });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${shots}/print-top.png` });
  }
  await context.close();
}
{
  const { context, page } = await open('phone');
  const width = await sideways('phone', page, 'as loaded');
  if (width !== 375) fail(`phone: the page is laid out ${width} px wide, not 375 (viewport not declared?)`);
  await links('phone', page);
  await axe('phone', page, 'as loaded');
  if (shots) await page.screenshot({ path: `${shots}/phone-top.png` });
  await openAll(page);
  await sideways('phone', page, 'with every drill-down open');
  await squeezed('phone', page, 'with every drill-down open');
  if (shots) {
    const d = page.locator('details[data-athlete]').first();
    await d.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/phone-athlete.png` });
    await page.locator('section.group').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/phone-group.png` });
  }
  await context.close();
}
await browser.close();

if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`report.html passed in Chromium: ${expected.groups.length} groups, ${expected.flagged.length} flagged athletes, desktop and phone`);
