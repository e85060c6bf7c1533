#include "output/tables.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "phases/metrics.hpp"

namespace povsim {

std::string format_value(double x) {
  if (x == 0) return "0";  // also folds -0
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

namespace {
/// Whether a spreadsheet could read `text` as a formula (or it starts with the escape itself).
bool formula_like(const std::string& text) {
  if (text.empty()) return false;
  const char c = text.front();
  if (c == '\'') return true;
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  // "-0.5" or "+3" is a number; a spreadsheet reads it as one, not as a formula.
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return c == '=' || c == '@' || c == '\t' || c == '\r' || end != text.c_str() + text.size();
}
}  // namespace

std::string csv_field(const std::string& raw) {
  const std::string text = formula_like(raw) ? "'" + raw : raw;
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_text(const std::string& cell) {
  return cell.starts_with('\'') ? cell.substr(1) : cell;
}

Spread spread_of(std::vector<double> values) {
  Spread s;
  s.n = values.size();
  if (values.empty()) return s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  if (s.n > 1) {
    double ss = 0;
    for (double v : values) ss += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
  }
  std::sort(values.begin(), values.end());
  auto q = [&](double p) {  // linear interpolation between order statistics (type 7)
    const double pos = p * static_cast<double>(s.n - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, s.n - 1);
    return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
  };
  s.p05 = q(0.05);
  s.p50 = q(0.50);
  s.p95 = q(0.95);
  return s;
}

std::string format_fen(std::int64_t fen) {
  const bool negative = fen < 0;
  const auto magnitude = static_cast<unsigned long long>(negative ? -fen : fen);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "", magnitude / 100,
                magnitude % 100);
  return buf;
}

std::string funds_csv(const Params& params, const RunResult& run) {
  std::string out = "replication,year,region,account,opening,inflow,outflow,closing\n";
  const std::size_t n_regions = params.regions.size();
  for (const auto& rep : run.replications) {
    // Rows come per year, region, account in that order (Simulation closes regions in order).
    std::size_t row = 0;
    while (row < rep.funds.size()) {
      const int year = rep.funds[row].year;
      std::array<FundYearRow, kFundAccountCount> all{};
      auto emit = [&](const std::string& region, const FundYearRow& f) {
        out += std::to_string(rep.replication) + "," + std::to_string(year) + "," +
               csv_field(region) + "," + std::string(fund_account_name(f.account)) + "," +
               format_fen(f.opening) + "," + format_fen(f.inflow) + "," + format_fen(f.outflow) +
               "," + format_fen(f.closing) + "\n";
      };
      for (std::size_t r = 0; r < n_regions && row < rep.funds.size(); ++r) {
        for (int k = 0; k < kFundAccountCount; ++k, ++row) {
          const FundYearRow& f = rep.funds[row];
          FundYearRow& a = all[static_cast<std::size_t>(k)];
          a.account = f.account;
          a.opening += f.opening;
          a.inflow += f.inflow;
          a.outflow += f.outflow;
          a.closing += f.closing;
          if (params.outputs.per_region) emit(params.regions[f.region].name, f);
        }
      }
      for (const FundYearRow& a : all) emit("all", a);
    }
  }
  return out;
}

std::vector<std::string> output_regions(const Params& params) {
  std::vector<std::string> names;
  if (params.outputs.per_region)
    for (const auto& r : params.regions) names.push_back(r.name);
  names.emplace_back("all");
  return names;
}

namespace {
/// Index into a year's values for output region k (regions first, then all).
std::size_t value_index(const Params& params, std::size_t k) {
  return params.outputs.per_region ? k : params.regions.size();
}
}  // namespace

std::string annual_csv(const Params& params, const RunResult& run) {
  const auto regions = output_regions(params);
  std::string out = "replication,year,region,metric,value\n";
  for (const auto& rep : run.replications) {
    for (std::size_t y = 0; y < rep.years.size(); ++y) {
      for (std::size_t k = 0; k < regions.size(); ++k) {
        const MetricValues& v = rep.values[y][value_index(params, k)];
        const std::string prefix = std::to_string(rep.replication) + "," +
                                   std::to_string(rep.years[y]) + "," + csv_field(regions[k]) + ",";
        for (const auto& m : metric_table())
          out +=
              prefix + std::string(m.name) + "," + format_value(v[static_cast<int>(m.id)]) + "\n";
      }
    }
  }
  return out;
}

std::string summary_csv(const Params& params, const RunResult& run) {
  const auto regions = output_regions(params);
  std::string out = "year,region,metric,mean,sd,p05,p50,p95,n\n";
  if (run.replications.empty()) return out;
  const auto& first = run.replications.front();
  for (std::size_t y = 0; y < first.years.size(); ++y) {
    for (std::size_t k = 0; k < regions.size(); ++k) {
      for (const auto& m : metric_table()) {
        std::vector<double> values;
        for (const auto& rep : run.replications)
          values.push_back(rep.values[y][value_index(params, k)][static_cast<int>(m.id)]);
        const Spread s = spread_of(values);
        out += std::to_string(first.years[y]) + "," + csv_field(regions[k]) + "," +
               std::string(m.name) + "," + format_value(s.mean) + "," + format_value(s.sd) + "," +
               format_value(s.p05) + "," + format_value(s.p50) + "," + format_value(s.p95) + "," +
               std::to_string(s.n) + "\n";
      }
    }
  }
  return out;
}

std::string headline_table(const Params& params, const RunResult& run) {
  if (run.replications.empty()) return "";
  const auto& first = run.replications.front();
  const std::size_t all = params.regions.size();
  char line[160];
  std::string out =
      "year  return_to_poverty_rate        new_poverty_rate   at_risk_rate  income_pc_lifted\n";
  out += "      mean     [p05, p95]            mean               mean          mean (yuan)\n";
  for (std::size_t y = 0; y < first.years.size(); ++y) {
    auto series = [&](Metric m) {
      std::vector<double> v;
      for (const auto& rep : run.replications) v.push_back(rep.values[y][all][static_cast<int>(m)]);
      return spread_of(v);
    };
    const Spread rtp = series(Metric::kReturnToPovertyRate);
    const Spread np = series(Metric::kNewPovertyRate);
    const Spread ar = series(Metric::kAtRiskRate);
    const Spread inc = series(Metric::kIncomePerCapitaMeanLifted);
    std::snprintf(line, sizeof line,
                  "%d  %6.3f%%  [%6.3f%%, %6.3f%%]   %6.3f%%            %6.2f%%        %8.0f\n",
                  first.years[y], 100 * rtp.mean, 100 * rtp.p05, 100 * rtp.p95, 100 * np.mean,
                  100 * ar.mean, inc.mean);
    out += line;
  }
  return out;
}

}  // namespace povsim
