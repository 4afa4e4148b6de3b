// check.mjs REPORT_DIR [SCREENS_DIR]
//
// Opens REPORT_DIR/report.html in Debian's headless Chromium with every
// network request blocked, and checks what a reader would meet: a page under
// 1.5 MB, no console error, no request leaving the file, no script from the
// data running (also with every chart's tooltips shown), every chart drawn
// (an svg or canvas in each .chart-box), every in-page link resolving to an
// element, and, printed, every chart drawn inside its box. Saves light and
// dark screenshots and A4 and Letter PDF prints to SCREENS_DIR (default
// REPORT_DIR/screens). Then parses every ```mermaid block of
// REPORT_DIR/report.md with the real Mermaid parsers of versions 10 and 11,
// in the same browser. Exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const [dirArg, screensArg] = process.argv.slice(2);
if (!dirArg) {
  console.error('usage: node check.mjs REPORT_DIR [SCREENS_DIR]');
  process.exit(2);
}
const dir = path.resolve(dirArg);
const screens = path.resolve(screensArg || path.join(dir, 'screens'));
fs.mkdirSync(screens, { recursive: true });
const failures = [];
const fail = (msg) => { failures.push(msg); console.error('FAIL ' + msg); };
let passed = 0;
const ok = (msg) => { passed++; console.log('ok   ' + msg); };

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});  // playwright gives the browser a new, empty profile of its own

try {
  // 1. The email page.
  const html = path.join(dir, 'report.html');
  const maxBytes = 1500000;
  const bytes = fs.statSync(html).size;
  if (bytes > maxBytes) fail(`report.html is ${bytes} bytes, over ${maxBytes}`); else ok(`report.html is ${bytes} bytes (limit ${maxBytes})`);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') {
      return route.continue();
    }
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  await page.waitForTimeout(300);

  const facts = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.chart-box')];
    const empty = boxes.filter((b) => !b.querySelector('svg, canvas')).map((b) => b.id);
    const links = [...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href').slice(1)));
    const broken = links.filter((id) => !document.getElementById(id));
    const toc = document.querySelectorAll('#contents + ul a, h2#contents ~ ul a').length;
    return { charts: boxes.length, empty, links: links.length, broken, toc, tables: document.querySelectorAll('table').length, width: document.documentElement.scrollWidth };
  });
  // Every chart's tooltip, for every category: they are HTML, so CSV text
  // placed there unescaped would run.
  const tips = await page.evaluate(async () => {
    let shown = 0;
    const live = [];
    for (const box of document.querySelectorAll('.chart-box')) {
      const chart = globalThis.echarts && echarts.getInstanceByDom(box);
      if (!chart) continue;
      const series = chart.getOption().series || [];
      for (let si = 0; si < series.length; si++) {
        const n = Math.min((series[si].data || []).length, 200);
        for (let di = 0; di < n; di++) {
          chart.dispatchAction({ type: 'showTip', seriesIndex: si, dataIndex: di });
          shown++;
        }
      }
      chart.dispatchAction({ type: 'hideTip' });
      for (const el of box.querySelectorAll('img, script, iframe, [onerror], [onload]')) live.push(`${box.id}: <${el.tagName.toLowerCase()}>`);
    }
    await new Promise((r) => setTimeout(r, 100));
    return { shown, live };
  });
  if (tips.live.length) fail(`live HTML from the data in chart tooltips: ${tips.live.join(', ')}`);
  else ok(`${tips.shown} chart tooltips shown, none with live HTML`);
  if (dialogs.length) fail(`a script from the data ran (dialog: ${dialogs.join(', ')})`); else ok('no script from the data ran');
  if (errors.length) fail(`console errors: ${errors.slice(0, 5).join(' | ')}`); else ok('no console error');
  const pageRequests = blocked.length;
  if (pageRequests) fail(`network requests attempted: ${blocked.slice(0, 5).join(', ')}`); else ok('no network request');
  if (facts.charts === 0) fail('no chart containers');
  else if (facts.empty.length) fail(`charts not drawn: ${facts.empty.join(', ')}`);
  else ok(`all ${facts.charts} charts drawn`);
  // A long unbroken name from the data must not widen the page.
  if (facts.width > 1200) fail(`the page is ${facts.width} px wide in a 1200 px window`); else ok(`the page fits its window (${facts.width} px)`);
  if (facts.broken.length) fail(`in-page links that resolve to nothing: ${facts.broken.join(', ')}`);
  else ok(`all ${facts.links} in-page links resolve (table of contents: ${facts.toc})`);

  await page.screenshot({ path: path.join(screens, 'light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  const darkErrors = errors.length;
  await page.screenshot({ path: path.join(screens, 'dark.png'), fullPage: true });
  if (errors.length > darkErrors) fail('console errors after switching to dark');
  await page.emulateMedia({ colorScheme: 'light', media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const cut = await page.evaluate(() => [...document.querySelectorAll('.chart-box')].filter((box) => {
    const g = box.querySelector('svg, canvas');
    return !g || g.getBoundingClientRect().width > box.getBoundingClientRect().width + 1;
  }).map((box) => box.id));
  if (cut.length) fail(`printed charts wider than their box: ${cut.join(', ')}`); else ok('printed, every chart fits its box');
  for (const format of ['A4', 'Letter']) {
    await page.pdf({ path: path.join(screens, `print-${format}.pdf`), format, printBackground: true });
  }
  ok(`screenshots and PDF prints in ${screens}`);
  await page.close();

  // 2. The wiki page's Mermaid blocks, with the parsers wikis run.
  const md = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
  const blocks = [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (blocks.length === 0) fail('report.md has no Mermaid block');
  for (const version of ['mermaid10', 'mermaid11']) {
    const mpage = await context.newPage(); // requests blocked and counted as above
    mpage.on('pageerror', (e) => fail(`${version}: ${e}`));
    await mpage.goto('about:blank');
    await mpage.addScriptTag({ path: path.join(here, 'node_modules', version, 'dist', 'mermaid.min.js') });
    const results = await mpage.evaluate(async (sources) => {
      globalThis.mermaid.initialize({ startOnLoad: false });
      const out = [];
      for (const src of sources) {
        try {
          await globalThis.mermaid.parse(src);
          out.push(null);
        } catch (e) {
          out.push(String(e && e.message || e).split('\n').slice(0, 3).join(' '));
        }
      }
      return out;
    }, blocks);
    const bad = results.map((r, i) => [r, i]).filter(([r]) => r !== null);
    for (const [r, i] of bad) fail(`${version} cannot parse Mermaid block ${i + 1}: ${r}\n${blocks[i]}`);
    if (!bad.length) ok(`${version}: all ${blocks.length} Mermaid blocks parse`);
    await mpage.close();
  }
  if (blocked.length > pageRequests) fail(`network requests attempted by Mermaid: ${blocked.slice(pageRequests, pageRequests + 5).join(', ')}`);
  else ok('no network request from Mermaid');
  await context.close();
} finally {
  await browser.close();
}

console.log(`browser: ${passed} passed, ${failures.length} failed`);
if (failures.length) {
  process.exit(1);
}
