// Front-end of povsim serve: a form generated from /api/schema, runs queued through /api/runs,
// the paired comparison drawn with the Vega-Lite build the report embeds. The page records its
// state in the DOM for the browser test: body[data-status], #result[data-status], and any error
// in #errors.
'use strict';
const opened = performance.now();
const state = { scenarios: [], metrics: {}, rows: [], base: {}, polling: null, current: null };
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
    o.textContent = s.problem ? s.file + ' (invalid)' : s.file + ' — ' + s.name;
    o.disabled = !!s.problem;
    sel.appendChild(o);
  }
}

function fillRegions(region) {
  const s = selected(); const sel = $('region');
  sel.innerHTML = '';
  const all = document.createElement('option');
  all.value = 'all'; all.textContent = '全部 all regions';
  sel.appendChild(all);
  for (const r of s.regions) {
    const o = document.createElement('option');
    o.value = r.name; o.textContent = r.name + ' (' + r.households.toLocaleString('en') + ' households)';
    sel.appendChild(o);
  }
  sel.value = region && [...sel.options].some((o) => o.value === region) ? region : 'all';
  $('replications').value = s.replications;
  $('scenario-description').textContent = s.description + ' · ' + s.start + ' .. ' + s.end +
    ' · seed ' + s.seed + ' · ' + s.epochs + ' policy epoch(s)';
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
    sum.textContent = g + ' (' + rows.length + ')';
    d.appendChild(sum);
    for (const r of rows) {
      const div = document.createElement('div');
      div.className = 'lever'; div.dataset.key = r.key;
      const label = document.createElement('label');
      const key = document.createElement('span'); key.className = 'key';
      key.textContent = r.key + (r.unit ? ' [' + r.unit + ']' : '') + (r.range ? ' ' + r.range : '');
      const doc = document.createElement('div'); doc.className = 'doc'; doc.textContent = r.text;
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
    else showErrors([{ key: '', message: k + ': not a key of this scenario\'s form' }]);
  }
  updateChanged();
  applyFilter();
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
  $('changed-count').textContent = n ? '(' + n + ' changed 已修改)' : '';
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
    if (li.dataset.status !== r.status) {
      li.dataset.status = r.status;
      li.textContent = '#' + r.id + ' ' + r.scenario + ' · ' + (r.region || 'all') + ' · ' + r.status + ' ';
      if (r.status === 'queued' || r.status === 'running') {
        const p = document.createElement('progress'); p.max = 1;
        const pct = document.createElement('span'); pct.className = 'pct';
        const b = document.createElement('button'); b.type = 'button'; b.className = 'cancel';
        b.textContent = '取消 cancel';
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
  const r = run.result;
  const regionRows = parseCsv(r.compare).filter((x) => x.region === r.region);
  const years = [...new Set(regionRows.map((x) => x.year))].sort();
  const last = years[years.length - 1];
  const el = $('result'); el.innerHTML = '';
  const h = document.createElement('h2');
  h.textContent = '对比结果 Paired comparison — ' + body.scenario + ' · ' + r.region;
  const meta = document.createElement('p'); meta.className = 'note';
  meta.textContent = r.replications + ' replications (paired, seed ' + r.seed + '), ' +
    r.households.toLocaleString('en') + ' households × ' + r.months + ' months, simulated in ' +
    r.seconds.toFixed(2) + ' s. Differences are variant − base; rate differences in pp.';
  el.append(h, meta);

  // What changed.
  const ch = document.createElement('table'); ch.id = 'changes';
  ch.innerHTML = '<caption>改了什么 What changed</caption><tr><th>key</th><th>base</th><th>variant</th><th>unit</th></tr>';
  for (const c of r.changes) {
    const tr = document.createElement('tr');
    for (const v of [c.key, c.base, c.variant, c.unit]) { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); }
    ch.appendChild(tr);
  }
  if (!r.changes.length) ch.insertAdjacentHTML('beforeend', '<tr><td colspan="4">nothing: variant = base</td></tr>');
  el.appendChild(ch);

  // Headline table for the last year, every metric behind a details.
  const table = (metrics, id, caption) => {
    const t = document.createElement('table'); t.id = id;
    t.innerHTML = '<caption>' + caption + '</caption><tr><th>metric</th><th>base</th><th>variant</th><th>difference</th><th>95% interval</th></tr>';
    for (const m of metrics) {
      const x = regionRows.find((y) => y.metric === m && y.year === last);
      if (!x) continue;
      const tr = document.createElement('tr'); tr.dataset.metric = m;
      const lo = Number(x.diff_low), hi = Number(x.diff_high);
      const cells = [m, fmt(x.mean_a, m), fmt(x.mean_b, m), fmtDiff(x.diff_mean, m),
        '[' + fmtDiff(x.diff_low, m) + ', ' + fmtDiff(x.diff_high, m) + ']' + (lo > 0 || hi < 0 ? ' *' : '')];
      cells.forEach((v, k) => { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); });
      t.appendChild(tr);
    }
    return t;
  };
  el.appendChild(table(HEADLINE, 'headline', '关键指标 Headline, ' + last + ' (* interval excludes 0)'));

  // Charts: levels of base and variant by year, and the difference with its interval.
  const pick = document.createElement('select'); pick.id = 'metric';
  for (const m of [...new Set(regionRows.map((x) => x.metric))]) {
    const o = document.createElement('option'); o.value = m; o.textContent = m; pick.appendChild(o);
  }
  pick.value = 'return_to_poverty_rate';
  const lab = document.createElement('label'); lab.append('指标 metric ', pick);
  const levels = document.createElement('div'); levels.className = 'chart'; levels.id = 'chart-levels';
  const diff = document.createElement('div'); diff.className = 'chart'; diff.id = 'chart-diff';
  el.append(lab, levels, diff);
  const draw = async () => {
    const m = pick.value; const k = isRate(m) ? 100 : 1; const unit = isRate(m) ? '%' : (state.metrics[m] || {}).unit || '';
    const data = regionRows.filter((x) => x.metric === m);
    const lv = [];
    for (const x of data) {
      lv.push({ year: x.year, scenario: 'base 基准', value: k * Number(x.mean_a) });
      lv.push({ year: x.year, scenario: 'variant 调整', value: k * Number(x.mean_b) });
    }
    const dv = data.map((x) => ({ year: x.year, diff: k * Number(x.diff_mean), low: k * Number(x.diff_low), high: k * Number(x.diff_high) }));
    const dunit = isRate(m) ? 'pp' : unit;
    await vegaEmbed(levels, { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 'container', height: 180,
      title: m + ' — levels 水平 (' + unit + ')', data: { values: lv },
      mark: { type: 'line', point: true }, encoding: { x: { field: 'year', type: 'ordinal' },
        y: { field: 'value', type: 'quantitative', title: unit, scale: { zero: false } }, color: { field: 'scenario', type: 'nominal' } } },
      { mode: 'vega-lite', actions: false, renderer: 'svg' });
    await vegaEmbed(diff, { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', width: 'container', height: 160,
      title: m + ' — variant − base with 95% interval (' + dunit + ')', data: { values: dv },
      layer: [{ mark: { type: 'area', opacity: 0.25 }, encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'low', type: 'quantitative', title: dunit }, y2: { field: 'high' } } },
        { mark: { type: 'line', point: true }, encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'diff', type: 'quantitative' } } },
        { mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { y: { datum: 0 } } }] },
      { mode: 'vega-lite', actions: false, renderer: 'svg' });
  };
  pick.addEventListener('change', () => draw().catch(fail));
  await draw();

  // Costs.
  const cost = parseCsv(r.cost).filter((x) => x.region === r.region);
  const ct = document.createElement('table'); ct.id = 'costs';
  ct.innerHTML = '<caption>成本 Costs (variant against base as counterfactual)</caption><tr><th>year</th><th>extra spending (yuan)</th><th>households kept out of poverty</th><th>yuan per household</th><th>note</th></tr>';
  for (const x of cost) {
    const tr = document.createElement('tr');
    for (const v of [x.year, fmtDiff(x.spending_diff, ''), x.kept_out_of_poverty === 'NA' ? 'NA' : Number(x.kept_out_of_poverty).toFixed(1), x.cost_per_household === 'NA' ? 'NA' : Math.round(Number(x.cost_per_household)).toLocaleString('en'), x.note]) {
      const td = document.createElement('td'); td.textContent = v; tr.appendChild(td);
    }
    ct.appendChild(tr);
  }
  el.appendChild(ct);

  const all = document.createElement('details');
  all.innerHTML = '<summary>全部指标 Every metric, ' + last + '</summary>';
  all.appendChild(table([...new Set(regionRows.map((x) => x.metric))], 'all-metrics', 'every metric'));
  el.appendChild(all);

  // Save and share.
  const save = document.createElement('a'); save.id = 'save-yaml';
  save.href = '/api/runs/' + run.id + '/scenario.yaml'; save.download = 'serve-' + run.id + '.yaml';
  save.textContent = '保存情景 Save scenario (YAML)';
  const share = document.createElement('input'); share.id = 'share-url'; share.readOnly = true;
  share.value = shareUrl(body) + '&run=1';
  const sl = document.createElement('label'); sl.append('分享链接 share link (reproduces this compare)', share);
  el.append(save, sl);
  el.dataset.status = 'done';
  el.dataset.msSinceOpen = String(Math.round(performance.now() - opened));
}

async function start() {
  const [sc, mt] = await Promise.all([api('GET', '/api/scenarios'), api('GET', '/api/metrics')]);
  state.scenarios = sc.json.scenarios;
  state.metrics = Object.fromEntries(mt.json.metrics.map((m) => [m.name, m]));
  fillScenarios();
  const hash = new URLSearchParams(location.hash.slice(1));
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
  document.body.dataset.status = 'ready';
  poll().catch(fail);
  if (hash.get('run') === '1') await submit();
}
start().catch(fail);
