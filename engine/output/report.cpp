#include "output/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/diagnostics.hpp"
#include "core/input_file.hpp"
#include "output/file_names.hpp"
#include "output/output_dir.hpp"
#include "output/report_assets.hpp"
#include "output/tables.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read_file(const fs::path& path) { return read_input_file(path, "output file"); }

/// A CSV file's records (RFC 4180, core/csv.hpp) with the text csv_field wrote in each cell.
struct CsvRows {
  std::string path;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // of each row, for messages

  std::size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  const std::vector<std::string>& operator[](std::size_t r) const { return rows[r]; }
  /// Cell `c` of row `r` as a number; bad input names the file, line and column otherwise.
  double number(std::size_t r, std::size_t c, const std::string& column) const {
    const std::string& s = rows[r][c];
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0')
      throw InputError(path + ":" + std::to_string(lines[r]) + ": error: column " + column +
                       ": expected a number, found \"" + s +
                       "\" (was the file edited? write it again with povsim)\n");
    return v;
  }
  int integer(std::size_t r, std::size_t c, const std::string& column) const {
    const double v = number(r, c, column);
    if (v != std::floor(v) || v < -2e9 || v > 2e9)
      throw InputError(path + ":" + std::to_string(lines[r]) + ": error: column " + column +
                       ": expected a whole number, found \"" + rows[r][c] + "\"\n");
    return static_cast<int>(v);
  }
};

CsvRows parse_csv(const fs::path& file) {
  CsvRows out;
  out.path = file.string();
  for (auto& rec : parse_csv_records(read_file(file), out.path)) {
    for (auto& cell : rec.cells) cell = csv_text(cell);
    out.rows.push_back(std::move(rec.cells));
    out.lines.push_back(rec.line);
  }
  return out;
}

/// A CSV file as rows addressed by column name.
struct Table {
  std::map<std::string, std::size_t> column;
  std::vector<std::vector<std::string>> rows;
  std::string path;

  const std::string& at(const std::vector<std::string>& row, const std::string& name) const {
    return row.at(column.at(name));
  }
  double number(const std::vector<std::string>& row, const std::string& name) const {
    const std::string& s = at(row, name);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0') {
      const auto r = static_cast<std::size_t>(&row - rows.data());
      throw InputError(path + ":" + std::to_string(r < lines.size() ? lines[r] : 0) +
                       ": error: column " + name + ": expected a number, found \"" + s + "\"\n");
    }
    return v;
  }
  std::vector<int> lines;  // of each row
};

Table read_table(const fs::path& path, const std::vector<std::string>& required) {
  Table t;
  t.path = path.string();
  CsvRows csv = parse_csv(path);
  auto& rows = csv.rows;
  if (rows.empty()) throw InputError(t.path + ": error: expected a header line, found nothing\n");
  for (std::size_t i = 0; i < rows[0].size(); ++i) t.column[rows[0][i]] = i;
  for (const auto& name : required)
    if (!t.column.count(name))
      throw InputError(t.path + ": error: expected a column \"" + name + "\"\n");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != rows[0].size())
      throw InputError(t.path + ":" + std::to_string(csv.lines[r]) + ": error: expected " +
                       std::to_string(rows[0].size()) + " fields, found " +
                       std::to_string(rows[r].size()) + "\n");
    t.rows.push_back(std::move(rows[r]));
    t.lines.push_back(csv.lines[r]);
  }
  return t;
}

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

/// Metrics the run charts use; by region only the two headline rates.
bool wanted(const std::string& metric, const std::string& region) {
  if (metric == "return_to_poverty_rate" || metric == "new_poverty_rate") return true;
  if (region != "all") return false;
  return metric == "at_risk_rate" || metric == "at_risk_households" ||
         metric == "newly_identified" || metric == "risk_eliminated" ||
         starts_with(metric, "assisted_") || starts_with(metric, "assistance_yuan_") ||
         (starts_with(metric, "income_") && metric.ends_with("_per_capita"));
}

/// The fund ledger of region `all` (funds.csv, when the run has one): inflow, outflow and closing
/// balance per year and account, in yuan, averaged over replications.
json ledger_rows(const fs::path& path) {
  json out = json::array();
  if (!fs::exists(path)) return out;
  const Table t = read_table(
      path, {"replication", "year", "region", "account", "inflow", "outflow", "closing"});
  struct Sums {
    double inflow = 0, outflow = 0, closing = 0;
    std::set<std::string> replications;
  };
  std::map<std::pair<int, std::string>, Sums> by;
  for (const auto& row : t.rows) {
    if (t.at(row, "region") != "all") continue;
    Sums& s = by[{static_cast<int>(t.number(row, "year")), t.at(row, "account")}];
    s.inflow += t.number(row, "inflow");
    s.outflow += t.number(row, "outflow");
    s.closing += t.number(row, "closing");
    s.replications.insert(t.at(row, "replication"));
  }
  for (const auto& [key, s] : by) {
    const double n = static_cast<double>(std::max<std::size_t>(1, s.replications.size()));
    out.push_back({{"year", key.first},
                   {"account", key.second},
                   {"inflow", s.inflow / n},
                   {"outflow", s.outflow / n},
                   {"closing", s.closing / n}});
  }
  return out;
}

/// One run's section: manifest fields for the header, the summary rows the charts need.
json run_section(const fs::path& dir, const std::string& name) {
  json section;
  section["name"] = name;
  const fs::path manifest_path = dir / "manifest.json";
  json manifest;
  try {
    manifest = json::parse(read_file(manifest_path));
  } catch (const json::exception& e) {
    throw InputError(manifest_path.string() + ": error: expected JSON, " + e.what() + "\n");
  }
  json meta = json::object();
  for (const char* key : {"scenario", "scenario_file", "seed", "replications", "households",
                          "months", "period", "engine_version", "git_commit", "scale"})
    if (manifest.contains(key)) meta[key] = manifest[key];
  section["meta"] = meta;

  const Table t =
      read_table(dir / "summary.csv", {"year", "region", "metric", "mean", "p05", "p95"});
  json rows = json::array();
  json regions = json::array();
  std::set<std::string> seen;
  for (const auto& row : t.rows) {
    const std::string& region = t.at(row, "region");
    const std::string& metric = t.at(row, "metric");
    if (region != "all" && seen.insert(region).second) regions.push_back(region);
    if (!wanted(metric, region)) continue;
    rows.push_back({{"year", static_cast<int>(t.number(row, "year"))},
                    {"region", region},
                    {"metric", metric},
                    {"mean", t.number(row, "mean")},
                    {"p05", t.number(row, "p05")},
                    {"p95", t.number(row, "p95")}});
  }
  section["regions"] = regions;
  section["summary"] = rows;
  section["ledger"] = ledger_rows(dir / "funds.csv");
  return section;
}

constexpr std::string_view kHeadline[] = {"return_to_poverty_rate", "new_poverty_rate",
                                          "poverty_rate", "at_risk_rate",
                                          "income_per_capita_mean_lifted"};

json compare_data(const fs::path& dir) {
  const Table t =
      read_table(dir / "compare.csv", {"scenario", "baseline", "year", "region", "metric", "mean_a",
                                       "mean_b", "diff_mean", "diff_low", "diff_high", "n"});
  json rows = json::array();
  std::vector<std::string> order;
  auto note = [&](const std::string& name) {
    if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
  };
  for (const auto& row : t.rows) {
    note(t.at(row, "baseline"));
    note(t.at(row, "scenario"));
    const std::string& metric = t.at(row, "metric");
    if (t.at(row, "region") != "all") continue;
    if (std::find(std::begin(kHeadline), std::end(kHeadline), metric) == std::end(kHeadline))
      continue;
    rows.push_back({{"scenario", t.at(row, "scenario")},
                    {"baseline", t.at(row, "baseline")},
                    {"year", static_cast<int>(t.number(row, "year"))},
                    {"metric", metric},
                    {"mean_a", t.number(row, "mean_a")},
                    {"mean_b", t.number(row, "mean_b")},
                    {"diff", t.number(row, "diff_mean")},
                    {"low", t.number(row, "diff_low")},
                    {"high", t.number(row, "diff_high")},
                    {"n", static_cast<int>(t.number(row, "n"))}});
  }
  json data;
  data["kind"] = "compare";
  data["compare"] = rows;
  data["sections"] = json::array();
  for (const auto& name : order) {
    const fs::path sub = dir / safe_file_name(name);
    if (!fs::is_regular_file(sub / "summary.csv") || !fs::is_regular_file(sub / "manifest.json"))
      throw InputError((sub / "summary.csv").string() + ": error: compare.csv names scenario \"" +
                       name + "\", expected its summary.csv and manifest.json in " + sub.string() +
                       "\n");
    data["sections"].push_back(run_section(sub, name));
  }
  return data;
}

/// JSON safe inside <script>: "<" only occurs in strings, where \u003c means the same.
/// A sweep directory: each point's axis values, the headline metrics per point (region all,
/// last year) and, for Sobol designs, the indices.
json sweep_data(const fs::path& dir) {
  const CsvRows points = parse_csv(dir / "points.csv");
  if (points.empty() || points[0].size() < 4 || points[0][0] != "point")
    throw InputError((dir / "points.csv").string() +
                     ": error: expected the points.csv of povsim sweep\n");
  const std::vector<std::string> axes(points[0].begin() + 3, points[0].end());
  json data;
  data["kind"] = "sweep";
  data["axes"] = axes;
  json rows = json::array();
  for (std::size_t r = 1; r < points.size(); ++r) {
    if (points[r].size() != points[0].size()) continue;
    json row;
    row["point"] = points.integer(r, 0, "point");
    for (std::size_t a = 0; a < axes.size(); ++a)
      row["x" + std::to_string(a)] = points.number(r, 3 + a, axes[a]);
    rows.push_back(row);
  }
  data["points"] = rows;
  // Headline metrics at the last year, region all.
  const CsvRows results = parse_csv(dir / "results.csv");
  int last_year = 0;
  for (std::size_t r = 1; r < results.size(); ++r)
    if (results[r].size() >= 5) last_year = std::max(last_year, results.integer(r, 1, "year"));
  json values = json::array();
  for (std::size_t r = 1; r < results.size(); ++r) {
    const auto& f = results[r];
    if (f.size() < 5 || f[2] != "all" || results.integer(r, 1, "year") != last_year) continue;
    if (f[3] != "return_to_poverty_rate" && f[3] != "new_poverty_rate" &&
        f[3] != "income_per_capita_mean_lifted" && f[3] != "detection_lag_mean")
      continue;
    values.push_back({{"point", results.integer(r, 0, "point")},
                      {"metric", f[3]},
                      {"mean", results.number(r, 4, "mean")}});
  }
  data["results"] = values;
  data["year"] = last_year;
  json sobol = json::array();
  if (fs::is_regular_file(dir / "sobol.csv")) {
    const CsvRows rows_s = parse_csv(dir / "sobol.csv");
    // Columns by name: sobol.csv gained interval columns (first_lo, …) after first_order.
    auto column = [&](const char* name) -> std::size_t {
      if (rows_s.empty()) return 0;
      const auto& h = rows_s[0];
      const auto it = std::find(h.begin(), h.end(), name);
      return it == h.end() ? 0 : static_cast<std::size_t>(it - h.begin());
    };
    const std::size_t c_first = column("first_order"), c_total = column("total");
    const std::size_t c_first_lo = column("first_lo"), c_first_hi = column("first_hi");
    const std::size_t c_total_lo = column("total_lo"), c_total_hi = column("total_hi");
    auto value = [&](std::size_t r, std::size_t c, const char* name) {
      return c > 0 && c < rows_s[r].size() ? json(rows_s.number(r, c, name)) : json(nullptr);
    };
    for (std::size_t r = 1; r < rows_s.size(); ++r) {
      const auto& f = rows_s[r];
      if (f.size() < 6 || c_first == 0 || c_total == 0) continue;
      sobol.push_back({{"metric", f[0]},
                       {"year", f[1]},
                       {"axis", f[3]},
                       {"index", "first"},
                       {"value", value(r, c_first, "first_order")},
                       {"lo", value(r, c_first_lo, "first_lo")},
                       {"hi", value(r, c_first_hi, "first_hi")}});
      sobol.push_back({{"metric", f[0]},
                       {"year", f[1]},
                       {"axis", f[3]},
                       {"index", "total"},
                       {"value", value(r, c_total, "total")},
                       {"lo", value(r, c_total_lo, "total_lo")},
                       {"hi", value(r, c_total_hi, "total_hi")}});
    }
  }
  data["sobol"] = sobol;
  json meta;
  if (fs::is_regular_file(dir / "manifest.json")) {
    try {
      const json m = json::parse(read_file(dir / "manifest.json"));
      for (const char* k :
           {"sweep", "method", "points", "replications", "engine_version", "git_commit"})
        if (m.contains(k)) meta[k] = m[k];
    } catch (const json::exception&) {
    }
  }
  data["meta"] = meta;
  return data;
}

std::string script_json(const json& j) {
  const std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

/// A minified library without its trailing source-map comment (the map is not shipped).
std::string_view library_text(std::string_view text) {
  const auto at = text.rfind("//# sourceMappingURL=");
  if (at != std::string_view::npos) text = text.substr(0, at);
  return text;
}

constexpr std::string_view kStyle = R"CSS(
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 24px; color: #222; max-width: 1360px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 20px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
table.meta { border-collapse: collapse; font-size: 13px; }
table.meta td { padding: 2px 12px 2px 0; }
table.meta td:first-child { color: #666; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 32px; }
figure { margin: 0; }
figcaption { font-size: 12px; color: #666; max-width: 560px; }
#errors { color: #b00; white-space: pre-wrap; font-family: monospace; }
p.note { font-size: 13px; color: #555; max-width: 1100px; }
)CSS";

// The page's own script: builds Vega-Lite specs from the inlined data and records, in the DOM,
// that each chart rendered (data-rendered="true") and any error (#errors), for the browser test.
constexpr std::string_view kScript1 = R"JS(
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
      title_run: '返贫风险预测报告', title_compare: '政策情景比较报告',
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
      funnel: '防返贫动态监测：风险户 → 新识别 → 帮扶 → 风险消除',
      funnel_note: '风险户为 12 月时点数；新识别、帮扶（户次，一户可享受多项措施）和风险消除为全年累计。',
      income: '人均纯收入构成（全部地区，均值）', ledger_out: '资金支出（按账户，全部地区，均值）', ledger_closing: '年末余额（按账户，全部地区，均值）',
      ledger_note: '来自 funds.csv：账本以分为单位记账，此处为各次重复的均值。', account: '账户',
      funds: '帮扶资金（按措施，全部地区，均值）',
      at_risk: '低于监测线人口比例（全部地区）',
      diffs: '配对差值（B − A，95% 区间，全部地区）',
      diffs_note: '各情景使用相同的随机数（共同随机数），差值为逐次模拟配对后的均值与 95% t 区间；区间不含 0 即差异显著。',
      diff: '差值 B − A', low: '下限', high: '上限', mean_a: 'A 均值', mean_b: 'B 均值',
      versus: '对比', section: '情景结果', colon: '：',
      metric: {
        return_to_poverty_rate: '返贫率', new_poverty_rate: '致贫率', poverty_rate: '贫困发生率',
        at_risk_rate: '低于监测线人口比例', income_per_capita_mean_lifted: '脱贫户人均纯收入（元）',
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
)JS";

constexpr std::string_view kScript2 = R"JS(
    en: {
      title_run: 'Return-to-poverty projection', title_compare: 'Policy scenario comparison',
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
      funnel: 'Monitoring (防返贫动态监测): at risk → newly identified → assisted → risk eliminated',
      funnel_note: 'At risk is a December count; identified, assisted (household-programmes: a household may get several) and risk eliminated (风险消除) are summed over the year.',
      income: 'Per-capita net income by source, all regions (mean)',
      ledger_out: 'Fund outflows by account, all regions (mean)',
      ledger_closing: 'Year-end balances by account, all regions (mean)',
      ledger_note: 'From funds.csv: the ledger keeps integer fen; means over replications.',
      account: 'account',
      funds: 'Assistance funds by programme, all regions (mean)',
      at_risk: 'Share of persons below the monitoring line, all regions',
      diffs: 'Paired differences B − A with 95% intervals, all regions',
      diffs_note: 'All scenarios run on common random numbers; each difference is the mean over replications of the paired differences, with a 95% t-interval. An interval that excludes 0 is a significant difference.',
      diff: 'difference B − A', low: 'low', high: 'high', mean_a: 'mean A', mean_b: 'mean B',
      versus: 'vs', section: 'Scenario results', colon: ': ',
      metric: {
        return_to_poverty_rate: 'return-to-poverty rate (返贫率)',
        new_poverty_rate: 'new-poverty rate (致贫率)', poverty_rate: 'poverty rate',
        at_risk_rate: 'below monitoring line', income_per_capita_mean_lifted: 'income per capita, lifted households (yuan)',
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
)JS";

constexpr std::string_view kScript3 = R"JS(
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
  function metaTable(parent, meta) {
    var t = el('table', parent, null, 'meta');
    function row(label, value) {
      if (value === undefined || value === null) return;
      var tr = el('tr', t); el('td', tr, label); el('td', tr, String(value));
    }
    row(L.scenario, meta.scenario);
    row(L.seed, meta.seed);
    row(L.replications, meta.replications);
    row(L.households, meta.households !== undefined ? Number(meta.households).toLocaleString() : undefined);
    if (meta.period) row(L.period, meta.period.start + ' – ' + meta.period.end);
    row(L.months, meta.months);
    if (meta.scale !== undefined && meta.scale !== 1) row(L.scale, meta.scale);
    row(L.engine, meta.engine_version);
    row(L.commit, meta.git_commit);
  }
  function chart(parent, title, spec, note) {
    var fig = el('figure', parent);
    el('h3', fig, title);
    var div = el('div', fig, null, 'chart');
    div.setAttribute('data-chart', String(++chartCount));
    div.setAttribute('data-rendered', 'false');
    if (note) el('figcaption', fig, note);
    spec.config = CONFIG;
    if (spec.width === undefined) spec.width = 440;
    if (spec.height === undefined) spec.height = 240;
    pending.push(vegaEmbed(div, spec, { mode: 'vega-lite', actions: false, renderer: 'svg' })
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
)JS";

constexpr std::string_view kScript4 = R"JS(
  function runSection(parent, section) {
    metaTable(parent, section.meta);
    el('p', parent, L.band, 'note');
    var box = el('div', parent, null, 'charts');
    chart(box, L.rates, bandSpec(rows(section, function (r) {
      return r.region === 'all' && (r.metric === 'return_to_poverty_rate' || r.metric === 'new_poverty_rate');
    }), 'label', L.series, '.2%'));
    if (section.regions.length > 0) {
      chart(box, L.rtp_region, bandSpec(rows(section, function (r) {
        return r.region !== 'all' && r.metric === 'return_to_poverty_rate';
      }), 'region', L.region, '.2%'));
      chart(box, L.np_region, bandSpec(rows(section, function (r) {
        return r.region !== 'all' && r.metric === 'new_poverty_rate';
      }), 'region', L.region, '.2%'));
    }
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
    if (section.ledger && section.ledger.length > 0) {
      var flows = [];
      section.ledger.forEach(function (r) {
        if (r.outflow !== 0) flows.push({ year: r.year, account: r.account, value: r.outflow / 10000 });
      });
      chart(box, L.ledger_out, {
        data: { values: flows }, mark: 'bar',
        encoding: { x: X,
                    y: { field: 'value', type: 'quantitative', stack: 'zero', title: L.yuan_axis,
                         axis: { format: ',.1f' } },
                    color: { field: 'account', type: 'nominal', title: L.account },
                    tooltip: [{ field: 'account', title: L.account }, X,
                              { field: 'value', format: ',.2f' }] }
      }, L.ledger_note);
      chart(box, L.ledger_closing, {
        data: { values: section.ledger.map(function (r) {
          return { year: r.year, account: r.account, value: r.closing / 10000 };
        }) },
        mark: { type: 'line', point: true },
        encoding: { x: X,
                    y: { field: 'value', type: 'quantitative', title: L.yuan_axis,
                         axis: { format: ',.1f' } },
                    color: { field: 'account', type: 'nominal', title: L.account },
                    tooltip: [{ field: 'account', title: L.account }, X,
                              { field: 'value', format: ',.2f' }] }
      });
    }
  }

  function compareSection(parent) {
    el('p', parent, L.diffs_note, 'note');
    var box = el('div', parent, null, 'charts');
    var metrics = [];
    data.compare.forEach(function (r) { if (metrics.indexOf(r.metric) < 0) metrics.push(r.metric); });
    metrics.forEach(function (m) {
      var values = data.compare.filter(function (r) { return r.metric === m; }).map(function (r) {
        return { year: r.year, pair: r.scenario + ' − ' + r.baseline, diff: r.diff, low: r.low,
                 high: r.high, mean_a: r.mean_a, mean_b: r.mean_b };
      });
      var format = m.indexOf('rate') >= 0 ? '.2%' : ',.0f';
      var color = { field: 'pair', type: 'nominal', title: L.diff };
      var X2 = { field: 'year', type: 'ordinal', title: L.year, axis: { labelAngle: 0 } };
      chart(box, (M[m] || m) + L.colon + L.diff, {
        data: { values: values }, height: 200,
        layer: [
          { mark: { type: 'rule', color: '#888', strokeDash: [4, 4] },
            data: { values: [{ zero: 0 }] }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
          { mark: { type: 'rule', strokeWidth: 2 },
            encoding: { x: X2, xOffset: { field: 'pair' }, y: { field: 'low', type: 'quantitative', title: L.diff, axis: { format: format } },
                        y2: { field: 'high' }, color: color } },
          { mark: { type: 'point', filled: true, size: 60 },
            encoding: { x: X2, xOffset: { field: 'pair' }, y: { field: 'diff', type: 'quantitative' }, color: color,
                        tooltip: [{ field: 'pair', title: L.diff }, X2,
                                  { field: 'diff', title: L.diff, format: format },
                                  { field: 'low', title: L.low, format: format },
                                  { field: 'high', title: L.high, format: format },
                                  { field: 'mean_a', title: L.mean_a, format: format },
                                  { field: 'mean_b', title: L.mean_b, format: format }] } }
        ]
      });
    });
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
      document.title = L.title_run + ' · ' + s.meta.scenario;
      el('h1', main, L.title_run + L.colon + s.meta.scenario);
      runSection(main, s);
    } else {
      var names = data.sections.map(function (s) { return s.meta.scenario || s.name; });
      document.title = L.title_compare + ' · ' + names.join(' / ');
      el('h1', main, L.title_compare + L.colon + names.join(' ' + L.versus + ' '));
      el('h2', main, L.diffs);
      compareSection(main);
      data.sections.forEach(function (s) {
        el('h2', main, L.section + L.colon + s.name);
        runSection(main, s);
      });
    }
  } catch (e) {
    fail('report: ' + (e && e.message ? e.message : e));
  }
  Promise.all(pending).then(function () {
    document.body.setAttribute('data-status', 'done');
    document.body.setAttribute('data-charts', String(chartCount));
  });
})();
)JS";

}  // namespace

ReportLang parse_report_lang(const std::string& text) {
  if (text == "zh") return ReportLang::zh;
  if (text == "en") return ReportLang::en;
  throw InputError("povsim: error: --lang: expected zh or en, found \"" + text + "\"\n");
}

std::string report_html(const fs::path& dir, ReportLang lang) {
  json data;
  if (fs::is_regular_file(dir / "compare.csv")) {
    data = compare_data(dir);
  } else if (fs::is_regular_file(dir / "points.csv") && fs::is_regular_file(dir / "results.csv")) {
    data = sweep_data(dir);
  } else if (fs::is_regular_file(dir / "summary.csv")) {
    data["kind"] = "run";
    data["sections"] = json::array({run_section(dir, "")});
  } else {
    throw InputError(
        dir.string() +
        ": error: expected the output of povsim run (summary.csv, manifest.json), "
        "povsim compare (compare.csv) or povsim sweep (points.csv, results.csv), found "
        "none\n");
  }
  data["lang"] = lang == ReportLang::zh ? "zh" : "en";

  std::string html;
  html.reserve(900'000);
  html += "<!DOCTYPE html>\n<html lang=\"";
  html += lang == ReportLang::zh ? "zh-CN" : "en";
  html += "\">\n<head>\n<meta charset=\"utf-8\">\n<title>povsim report</title>\n";
  html += "<meta name=\"generator\" content=\"povsim report\">\n<style>";
  html += kStyle;
  html += "</style>\n";
  for (const auto& asset : report_assets()) {
    html += "<script data-library=\"";
    html += asset.name;
    html += "\">\n";
    html += library_text(asset.text);
    html += "\n</script>\n";
  }
  html += "</head>\n<body data-status=\"loading\">\n<main id=\"report\"></main>\n";
  html += "<pre id=\"errors\"></pre>\n<pre id=\"warnings\" hidden></pre>\n";
  html += "<script type=\"application/json\" id=\"povsim-data\">";
  html += script_json(data);
  html += "</script>\n<script>";
  html += kScript1;
  html += kScript2;
  html += kScript3;
  html += kScript4;
  html += "</script>\n</body>\n</html>\n";
  return html;
}

void write_report(const fs::path& dir, ReportLang lang) {
  add_to_result(dir, "report.html", [&] { return report_html(dir, lang); });
}

}  // namespace povsim
