#include "output/report.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/csv.hpp"
#include "core/diagnostics.hpp"
#include "core/input_file.hpp"
#include "output/file_names.hpp"
#include "output/output_dir.hpp"
#include "output/provinces.hpp"
#include "output/report_assets.hpp"
#include "output/report_sources.hpp"
#include "output/tables.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// The files report reads are povsim's own outputs, as large as the run made them (funds.csv of
/// a national run with many replications passes the input limit): only the regular-file rule
/// applies to them.
std::string read_file(const fs::path& path) {
  return read_input_file(path, "output file", std::numeric_limits<std::size_t>::max() / 2);
}

/// One cell of a povsim CSV as a number: the one parser behind CsvRows and Table, so that both
/// name the file, line and column of a cell that is not one (a CSV edited by hand).
double csv_number(const std::string& s, const std::string& path, int line,
                  const std::string& column) {
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0')
    throw InputError(path + ":" + std::to_string(line) + ": error: column " + column +
                     ": expected a number, found \"" + s +
                     "\" (was the file edited? write it again with povsim)\n");
  return v;
}

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
    return csv_number(rows[r][c], path, lines[r], column);
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
    const auto r = static_cast<std::size_t>(&row - rows.data());
    return csv_number(at(row, name), path, r < lines.size() ? lines[r] : 0, name);
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

/// Metrics the run charts and the numbers table use; by region only the two headline rates.
bool wanted(const std::string& metric, const std::string& region) {
  if (metric == "return_to_poverty_rate" || metric == "new_poverty_rate") return true;
  if (region != "all") return false;
  // The numbers table: the rates, and counts of households and people.
  static const std::set<std::string> table = {
      "poverty_rate",         "households",       "people",
      "poor_households",      "poor_people",      "at_risk_people",
      "monitored_households", "monitored_people", "newly_identified_people",
      "eliminated_people",    "dibao_households", "dibao_people"};
  if (table.count(metric)) return true;
  return metric == "at_risk_rate" || metric == "at_risk_households" ||
         metric == "newly_identified" || metric == "risk_eliminated" ||
         starts_with(metric, "assisted_") || starts_with(metric, "assistance_yuan_") ||
         starts_with(metric, "funds_") ||
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

json read_manifest(const fs::path& dir) {
  const fs::path manifest_path = dir / "manifest.json";
  try {
    return json::parse(read_file(manifest_path));
  } catch (const json::exception& e) {
    throw InputError(manifest_path.string() + ": error: expected JSON, " + e.what() + "\n");
  }
}

/// The value of `key` in `region` of the epoch of `epochs` in force at `from` ("YYYY-MM" sorts
/// as text), or nullptr.
const json* value_at(const json& epochs, const std::string& from, const std::string& region,
                     const std::string& key) {
  const json* found = nullptr;
  for (const auto& e : epochs) {
    if (!e.is_object() || !e.contains("from") || !e["from"].is_string()) continue;
    if (e["from"].get<std::string>() > from) break;
    const auto r = e.find("regions");
    if (r == e.end() || !r->contains(region)) continue;
    const auto v = (*r)[region].find(key);
    found = v == (*r)[region].end() ? nullptr : &*v;
  }
  return found;
}

/// The policy as a diff, for the header: every region parameter whose value differs from the
/// base's (a compare's first scenario) in force at the same month, or, without a base, from the
/// epoch before (so a run lists what each later epoch changes). Rows that only repeat the row
/// of the epoch before are left out, and regions with the same change share one row; at most
/// `limit` rows (a national run has 832 regions), `changes_left_off` counts the rest.
json parameter_changes(const json& epochs, const json* base, json& section) {
  constexpr std::size_t limit = 200;
  json rows = json::array();
  std::size_t left_off = 0;
  if (!epochs.is_array()) return rows;
  std::map<std::string, std::string> last;  // region + key -> value of the last row shown
  for (std::size_t e = 0; e < epochs.size(); ++e) {
    const json& epoch = epochs[e];
    if (!epoch.is_object() || !epoch.contains("regions") || !epoch["regions"].is_object()) continue;
    const std::string from = epoch.value("from", "");
    if (base == nullptr && e == 0) continue;
    // (key, value, before) -> regions, in the order of the keys.
    std::vector<std::tuple<std::string, std::string, std::string>> order;
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>> by;
    const std::size_t n_regions = epoch["regions"].size();
    for (const auto& [region, values] : epoch["regions"].items()) {
      if (!values.is_object()) continue;
      for (const auto& [key, value] : values.items()) {
        const json* before = base != nullptr
                                 ? value_at(*base, from, region, key)
                                 : value_at(epochs, epochs[e - 1].value("from", ""), region, key);
        if (before != nullptr && *before == value) continue;
        const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
        const std::string b = before == nullptr     ? ""
                              : before->is_string() ? before->get<std::string>()
                                                    : before->dump();
        if (base != nullptr && e > 0) {
          const auto it = last.find(region + '\n' + key);
          if (it != last.end() && it->second == v) continue;
        }
        last[region + '\n' + key] = v;
        const auto id = std::make_tuple(key, v, b);
        auto& list = by[id];
        if (list.empty()) order.push_back(id);
        list.push_back(region);
      }
    }
    for (const auto& id : order) {
      if (rows.size() >= limit) {
        ++left_off;
        continue;
      }
      const auto& regions = by[id];
      json row = {{"from", from},
                  {"key", std::get<0>(id)},
                  {"value", std::get<1>(id)},
                  {"before", std::get<2>(id)}};
      if (regions.size() == n_regions && n_regions > 1)
        row["regions"] = nullptr;  // every region
      else
        row["regions"] = regions;
      rows.push_back(std::move(row));
    }
  }
  section["changes_left_off"] = left_off;
  return rows;
}

/// The province map's data, when the run's regions name provinces (manifest.json `regions[].
/// province`, from a regions table's `province` column or a region's `province:` key): per
/// province, its counties and its return-to-poverty and new-poverty rates in the last year,
/// aggregated as region `all` is, persons over persons. Both rates are persons below the line in
/// a group of households over the persons of that group (lifted households for 返贫率, general
/// households for 致贫率), so the province's rate in a replication is Σ r·P / Σ P over its
/// regions, with r a region's rate and P its persons in that group (`people_lifted`,
/// `people_general`), both read from annual.csv of that replication (r·P gives the persons below
/// the line to the ten digits written); the map shows the mean over replications, as
/// summary.csv's `mean` of region `all` is the mean of its per-replication rates. nullptr when no
/// region names a province.
json province_data(const fs::path& dir, const json& manifest) {
  std::map<std::string, const Province*> of_region;
  std::map<const Province*, int> counties;
  std::vector<std::string> unmatched;  // province names the map has no feature for
  bool any = false;
  if (manifest.contains("regions") && manifest["regions"].is_array())
    for (const auto& r : manifest["regions"]) {
      if (!r.is_object() || !r.contains("province") || !r["province"].is_string() ||
          !r.contains("name") || !r["name"].is_string())
        continue;
      any = true;
      const std::string name = r["province"].get<std::string>();
      const Province* p = find_province(name);
      if (p == nullptr) {
        if (std::find(unmatched.begin(), unmatched.end(), name) == unmatched.end())
          unmatched.push_back(name);
        continue;
      }
      of_region[r["name"].get<std::string>()] = p;
      ++counties[p];
    }
  if (!any) return nullptr;
  json out;
  out["unmatched"] = unmatched;
  out["rows"] = json::array();
  const fs::path annual = dir / "annual.csv";
  if (!fs::is_regular_file(annual)) {
    out["missing"] = "annual.csv";
    return out;
  }
  // Region, replication and year -> the four figures of annual.csv the rates need.
  struct Figures {
    double people_lifted = 0, people_general = 0, rtp = 0, np = 0;
  };
  std::map<std::tuple<int, int, const Province*, std::string>, Figures> by;
  static const std::array<std::string_view, 4> kNeeded = {
      ",people_lifted,", ",people_general,", ",return_to_poverty_rate,", ",new_poverty_rate,"};
  std::ifstream in(annual, std::ios::binary);
  if (!in)
    throw InputError(annual.string() + ": error: cannot read the file (" +
                     std::string(std::strerror(errno)) + ")\n");
  std::string line;
  int line_no = 0;
  int last_year = std::numeric_limits<int>::min();
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1) {
      if (line != "replication,year,region,metric,value")
        throw InputError(annual.string() +
                         ":1: error: expected the header replication,year,region,metric,value, "
                         "found \"" +
                         line + "\" (was the file edited? write it again with povsim)\n");
      continue;
    }
    if (std::none_of(kNeeded.begin(), kNeeded.end(),
                     [&](std::string_view m) { return line.find(m) != std::string::npos; }))
      continue;
    auto records = parse_csv_records(line, annual.string());
    if (records.size() != 1 || records[0].cells.size() != 5)
      throw InputError(annual.string() + ":" + std::to_string(line_no) +
                       ": error: expected 5 fields (replication,year,region,metric,value)\n");
    auto& cells = records[0].cells;
    const std::string& metric = cells[3];
    const auto it = of_region.find(csv_text(cells[2]));
    if (it == of_region.end()) continue;  // region all, or a region on no province
    const double replication = csv_number(cells[0], annual.string(), line_no, "replication");
    const double year = csv_number(cells[1], annual.string(), line_no, "year");
    const double value = csv_number(cells[4], annual.string(), line_no, "value");
    Figures& f = by[{static_cast<int>(year), static_cast<int>(replication), it->second, it->first}];
    if (metric == "people_lifted")
      f.people_lifted = value;
    else if (metric == "people_general")
      f.people_general = value;
    else if (metric == "return_to_poverty_rate")
      f.rtp = value;
    else if (metric == "new_poverty_rate")
      f.np = value;
    else
      continue;
    last_year = std::max(last_year, static_cast<int>(year));
  }
  if (by.empty()) return out;  // outputs.per_region: false: no region's rows
  // Province and replication -> the sums of the last year.
  struct Sums {
    double poor_lifted = 0, people_lifted = 0, poor_general = 0, people_general = 0;
  };
  std::map<const Province*, std::map<int, Sums>> sums;
  for (const auto& [key, f] : by) {
    if (std::get<0>(key) != last_year) continue;
    Sums& s = sums[std::get<2>(key)][std::get<1>(key)];
    s.poor_lifted += f.rtp * f.people_lifted;
    s.people_lifted += f.people_lifted;
    s.poor_general += f.np * f.people_general;
    s.people_general += f.people_general;
  }
  // Every province, so the map can name each one; a rate is null where the province has no
  // region or no persons in the group (the engine writes 0 for 0 / 0; the map says "no data").
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };  // as the engine's
  for (const Province& p : provinces()) {
    json row = {{"province", p.short_name},    {"en", p.english},
                {"counties", counties[&p]},    {"return_to_poverty_rate", nullptr},
                {"new_poverty_rate", nullptr}, {"people_lifted", 0},
                {"people_general", 0}};
    if (const auto found = sums.find(&p); found != sums.end()) {
      double rtp = 0, np = 0, lifted = 0, general = 0;
      for (const auto& [replication, s] : found->second) {
        rtp += ratio(s.poor_lifted, s.people_lifted);
        np += ratio(s.poor_general, s.people_general);
        lifted += s.people_lifted;
        general += s.people_general;
      }
      const auto n = static_cast<double>(found->second.size());
      row["people_lifted"] = lifted / n;
      row["people_general"] = general / n;
      if (lifted > 0) row["return_to_poverty_rate"] = rtp / n;
      if (general > 0) row["new_poverty_rate"] = np / n;
    }
    out["rows"].push_back(std::move(row));
  }
  out["year"] = last_year;
  return out;
}

/// One run's section: manifest fields for the header, the summary rows the charts need.
/// `base` is the manifest of the scenario a compare measures against (nullptr for a run).
json run_section(const fs::path& dir, const std::string& name, const json* base = nullptr) {
  json section;
  section["name"] = name;
  const json manifest = read_manifest(dir);
  json meta = json::object();
  for (const char* key : {"scenario", "scenario_file", "description", "overrides", "seed",
                          "replications", "households", "months", "period", "engine_version",
                          "git_commit", "scale", "calibration", "regions"})
    if (manifest.contains(key)) meta[key] = manifest[key];
  // A national run has 832 regions: the header says how many, not each one.
  if (meta.contains("regions") && meta["regions"].is_array()) {
    const std::size_t n = meta["regions"].size();
    meta["regions"] = n;
  }
  section["meta"] = meta;
  const json no_epochs = json::array();
  const json* base_epochs =
      base != nullptr && base->contains("parameters") ? &(*base)["parameters"] : nullptr;
  section["changes"] = parameter_changes(
      manifest.value("parameters", no_epochs),
      base != nullptr ? (base_epochs != nullptr ? base_epochs : &no_epochs) : nullptr, section);
  section["epochs"] = json::array();
  if (manifest.contains("parameters") && manifest["parameters"].is_array())
    for (const auto& e : manifest["parameters"])
      if (e.is_object() && e.contains("from")) section["epochs"].push_back(e["from"]);

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
  if (json provinces = province_data(dir, manifest); !provinces.is_null())
    section["provinces"] = std::move(provinces);
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
  json base;
  for (const auto& name : order) {
    const fs::path sub = dir / safe_file_name(name);
    if (!fs::is_regular_file(sub / "summary.csv") || !fs::is_regular_file(sub / "manifest.json"))
      throw InputError((sub / "summary.csv").string() + ": error: compare.csv names scenario \"" +
                       name + "\", expected its summary.csv and manifest.json in " + sub.string() +
                       "\n");
    // The first scenario is the base every other one is measured against.
    if (base.is_null()) {
      base = read_manifest(sub);
      data["sections"].push_back(run_section(sub, name));
    } else {
      data["sections"].push_back(run_section(sub, name, &base));
    }
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
  html +=
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>povsim report</title>\n";
  html += "<meta name=\"generator\" content=\"povsim report\">\n<style>";
  html += report_style();
  html += "</style>\n";
  for (const auto& asset : report_assets()) {
    html += "<script data-library=\"";
    html += asset.name;
    html += "\">\n";
    html += library_text(asset.text);
    html += "\n</script>\n";
  }
  html += "</head>\n<body data-status=\"loading\">\n<main id=\"report\"></main>\n";
  // The province map's geometry, only in a report whose regions name provinces.
  const bool map = data.contains("sections") &&
                   std::any_of(data["sections"].begin(), data["sections"].end(),
                               [](const json& s) { return s.contains("provinces"); });
  if (map)
    for (const auto& asset : report_geometry()) {
      html += "<script type=\"application/json\" id=\"povsim-provinces\">";
      for (char c : asset.text) {
        if (c == '<')
          html += "\\u003c";
        else
          html += c;
      }
      html += "</script>\n";
    }
  html += "<pre id=\"errors\"></pre>\n<pre id=\"warnings\" hidden></pre>\n";
  html += "<script type=\"application/json\" id=\"povsim-data\">";
  html += script_json(data);
  html += "</script>\n<script>";
  html += report_script();
  html += "</script>\n</body>\n</html>\n";
  return html;
}

void write_report(const fs::path& dir, ReportLang lang) {
  add_to_result(dir, "report.html", [&] { return report_html(dir, lang); });
}

}  // namespace povsim
