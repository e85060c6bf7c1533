// Front-end of povsim serve: a form generated from /api/schema, runs queued through /api/runs,
// the paired comparison drawn with the Vega-Lite build the report embeds. The page records its
// state in the DOM for the browser test: body[data-status], #result[data-status],
// #levers[data-generation] (counts finished lever loads, so a test waits for the form a scenario
// or region change rebuilds rather than clicking the one it replaces), and any error in #errors.
'use strict';
const opened = performance.now();
const state = { scenarios: [], metrics: {}, rows: [], base: {}, polling: null, current: null,
  lang: 'zh', last: null };

// The app's own words in both languages; the switch (#lang) is kept in the share link. Lever
// descriptions come from the schema: `text_zh` (params_schema.hpp's Doc::zh) in 中文, `text`
// (English with the Chinese policy terms) otherwise or where a key has no Chinese text.
const TEXT = {
  zh: {
    subtitle: '政策沙盘', language: '语言',
    intro: '同一情景、同一随机数（共同随机数）：按文件所写的情景（基准）与调整了政策杠杆的同一情景（调整）配对比较。区间为各次模拟的 95% 区间，只反映蒙特卡洛噪声。',
    scenario: '情景', file: '文件', region: '地区', replications: '重复次数', scale: '规模系数',
    levers: '政策杠杆', filter: '搜索参数（如 monitoring）', run: '运行对比', reset: '恢复基准',
    runs: '队列', hint: '修改参数后点击“运行对比”。', all_regions: '全部地区', households: '户',
    invalid: '无效', epochs: '个政策时段', seed: '随机种子', changed: (n) => '（已修改 ' + n + ' 项）',
    cancel: '取消', status: { queued: '排队', running: '运行中', done: '完成', failed: '失败', cancelled: '已取消' },
    result: '对比结果', meta: (r) => r.replications + ' 次配对模拟（随机种子 ' + r.seed + '），' +
      r.households.toLocaleString('en') + ' 户 × ' + r.months + ' 个月，模拟用时 ' + r.seconds.toFixed(2) +
      ' 秒。差值为调整 − 基准；比率之差以百分点（pp）表示。',
    changes: '改了什么（每个地区、每个政策时段）', key: '参数', where: '地区', from: '时段起',
    base: '基准', variant: '调整', unit: '单位', nothing: '无：调整 = 基准', every_region: '全部地区',
    metric: '指标', difference: '差值', interval: '95% 区间',
    headline: (y) => '关键指标，' + y + ' 年（* 区间不含 0）', every_metric: '全部指标',
    all_metrics: (y) => '全部指标，' + y + ' 年', levels: '水平', diff_title: '调整 − 基准及 95% 区间',
    costs: '成本（以基准为反事实）', year: '年份', extra: '新增支出（元）', kept: '免于贫困的户数',
    per_household: '每户成本（元）', note: '说明', save: '保存情景（YAML）',
    share: '分享链接（重现此对比）', not_a_key: ': 不是此情景表单中的参数',
    groups: { population: '人口', economy: '经济与收入', shocks: '风险冲击', transfers: '转移支付',
      lines: '贫困线与监测线', monitoring: '防返贫监测', assistance: '帮扶措施', enterprises: '企业',
      labour: '劳动力市场', funds: '资金' },
    m: { return_to_poverty_rate: '返贫率', new_poverty_rate: '致贫率', poverty_rate: '贫困发生率',
      at_risk_rate: '低于监测线人口比例', monitored_households: '监测户',
      income_per_capita_mean_lifted: '脱贫户人均纯收入（元）', funds_spent: '资金支出（元）' }
  },
  en: {
    subtitle: 'policy workbench', language: 'language',
    intro: 'A paired comparison on common random numbers: the scenario as written (base) against the same scenario with the levers you change (variant). Intervals are 95% over replications (Monte Carlo noise only).',
    scenario: 'Scenario', file: 'file', region: 'region', replications: 'replications', scale: 'scale',
    levers: 'Levers', filter: 'filter keys (e.g. monitoring)', run: 'Run compare', reset: 'Reset levers',
    runs: 'Runs', hint: 'Change a lever and run the compare.', all_regions: 'all regions', households: 'households',
    invalid: 'invalid', epochs: 'policy epoch(s)', seed: 'seed', changed: (n) => '(' + n + ' changed)',
    cancel: 'cancel', status: { queued: 'queued', running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' },
    result: 'Paired comparison', meta: (r) => r.replications + ' replications (paired, seed ' + r.seed + '), ' +
      r.households.toLocaleString('en') + ' households × ' + r.months + ' months, simulated in ' +
      r.seconds.toFixed(2) + ' s. Differences are variant − base; rate differences in pp.',
    changes: 'What changed (every region, every policy epoch)', key: 'key', where: 'regions', from: 'from',
    base: 'base', variant: 'variant', unit: 'unit', nothing: 'nothing: variant = base', every_region: 'all regions',
    metric: 'metric', difference: 'difference', interval: '95% interval',
    headline: (y) => 'Headline, ' + y + ' (* interval excludes 0)', every_metric: 'every metric',
    all_metrics: (y) => 'Every metric, ' + y, levels: 'levels', diff_title: 'variant − base with 95% interval',
    costs: 'Costs (variant against base as counterfactual)', year: 'year', extra: 'extra spending (yuan)',
    kept: 'households kept out of poverty', per_household: 'yuan per household', note: 'note',
    save: 'Save scenario (YAML)', share: 'share link (reproduces this compare)',
    not_a_key: ': not a key of this scenario\'s form',
    groups: { population: 'population', economy: 'economy and incomes', shocks: 'shocks',
      transfers: 'transfers', lines: 'poverty and monitoring lines', monitoring: 'monitoring',
      assistance: 'assistance', enterprises: 'enterprises', labour: 'labour market', funds: 'funds' },
    m: { return_to_poverty_rate: 'return-to-poverty rate', new_poverty_rate: 'new-poverty rate',
      poverty_rate: 'poverty rate', at_risk_rate: 'below the monitoring line',
      monitored_households: 'monitored households',
      income_per_capita_mean_lifted: 'income per capita, lifted households (yuan)',
      funds_spent: 'funds spent (yuan)' }
  }
};
const T = () => TEXT[state.lang];
// A metric's name in the current language, with its key (what the CSV files call it).
const metricName = (m) => (T().m[m] ? T().m[m] + ' (' + m + ')' : m);
function applyLanguage() {
  document.documentElement.lang = state.lang;
  $('lang').value = state.lang;
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = T()[e.dataset.i18n];
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = T()[e.dataset.i18nPlaceholder];
  for (const d of document.querySelectorAll('#levers details')) {
    d.querySelector('summary').textContent = groupName(d.dataset.group) + ' (' + d.querySelectorAll('.lever').length + ')';
  }
  const rows = new Map(state.rows.map((r) => [r.key, r]));
  for (const div of document.querySelectorAll('#levers .lever')) {
    const r = rows.get(div.dataset.key);
    if (r) div.querySelector('.doc').textContent = leverText(r);
  }
}
// A lever's description in the current language (the English text where there is no Chinese).
const leverText = (r) => (state.lang === 'zh' && r.text_zh ? r.text_zh : r.text);
const groupName = (g) => (state.lang === 'zh' && T().groups[g] ? T().groups[g] + ' ' + g : (T().groups[g] || g));
const $ = (id) => document.getElementById(id);
const errorsBox = $('errors');
const fail = (e) => { errorsBox.textContent += String(e && e.stack || e) + '\n'; };
window.addEventListener('error', (e) => fail(e.message));
window.addEventListener('unhandledrejection', (e) => fail(e.reason));

async function api(method, url, body) {
  const res = await fetch(url, { method, headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  return { status: res.status, json };
}

// CSV as povsim writes it (RFC 4180 quoting for fields with commas or quotes).
function parseCsv(text) {
  const rows = []; let row = []; let field = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const head = rows.shift() || [];
  return rows.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

const isRate = (m) => (state.metrics[m] || {}).unit === 'share';
function fmt(x, metric) {
  if (x === '' || x === 'NA' || x === undefined) return 'NA';
  const v = Number(x);
  if (isRate(metric)) return (100 * v).toFixed(2) + '%';
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(4);
}
function fmtDiff(x, metric) {
  if (x === '' || x === 'NA' || x === undefined) return 'NA';
  const v = Number(x);
  if (isRate(metric)) return (v >= 0 ? '+' : '') + (100 * v).toFixed(2) + ' pp';
  return (v >= 0 ? '+' : '') + (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(4));
}

function selected() { return state.scenarios.find((s) => s.file === $('scenario').value); }

function fillScenarios() {
  const sel = $('scenario');
  sel.innerHTML = '';
  for (const s of state.scenarios) {
    const o = document.createElement('option');
    o.value = s.file;
    o.textContent = s.problem ? s.file + ' (' + T().invalid + ')' : s.file + ' — ' + s.name;
    o.disabled = !!s.problem;
    sel.appendChild(o);
  }
}

function fillRegions(region) {
  const s = selected(); const sel = $('region');
  sel.innerHTML = '';
  const all = document.createElement('option');
  all.value = 'all'; all.textContent = T().all_regions;
  sel.appendChild(all);
  for (const r of s.regions) {
    const o = document.createElement('option');
    o.value = r.name; o.textContent = r.name + ' (' + r.households.toLocaleString('en') + ' ' + T().households + ')';
    sel.appendChild(o);
  }
  sel.value = region && [...sel.options].some((o) => o.value === region) ? region : 'all';
  $('replications').value = s.replications;
  $('scenario-description').textContent = s.description + ' · ' + s.start + ' .. ' + s.end +
    ' · ' + T().seed + ' ' + s.seed + ' · ' + s.epochs + ' ' + T().epochs;
}

async function loadSchema(overrides) {
  const s = selected();
  const { json } = await api('GET', '/api/schema?scenario=' + encodeURIComponent(s.file) +
    '&region=' + encodeURIComponent($('region').value));
  state.rows = json.rows || [];
  state.base = Object.fromEntries(state.rows.map((r) => [r.key, r.value]));
  const box = $('levers'); box.innerHTML = '';
  const groups = new Map();
  for (const r of state.rows) {
    const g = r.key.split('.')[0];
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(r);
  }
  for (const [g, rows] of groups) {
    const d = document.createElement('details');
    d.dataset.group = g;
    const sum = document.createElement('summary');
    sum.textContent = groupName(g) + ' (' + rows.length + ')';
    d.appendChild(sum);
    for (const r of rows) {
      const div = document.createElement('div');
      div.className = 'lever'; div.dataset.key = r.key;
      const label = document.createElement('label');
      const key = document.createElement('span'); key.className = 'key';
      key.textContent = r.key + (r.unit ? ' [' + r.unit + ']' : '') + (r.range ? ' ' + r.range : '');
      const doc = document.createElement('div'); doc.className = 'doc'; doc.textContent = leverText(r);
      const input = document.createElement('input');
      input.name = r.key; input.value = r.value; input.dataset.base = r.value;
      input.addEventListener('input', () => { markChanged(div, input); updateChanged(); });
      label.append(key, doc, input);
      const err = document.createElement('div'); err.className = 'field-error';
      err.dataset.errorFor = r.key;
      div.append(label, err);
      d.appendChild(div);
    }
    box.appendChild(d);
  }
  for (const [k, v] of Object.entries(overrides || {})) {
    const input = box.querySelector('input[name="' + CSS.escape(k) + '"]');
    if (input) { input.value = v; markChanged(input.closest('.lever'), input); }
    else showErrors([{ key: '', message: k + T().not_a_key }]);
  }
  updateChanged();
  applyFilter();
  box.dataset.generation = String(Number(box.dataset.generation || 0) + 1);
}

function markChanged(div, input) {
  div.classList.toggle('changed', input.value !== input.dataset.base);
  if (input.value !== input.dataset.base) div.closest('details').open = true;
}
function overrides() {
  const out = {};
  for (const input of $('levers').querySelectorAll('input')) {
    if (input.value !== input.dataset.base) out[input.name] = input.value;
  }
  return out;
}
function updateChanged() {
  const n = Object.keys(overrides()).length;
  $('changed-count').textContent = n ? T().changed(n) : '';
}
function applyFilter() {
  const q = $('filter').value.trim().toLowerCase();
  for (const div of $('levers').querySelectorAll('.lever')) {
    div.hidden = q !== '' && !div.textContent.toLowerCase().includes(q);
  }
  for (const d of $('levers').querySelectorAll('details')) {
    if (q !== '') d.open = [...d.querySelectorAll('.lever')].some((x) => !x.hidden);
  }
}

function request() {
  const body = { scenario: $('scenario').value, region: $('region').value, set: overrides() };
  const reps = Number($('replications').value);
  if ($('replications').value !== '' && reps !== selected().replications) body.replications = reps;
  const scale = Number($('scale').value);
  if ($('scale').value !== '' && scale !== 1) body.scale = scale;
  return body;
}

function shareUrl(body) {
  const p = new URLSearchParams();
  p.set('scenario', body.scenario); p.set('region', body.region);
  if (body.replications) p.set('replications', body.replications);
  if (body.scale) p.set('scale', body.scale);
  p.set('set', JSON.stringify(body.set));
  p.set('lang', state.lang);
  return location.origin + location.pathname + '#' + p.toString();
}

function clearErrors() {
  for (const e of document.querySelectorAll('.field-error')) e.textContent = '';
  for (const e of document.querySelectorAll('.lever.invalid')) e.classList.remove('invalid');
}
function showErrors(errors) {
  for (const e of errors) {
    let box = document.querySelector('.field-error[data-error-for="' + CSS.escape(e.key) + '"]');
    if (!box) box = document.querySelector('.field-error[data-error-for=""]');
    const lever = box.closest('.lever');
    if (lever) { lever.classList.add('invalid'); lever.closest('details').open = true; lever.hidden = false; }
    box.textContent += (box === document.querySelector('.field-error[data-error-for=""]') && e.key ?
      e.key + ': ' : '') + e.message + '\n';
  }
}

async function submit(ev) {
  if (ev) ev.preventDefault();
  clearErrors();
  const body = request();
  history.replaceState(null, '', shareUrl(body));
  const { status, json } = await api('POST', '/api/runs', body);
  if (status !== 202) { showErrors(json.errors || [{ key: '', message: 'HTTP ' + status }]); return; }
  state.current = { id: json.id, body };
  state.last = null;
  $('result').dataset.status = 'running';
  $('result').dataset.run = json.id;
  poll();
}

async function poll() {
  clearTimeout(state.polling);
  const { json } = await api('GET', '/api/runs');
  renderQueue(json.runs);
  const cur = state.current;
  if (!cur) return;
  const run = json.runs.find((r) => r.id === cur.id);
  if (run && run.status === 'done') {
    const full = await api('GET', '/api/runs/' + cur.id);
    await renderResult(full.json, cur.body);
    state.current = null;
  } else if (run && (run.status === 'failed' || run.status === 'cancelled')) {
    $('result').dataset.status = run.status;
    $('result').innerHTML = '<p class="field-error">run ' + run.id + ' ' + run.status +
      (run.error ? ': ' + run.error : '') + '</p>';
    state.current = null;
  }
  if (json.runs.some((r) => r.status === 'queued' || r.status === 'running') || state.current)
    state.polling = setTimeout(poll, 200);
}

// Entries are updated in place (not rebuilt on every poll), so a cancel button stays the same
// element while the planner clicks it.
function renderQueue(runs) {
  const q = $('queue');
  const shown = runs.slice(-8).reverse();
  for (const li of [...q.children]) if (!shown.some((r) => String(r.id) === li.dataset.run)) li.remove();
  shown.forEach((r, k) => {
    let li = q.querySelector('li[data-run="' + r.id + '"]');
    if (!li) {
      li = document.createElement('li');
      li.dataset.run = r.id;
      q.insertBefore(li, q.children[k] || null);
    }
    if (li.dataset.status !== r.status || li.dataset.lang !== state.lang) {
      li.dataset.status = r.status;
      li.dataset.lang = state.lang;
      li.textContent = '#' + r.id + ' ' + r.scenario + ' · ' + (r.region || 'all') + ' · ' +
        (T().status[r.status] || r.status) + ' ';
      if (r.status === 'queued' || r.status === 'running') {
        const p = document.createElement('progress'); p.max = 1;
        const pct = document.createElement('span'); pct.className = 'pct';
        const b = document.createElement('button'); b.type = 'button'; b.className = 'cancel';
        b.textContent = T().cancel;
        b.addEventListener('click', () => api('DELETE', '/api/runs/' + r.id).then(poll).catch(fail));
        li.append(p, ' ', pct, ' ', b);
      }
    }
    const p = li.querySelector('progress');
    if (p) { p.value = r.progress; li.querySelector('.pct').textContent = Math.round(100 * r.progress) + '%'; }
  });
}

const HEADLINE = ['return_to_poverty_rate', 'new_poverty_rate', 'poverty_rate', 'at_risk_rate',
  'monitored_households', 'income_per_capita_mean_lifted', 'funds_spent'];

async function renderResult(run, body) {
  state.last = { run, body };
  const L = T();
  const r = run.result;
  const regionRows = parseCsv(r.compare).filter((x) => x.region === r.region);
  const years = [...new Set(regionRows.map((x) => x.year))].sort();
  const last = years[years.length - 1];
  const el = $('result'); el.innerHTML = '';
  const h = document.createElement('h2');
  h.textContent = L.result + ' — ' + body.scenario + ' · ' + (r.region === 'all' ? L.all_regions : r.region);
  const meta = document.createElement('p'); meta.className = 'note';
  meta.textContent = L.meta(r);
  el.append(h, meta);

  // What changed: every key, in every region and policy epoch where it differs.
  const ch = document.createElement('table'); ch.id = 'changes';
  ch.innerHTML = '<caption>' + L.changes + '</caption><tr><th>' + L.key + '</th><th>' + L.where +
    '</th><th>' + L.from + '</th><th>' + L.base + '</th><th>' + L.variant + '</th><th>' + L.unit + '</th></tr>';
  for (const c of r.changes) {
    const tr = document.createElement('tr'); tr.dataset.key = c.key; tr.dataset.from = c.from;
    const where = c.regions === 'all' ? L.every_region : c.regions.join(', ');
    for (const v of [c.key, where, c.from, c.base, c.variant, c.unit]) { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); }
    ch.appendChild(tr);
  }
  if (!r.changes.length) {
    const tr = document.createElement('tr'); const td = document.createElement('td');
    td.colSpan = 6; td.textContent = L.nothing; tr.appendChild(td); ch.appendChild(tr);
  }
  el.appendChild(ch);

  // Headline table for the last year, every metric behind a details.
  const table = (metrics, id, caption) => {
    const t = document.createElement('table'); t.id = id;
    t.innerHTML = '<caption>' + caption + '</caption><tr><th>' + L.metric + '</th><th>' + L.base +
      '</th><th>' + L.variant + '</th><th>' + L.difference + '</th><th>' + L.interval + '</th></tr>';
    for (const m of metrics) {
      const x = regionRows.find((y) => y.metric === m && y.year === last);
      if (!x) continue;
      const tr = document.createElement('tr'); tr.dataset.metric = m;
      const lo = Number(x.diff_low), hi = Number(x.diff_high);
      const cells = [metricName(m), fmt(x.mean_a, m), fmt(x.mean_b, m), fmtDiff(x.diff_mean, m),
        '[' + fmtDiff(x.diff_low, m) + ', ' + fmtDiff(x.diff_high, m) + ']' + (lo > 0 || hi < 0 ? ' *' : '')];
      cells.forEach((v, k) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      t.appendChild(tr);
    }
    return t;
  };
  el.appendChild(table(HEADLINE, 'headline', L.headline(last)));

  // Charts: levels of base and variant by year, and the difference with its interval.
  const pick = document.createElement('select'); pick.id = 'metric';
  for (const m of [...new Set(regionRows.map((x) => x.metric))]) {
    const o = document.createElement('option'); o.value = m; o.textContent = metricName(m); pick.appendChild(o);
  }
  pick.value = 'return_to_poverty_rate';
  const lab = document.createElement('label'); lab.append(L.metric + ' ', pick);
  const levels = document.createElement('div'); levels.className = 'chart'; levels.id = 'chart-levels';
  const diff = document.createElement('div'); diff.className = 'chart'; diff.id = 'chart-diff';
  el.append(lab, levels, diff);
  const draw = async () => {
    const m = pick.value; const k = isRate(m) ? 100 : 1; const unit = isRate(m) ? '%' : (state.metrics[m] || {}).unit || '';
    const data = regionRows.filter((x) => x.metric === m);
    const lv = [];
    for (const x of data) {
      lv.push({ year: x.year, scenario: L.base, value: k * Number(x.mean_a) });
      lv.push({ year: x.year, scenario: L.variant, value: k * Number(x.mean_b) });
    }
    const dv = data.map((x) => ({ year: x.year, diff: k * Number(x.diff_mean), low: k * Number(x.diff_low), high: k * Number(x.diff_high) }));
    const dunit = isRate(m) ? 'pp' : unit;
    await vegaEmbed(levels, { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 'container', height: 180,
      title: metricName(m) + ' — ' + L.levels + ' (' + unit + ')', data: { values: lv },
      mark: { type: 'line', point: true }, encoding: { x: { field: 'year', type: 'ordinal', title: L.year },
        y: { field: 'value', type: 'quantitative', title: unit, scale: { zero: false } }, color: { field: 'scenario', type: 'nominal', title: L.scenario } } },
      { mode: 'vega-lite', actions: false, renderer: 'svg' });
    await vegaEmbed(diff, { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 'container', height: 160,
      title: metricName(m) + ' — ' + L.diff_title + ' (' + dunit + ')', data: { values: dv },
      layer: [{ mark: { type: 'area', opacity: 0.25 }, encoding: { x: { field: 'year', type: 'ordinal', title: L.year }, y: { field: 'low', type: 'quantitative', title: dunit }, y2: { field: 'high' } } },
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'year', type: 'ordinal', title: L.year }, y: { field: 'diff', type: 'quantitative' } } },
        { mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { datum: 0 } } }] },
      { mode: 'vega-lite', actions: false, renderer: 'svg' });
  };
  pick.addEventListener('change', () => draw().catch(fail));
  await draw();

  // Costs.
  const cost = parseCsv(r.cost).filter((x) => x.region === r.region);
  const ct = document.createElement('table'); ct.id = 'costs';
  ct.innerHTML = '<caption>' + L.costs + '</caption><tr><th>' + L.year + '</th><th>' + L.extra +
    '</th><th>' + L.kept + '</th><th>' + L.per_household + '</th><th>' + L.note + '</th></tr>';
  for (const x of cost) {
    const tr = document.createElement('tr');
    for (const v of [x.year, fmtDiff(x.spending_diff, ''), x.kept_out_of_poverty === 'NA' ? 'NA' : Number(x.kept_out_of_poverty).toFixed(1), x.cost_per_household === 'NA' ? 'NA' : Math.round(Number(x.cost_per_household)).toLocaleString('en'), x.note]) {
      const td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
    }
    ct.appendChild(tr);
  }
  el.appendChild(ct);

  const all = document.createElement('details');
  const sm = document.createElement('summary'); sm.textContent = L.all_metrics(last); all.appendChild(sm);
  all.appendChild(table([...new Set(regionRows.map((x) => x.metric))], 'all-metrics', L.every_metric));
  el.appendChild(all);

  // Save and share.
  const save = document.createElement('a'); save.id = 'save-yaml';
  save.href = '/api/runs/' + run.id + '/scenario.yaml'; save.download = 'serve-' + run.id + '.yaml';
  save.textContent = L.save;
  const share = document.createElement('input'); share.id = 'share-url'; share.readOnly = true;
  share.value = shareUrl(body) + '&run=1';
  const sl = document.createElement('label'); sl.append(L.share, share);
  el.append(save, sl);
  el.dataset.status = 'done';
  el.dataset.msSinceOpen = String(Math.round(performance.now() - opened));
}

// Switching relabels the form and redraws the shown result in place (no new run); the address
// and the share link carry the language.
async function setLanguage(lang) {
  state.lang = TEXT[lang] ? lang : 'zh';
  applyLanguage();
  applyFilter();  // the descriptions it searches have changed language
  const scenario = $('scenario').value; const region = $('region').value;
  fillScenarios(); $('scenario').value = scenario;
  const reps = $('replications').value;
  fillRegions(region); $('replications').value = reps;
  updateChanged();
  if (state.last) {
    await renderResult(state.last.run, state.last.body);
    history.replaceState(null, '', shareUrl(state.last.body));
  } else {
    history.replaceState(null, '', shareUrl(request()));
  }
  const { json } = await api('GET', '/api/runs');
  renderQueue(json.runs);
}

async function start() {
  const [sc, mt] = await Promise.all([api('GET', '/api/scenarios'), api('GET', '/api/metrics')]);
  state.scenarios = sc.json.scenarios;
  state.metrics = Object.fromEntries(mt.json.metrics.map((m) => [m.name, m]));
  const hash = new URLSearchParams(location.hash.slice(1));
  if (TEXT[hash.get('lang')]) state.lang = hash.get('lang');
  applyLanguage();
  fillScenarios();
  let set = {};
  if (hash.get('scenario') && state.scenarios.some((s) => s.file === hash.get('scenario'))) $('scenario').value = hash.get('scenario');
  else if (state.scenarios.some((s) => s.file === 'baseline.yaml')) $('scenario').value = 'baseline.yaml';
  try { set = JSON.parse(hash.get('set') || '{}'); } catch (e) { showErrors([{ key: '', message: 'share link: set is not JSON' }]); }
  fillRegions(hash.get('region'));
  if (hash.get('replications')) $('replications').value = hash.get('replications');
  if (hash.get('scale')) $('scale').value = hash.get('scale');
  await loadSchema(set);
  $('scenario').addEventListener('change', () => { fillRegions(); loadSchema({}).catch(fail); });
  $('region').addEventListener('change', () => loadSchema(overrides()).catch(fail));
  $('filter').addEventListener('input', applyFilter);
  $('form').addEventListener('submit', (e) => submit(e).catch(fail));
  $('reset').addEventListener('click', () => loadSchema({}).catch(fail));
  $('lang').addEventListener('change', () => setLanguage($('lang').value).catch(fail));
  document.body.dataset.status = 'ready';
  poll().catch(fail);
  if (hash.get('run') === '1') await submit();
}
start().catch(fail);
