// check.mjs REPORT_DIR [SCREENS_DIR]
//
// Opens REPORT_DIR/report.html in Debian's headless Chromium with every
// network request blocked, and checks what a reader would meet: a page under
// 1.5 MB, no console error, no request leaving the file, no script from the
// data running (also with every chart's tooltips shown), every chart drawn
// (an svg or canvas in each .chart-box), every in-page link resolving to an
// element, and, printed, every chart drawn inside its box. Saves light and
// dark screenshots and A4 and Letter PDF prints to SCREENS_DIR (default
// REPORT_DIR/screens). As a reader would, it measures: the main body (up to
// the folded appendix) at most 8 screens of 1280x800, every verdict of the
// front page inside the first 1.5 screens, no page-wide horizontal scroll
// on a 390 px phone, a static chart in every chart box with JavaScript
// off, the main body printed on at most 10 A4 pages, and every donut's
// slices named. Then parses every ```mermaid block of REPORT_DIR/report.md
// with the real Mermaid parsers of versions 10 and 11, in the same
// browser, and checks the rules that keep wiki charts honest: one series a
// chart, at most 24 categories, amounts in $k or $M. Exits 1 on any failure.
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
  const screen = { width: 1280, height: 800 };
  const context = await browser.newContext({ viewport: screen });
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
    return { charts: boxes.length, empty, links: links.length, broken, toc, tables: document.querySelectorAll('table').length };
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
  // A long unbroken name from the data must not widen the page: measured
  // in a 1200 px window, then back to the reader's screen.
  await page.setViewportSize({ width: 1200, height: screen.height });
  await page.waitForTimeout(200);
  facts.width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(screen);
  await page.waitForTimeout(200);
  if (facts.width > 1200) fail(`the page is ${facts.width} px wide in a 1200 px window`); else ok(`the page fits its window (${facts.width} px)`);
  if (facts.broken.length) fail(`in-page links that resolve to nothing: ${facts.broken.join(', ')}`);
  else ok(`all ${facts.links} in-page links resolve (table of contents: ${facts.toc})`);

  // The reader's measures at 1280x800.
  const layout = await page.evaluate(() => {
    const top = (el) => el.getBoundingClientRect().top + window.scrollY;
    const appendix = document.getElementById('appendix');
    const mainEnd = appendix ? top(appendix) : document.documentElement.scrollHeight;
    const verdicts = [...document.querySelectorAll('.verdict')];
    const lastVerdict = verdicts.length ? Math.max(...verdicts.map((v) => top(v) + v.getBoundingClientRect().height)) : 0;
    const donuts = [];
    for (const box of document.querySelectorAll('.chart-box')) {
      const chart = globalThis.echarts && echarts.getInstanceByDom(box);
      const series = chart ? chart.getOption().series || [] : [];
      for (const s of series) {
        if (s.type !== 'pie') continue;
        const text = [...box.querySelectorAll('text')].map((t) => t.textContent).join(' | ');
        const missing = (s.data || []).map((d) => d.name).filter((n) => !text.includes(n));
        donuts.push({ id: box.id, names: (s.data || []).length, missing });
      }
    }
    return { mainEnd, verdicts: verdicts.length, lastVerdict, appendix: !!appendix, appendixOpen: appendix ? appendix.open : null, donuts };
  });
  const mainScreens = layout.mainEnd / screen.height;
  if (mainScreens > 8) fail(`main body is ${mainScreens.toFixed(1)} screens of 1280x800, over 8`);
  else ok(`main body is ${mainScreens.toFixed(1)} screens of 1280x800 (limit 8)`);
  if (!layout.appendix) fail('no appendix (id="appendix")');
  else if (layout.appendixOpen) fail('the appendix is unfolded on screen');
  else ok('the appendix is folded on screen');
  if (layout.verdicts === 0) fail('no verdicts on the front page');
  else if (layout.lastVerdict > 1.5 * screen.height) fail(`the last verdict ends at ${Math.round(layout.lastVerdict)} px, below the first 1.5 screens`);
  else ok(`${layout.verdicts} verdicts within the first 1.5 screens (last ends at ${Math.round(layout.lastVerdict)} px)`);
  for (const d of layout.donuts) {
    if (d.missing.length) fail(`donut ${d.id} does not name ${d.missing.join(', ')}`);
    else ok(`donut ${d.id} names all ${d.names} slices`);
  }
  await page.screenshot({ path: path.join(screens, 'desktop-first-screen.png') });
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
  // The main body alone, printed on A4.
  await page.evaluate(() => { const a = document.getElementById('appendix'); if (a) a.style.display = 'none'; });
  const mainPDF = await page.pdf({ format: 'A4', printBackground: true });
  await page.evaluate(() => { const a = document.getElementById('appendix'); if (a) a.style.display = ''; });
  const a4Pages = (mainPDF.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (a4Pages > 10) fail(`the main body prints on ${a4Pages} A4 pages, over 10`);
  else ok(`the main body prints on ${a4Pages} A4 pages (limit 10)`);
  ok(`screenshots and PDF prints in ${screens}`);
  await page.close();

  // A phone, 390 px wide: no page-wide horizontal scroll.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await phone.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const ppage = await phone.newPage();
  await ppage.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  await ppage.waitForTimeout(300);
  const wide = await ppage.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
    over: [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.closest('.table-box')).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className : '')) }));
  if (wide.scroll > wide.client) fail(`at 390 px the page scrolls sideways (${wide.scroll} px wide): ${wide.over.join(', ')}`);
  else ok('at 390 px the page does not scroll sideways');
  await ppage.screenshot({ path: path.join(screens, 'phone-first-screen.png') });
  await ppage.screenshot({ path: path.join(screens, 'phone.png'), fullPage: true });
  await phone.close();

  // JavaScript off (an attachment preview): a static chart in every box.
  const nojs = await browser.newContext({ viewport: screen, javaScriptEnabled: false });
  await nojs.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const npage = await nojs.newPage();
  await npage.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  const still = await npage.evaluate(() => {
    const boxes = [...document.querySelectorAll('.chart-box')];
    const open = document.getElementById('appendix');
    if (open) open.open = true;
    const bad = boxes.filter((b) => { const s = b.querySelector('svg.static-chart'); return !s || s.getBoundingClientRect().width < 100 || s.querySelectorAll('path, rect').length < 3; }).map((b) => b.id);
    if (open) open.open = false;
    return { boxes: boxes.length, bad };
  });
  if (still.boxes === 0) fail('no chart boxes with JavaScript off');
  else if (still.bad.length) fail(`with JavaScript off these charts show no static drawing: ${still.bad.join(', ')}`);
  else ok(`with JavaScript off all ${still.boxes} charts show their static drawing`);
  await npage.screenshot({ path: path.join(screens, 'nojs-first-screen.png') });
  await npage.screenshot({ path: path.join(screens, 'nojs.png'), fullPage: true });
  await nojs.close();

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
    if (version === 'mermaid10') {
      // Honest wiki charts: Mermaid's xychart has no legend, so one series
      // a chart; at most 24 categories; no raw amounts in the millions.
      const rules = [];
      blocks.forEach((src, i) => {
        if (!src.startsWith('xychart-beta')) return;
        const series = src.split('\n').filter((l) => /^\s*(bar|line)\s*\[/.test(l));
        if (series.length !== 1) rules.push(`block ${i + 1} has ${series.length} series`);
        const axis = (src.match(/x-axis \[(.*)\]/) || [null, ''])[1];
        const cats = axis ? axis.split('", "').length : 0;
        if (cats > 24) rules.push(`block ${i + 1} has ${cats} categories`);
        const top = Number((src.match(/y-axis .* 0 --> ([0-9.]+)/) || [null, '0'])[1]);
        if (top >= 100000) rules.push(`block ${i + 1} has an axis up to ${top} (write $k or $M)`);
      });
      if (rules.length) fail(`Mermaid charts break the wiki rules: ${rules.join('; ')}`);
      else ok(`Mermaid charts: one series each, at most 24 categories, amounts in $k or $M`);
    }
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
