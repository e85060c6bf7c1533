// The browser test of povsim serve: Debian's chromium, driven by puppeteer-core, clicks through
// the app as a planner would — a lever set out of range (the error beside the field), a county
// compare of 10 paired replications (timed from opening the page), a cancelled run, the share
// link reproducing the compare, and the saved YAML. Screenshots go to the output directory.
// Usage: node browser_test.mjs POVSIM SOURCE_DIR OUT_DIR; exit 77 (skipped) without chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [povsim, source, out] = process.argv.slice(2);
const chromium = '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.log('SKIPPED: ' + chromium + ' not found (Debian package chromium; scripts/install-deps.sh installs it)');
  process.exit(77);
}
const require = createRequire(path.join(out, 'node_modules', 'x.js'));
const puppeteer = require('puppeteer-core');
fs.mkdirSync(out, { recursive: true });
const TIMEOUT = 300000;
let failures = 0;
let passes = 0;
const check = (ok, what) => { console.log((ok ? 'ok   ' : 'FAIL ') + what); if (ok) passes++; else failures++; };

const server = spawn(povsim, ['serve', '--port', '0', '--scenarios', path.join(source, 'scenarios'),
  '--workspace', path.join(out, 'workspace'), '--threads', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d;
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error('povsim serve exited with ' + code)));
});
const cpuSeconds = () => {
  const f = fs.readFileSync('/proc/' + server.pid + '/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;  // utime + stime, in clock ticks of 1/100 s
};

const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const result = {};
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  page.on('console', (m) => { if (m.type() === 'error') console.log('console: ' + m.text()); });
  const lever = 'input[name="monitoring.grid.workers_per_1000_households"]';
  // Changing the scenario or region rebuilds the lever form; wait for the rebuilt one, since the
  // old inputs are still in the page until the schema arrives and a click on them is lost.
  const selectAndReload = async (p, selector, value) => {
    const before = await p.$eval('#levers', (e) => Number(e.dataset.generation || 0));
    await p.select(selector, value);
    await p.waitForFunction((g) => Number(document.querySelector('#levers').dataset.generation || 0) > g &&
      document.querySelectorAll('.lever').length > 50, { timeout: TIMEOUT }, before);
  };
  const setLever = async (p, value) => {
    await p.click('#filter', { clickCount: 3 });
    await p.type('#filter', 'grid.workers_per_1000');
    await p.waitForSelector(lever, { visible: true });
    await p.click(lever, { clickCount: 3 });
    await p.type(lever, value);
  };

  // 1. A county compare of 10 paired replications, timed from opening the page.
  const cpu0 = cpuSeconds();
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('body[data-status="ready"]', { timeout: TIMEOUT });
  await selectAndReload(page, '#region', '沁县');
  await page.click('#replications', { clickCount: 3 });
  await page.type('#replications', '10');
  await setLever(page, '5');
  await page.click('#run');
  await page.waitForSelector('#result[data-status="done"]', { timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelector('#chart-diff svg') && document.querySelector('#chart-levels svg'));
  const seconds = (Date.now() - t0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  result.open_to_compare_seconds = seconds;
  result.server_cpu_seconds = cpu;
  result.load_average = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  // The server's own wall-clock for simulating base and variant (the rest is page, queue, HTTP).
  result.simulate_seconds = await page.evaluate(() => fetch('/api/runs/' + document.querySelector('#result').dataset.run)
    .then((r) => r.json()).then((j) => j.result.seconds));
  console.log(`open → county compare (沁县, 50,090 households, 10 paired replications): ${seconds.toFixed(2)} s wall ` +
    `(of which ${result.simulate_seconds.toFixed(2)} s simulating), ${cpu.toFixed(2)} s CPU in povsim serve, ` +
    `load average ${result.load_average}`);
  await page.screenshot({ path: path.join(out, 'serve-test-compare.png'), fullPage: true });
  const headline = await page.$eval('#headline', (t) => t.innerText);
  check(/return_to_poverty_rate[^\n]*pp/.test(headline), 'the headline table shows rate differences in pp');
  check(/\[.*pp.*pp\]/.test(headline), 'the headline table shows 95% intervals');
  const changes = await page.$eval('#changes', (t) => t.innerText);
  check(changes.includes('monitoring.grid.workers_per_1000_households') && changes.includes('20.4'),
    'what changed: the lever with its base and new value');
  check(await page.$eval('#costs', (t) => t.rows.length > 1), 'the cost table has rows');
  check((await page.$eval('#errors', (e) => e.textContent)) === '', 'no errors in the page');

  // 2. The saved YAML reproduces the variant.
  const yaml = await page.$eval('#save-yaml', (a) => fetch(a.href).then((r) => r.text()));
  fs.writeFileSync(path.join(out, 'serve-test-saved.yaml'), yaml);
  check(yaml.includes('extends: "baseline.yaml"') && yaml.includes('workers_per_1000_households: 5'),
    'Save scenario gives YAML extending baseline.yaml with the lever');

  // 3. The share link opens the same form and reproduces the compare.
  const share = await page.$eval('#share-url', (i) => i.value);
  result.share_url = share;
  const page2 = await browser.newPage();
  await page2.setViewport({ width: 1400, height: 1000 });
  await page2.goto(share);
  await page2.waitForSelector('#result[data-status="done"]', { timeout: TIMEOUT });
  check((await page2.$eval('#headline', (t) => t.innerText)) === headline,
    'the share link reproduces the same headline numbers');
  await page2.close();

  // 4. A lever out of range: the loader's message beside the field, with its key path.
  await setLever(page, '-3');
  await page.click('#run');
  const err = '.field-error[data-error-for="monitoring.grid.workers_per_1000_households"]';
  await page.waitForFunction((s) => document.querySelector(s).textContent !== '', {}, err);
  const message = await page.$eval(err, (e) => e.textContent);
  check(message.includes('monitoring.grid.workers_per_1000_households') && message.includes('expected a number in [0, 1000]'),
    'the error is shown beside the field: ' + message.trim());
  await page.screenshot({ path: path.join(out, 'serve-test-error.png'), fullPage: false });

  // 5. The language switch: the shown result is relabelled in English without a new run, and the
  // share link carries the language and opens in it.
  await page.select('#lang', 'en');
  await page.waitForFunction(() => document.querySelector('#changes caption').textContent.startsWith('What changed'));
  const en = await page.evaluate(() => ({ lang: document.documentElement.lang, hash: location.hash,
    h2: document.querySelector('#result h2').textContent, run: document.querySelector('#run').textContent,
    headline: document.querySelector('#headline').innerText, share: document.querySelector('#share-url').value }));
  check(en.lang === 'en' && en.run === 'Run compare' && en.h2.startsWith('Paired comparison') &&
    /return-to-poverty rate \(return_to_poverty_rate\)/.test(en.headline) && !/[\u4e00-\u9fff]/.test(en.run + en.headline),
  'the language switch relabels the form and the shown result in English');
  check(en.hash.includes('lang=en') && en.share.includes('lang=en'), 'the address and the share link keep lang=en');
  const leverDoc = () => page.$eval('.lever[data-key="monitoring.grid.workers_per_1000_households"] .doc',
    (e) => e.textContent);
  const docEn = await leverDoc();
  check(docEn === 'grid workers and village cadres who screen households',
    'in English a lever shows the English description: ' + docEn);
  await page.screenshot({ path: path.join(out, 'serve-test-compare-en.png'), fullPage: true });
  const page3 = await browser.newPage();
  await page3.setViewport({ width: 1400, height: 1000 });
  await page3.goto(en.share);
  await page3.waitForSelector('#result[data-status="done"]', { timeout: TIMEOUT });
  check(await page3.evaluate(() => document.documentElement.lang === 'en' &&
    document.querySelector('#lang').value === 'en' && document.querySelector('#changes caption').textContent.startsWith('What changed')),
  'the English share link opens the app in English');
  await page3.close();
  await page.select('#lang', 'zh');
  await page.waitForFunction(() => document.querySelector('#changes caption').textContent.startsWith('改了什么'));
  check(await page.evaluate(() => location.hash.includes('lang=zh') && document.querySelector('#run').textContent === '运行对比'),
    'switching back gives Chinese, and lang=zh in the address');
  const docZh = await leverDoc();
  check(docZh === '入户排查的网格员和村干部人数', 'in 中文 the lever shows its Chinese description: ' + docZh);

  // 6. What changed lists every changed key in every region and policy epoch: taper-2024 has
  // three epochs (2021-01, and its policy entries from 2024-01 and 2025-01) and three regions.
  // A lever set everywhere is listed once per epoch for all regions; a budget that the policy
  // entries also set changes only in the first epoch (the entries' own values hold later).
  await selectAndReload(page, '#scenario', 'taper-2024.yaml');
  await page.click('#replications', { clickCount: 3 });
  await page.type('#replications', '2');
  await page.click('#scale', { clickCount: 3 });
  await page.type('#scale', '0.02');
  await setLever(page, '7');
  const budget = 'input[name="assistance.employment.budget_per_household"]';
  await page.click('#filter', { clickCount: 3 });
  await page.type('#filter', 'employment.budget_per');
  await page.waitForSelector(budget, { visible: true });
  await page.click(budget, { clickCount: 3 });
  await page.type(budget, '45');
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#result[data-status="done"] h2') &&
    document.querySelector('#result h2').textContent.includes('taper-2024'), { timeout: TIMEOUT });
  const rows = await page.$$eval('#changes tr[data-key]', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const grid = rows.filter((r) => r[0] === 'monitoring.grid.workers_per_1000_households');
  const emp = rows.filter((r) => r[0] === 'assistance.employment.budget_per_household');
  console.log('what changed (taper-2024, all regions): ' + JSON.stringify(rows));
  check(grid.length === 3 && grid.map((r) => r[2]).join() === '2021-01,2024-01,2025-01' &&
    grid.every((r) => r[1] === '全部地区' && r[4] === '7'),
  'what changed: the lever in each of the three policy epochs, for all regions');
  check(emp.length === 1 && emp[0][2] === '2021-01' && emp[0][4] === '45',
    'what changed: a budget the policy entries override changes in the first epoch only');
  await page.screenshot({ path: path.join(out, 'serve-test-changes.png'), fullPage: true });
  await selectAndReload(page, '#scenario', 'baseline.yaml');
  await page.click('#scale', { clickCount: 3 });
  await page.type('#scale', '1');

  // 7. A long run is queued with progress and cancelled.
  await setLever(page, '30');
  await selectAndReload(page, '#region', 'all');
  await setLever(page, '30');
  await page.click('#replications', { clickCount: 3 });
  await page.type('#replications', '200');
  await page.click('#run');
  await page.waitForSelector('#queue li[data-status="running"] progress', { timeout: TIMEOUT });
  await page.screenshot({ path: path.join(out, 'serve-test-running.png'), fullPage: false });
  await page.click('#queue li[data-status="running"] button.cancel');
  await page.waitForSelector('#result[data-status="cancelled"]', { timeout: 30000 });
  check(true, 'a running compare is cancelled from its queue entry');
  await page.screenshot({ path: path.join(out, 'serve-test-cancelled.png'), fullPage: false });
} catch (e) {
  console.log('FAIL ' + (e.stack || e));
  failures++;
} finally {
  await browser.close();
  server.kill('SIGINT');
}
fs.writeFileSync(path.join(out, 'serve-test.json'), JSON.stringify(result, null, 1) + '\n');
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
