#include "output/compare.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <cstdio>

#include "output/tables.hpp"
#include "phases/metrics.hpp"

namespace povsim {

namespace {

double t_quantile_975(double df) {
  if (df < 1) return 0;
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
}

double mean_of(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

double variance_of(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  const double m = mean_of(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return ss / static_cast<double>(v.size() - 1);
}

/// Values of one metric over replications for output region k of a run (regions by name).
std::vector<double> series(const NamedRun& r, std::size_t year, std::size_t region_index,
                           int metric) {
  std::vector<double> v;
  for (const auto& rep : r.run->replications) v.push_back(rep.values[year][region_index][metric]);
  return v;
}

/// Index of region `name` in a run's values (regions, then all), or -1.
int region_index(const Params& p, const std::string& name) {
  if (name == "all") return static_cast<int>(p.regions.size());
  for (std::size_t r = 0; r < p.regions.size(); ++r)
    if (p.regions[r].name == name) return static_cast<int>(r);
  return -1;
}

}  // namespace

Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d(a.size());
  for (std::size_t k = 0; k < a.size(); ++k) d[k] = b[k] - a[k];
  Difference r;
  r.n = d.size();
  r.mean = mean_of(d);
  r.sd = std::sqrt(variance_of(d));
  const double half = r.n > 1 ? t_quantile_975(static_cast<double>(r.n - 1)) * r.sd /
                                    std::sqrt(static_cast<double>(r.n))
                              : 0.0;
  r.low = r.mean - half;
  r.high = r.mean + half;
  return r;
}

Difference unpaired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  Difference r;
  r.n = std::min(a.size(), b.size());
  r.mean = mean_of(b) - mean_of(a);
  const double va = variance_of(a) / static_cast<double>(a.size());
  const double vb = variance_of(b) / static_cast<double>(b.size());
  r.sd = std::sqrt(variance_of(a) + variance_of(b));
  // Welch–Satterthwaite degrees of freedom.
  const double df = (va + vb) > 0 ? (va + vb) * (va + vb) /
                                        (va * va / static_cast<double>(a.size() - 1) +
                                         vb * vb / static_cast<double>(b.size() - 1))
                                  : 1.0;
  const double half = t_quantile_975(df) * std::sqrt(va + vb);
  r.low = r.mean - half;
  r.high = r.mean + half;
  return r;
}

std::string compare_csv(const std::vector<NamedRun>& runs) {
  std::string out =
      "scenario,baseline,year,region,metric,mean_a,mean_b,diff_mean,diff_sd,diff_low,diff_high,n\n";
  if (runs.size() < 2) return out;
  const NamedRun& a = runs.front();
  const auto regions = output_regions(*a.params);
  for (std::size_t s = 1; s < runs.size(); ++s) {
    const NamedRun& b = runs[s];
    const auto& years = a.run->replications.front().years;
    for (std::size_t y = 0; y < years.size(); ++y) {
      for (const auto& name : regions) {
        const int ia = region_index(*a.params, name);
        const int ib = region_index(*b.params, name);
        if (ia < 0 || ib < 0) continue;  // compared only where both scenarios have the region
        for (const auto& m : metric_table()) {
          const int k = static_cast<int>(m.id);
          const auto va = series(a, y, static_cast<std::size_t>(ia), k);
          const auto vb = series(b, y, static_cast<std::size_t>(ib), k);
          const Difference d = paired_difference(va, vb);
          out += csv_field(b.name) + "," + csv_field(a.name) + "," + std::to_string(years[y]) +
                 "," + csv_field(name) + "," + std::string(m.name) + "," +
                 format_value(mean_of(va)) + "," + format_value(mean_of(vb)) + "," +
                 format_value(d.mean) + "," + format_value(d.sd) + "," + format_value(d.low) + "," +
                 format_value(d.high) + "," + std::to_string(d.n) + "\n";
        }
      }
    }
  }
  return out;
}

namespace {

/// Why a row has no cost per household (cost.csv's `note`; empty when it has one).
std::string cost_note(double kept) {
  if (kept > 0) return "";
  if (kept == 0)
    return "NA: no household kept out of poverty (as many poor households as the baseline)";
  return "NA: more poor households than the baseline (none kept out of poverty)";
}

}  // namespace

std::string cost_csv(const std::vector<NamedRun>& runs) {
  std::string out =
      "scenario,baseline,year,region,spending_diff,kept_out_of_poverty,cost_per_household,note\n";
  if (runs.size() < 2) return out;
  const NamedRun& a = runs.front();
  const int spent = static_cast<int>(Metric::kFundsSpent);
  const int poor = static_cast<int>(Metric::kPoorHouseholds);
  auto row = [&](const std::string& b, const std::string& year, const std::string& region,
                 double spending, double kept) {
    out += csv_field(b) + "," + csv_field(a.name) + "," + year + "," + csv_field(region) + "," +
           format_value(spending) + "," + format_value(kept) + "," +
           (kept > 0 ? format_value(spending / kept) : std::string("NA")) + "," + cost_note(kept) +
           "\n";
  };
  for (std::size_t s = 1; s < runs.size(); ++s) {
    const NamedRun& b = runs[s];
    const auto& years = a.run->replications.front().years;
    for (const auto& name : output_regions(*a.params)) {
      const int ia = region_index(*a.params, name);
      const int ib = region_index(*b.params, name);
      if (ia < 0 || ib < 0) continue;
      double total_spending = 0, total_kept = 0;
      for (std::size_t y = 0; y < years.size(); ++y) {
        const auto ra = static_cast<std::size_t>(ia);
        const auto rb = static_cast<std::size_t>(ib);
        const double spending =
            paired_difference(series(a, y, ra, spent), series(b, y, rb, spent)).mean;
        const double kept = paired_difference(series(b, y, rb, poor), series(a, y, ra, poor)).mean;
        total_spending += spending;
        total_kept += kept;
        row(b.name, std::to_string(years[y]), name, spending, kept);
      }
      row(b.name, "all", name, total_spending, total_kept);
    }
  }
  return out;
}

std::string compare_table(const std::vector<NamedRun>& runs) {
  if (runs.size() < 2) return "";
  const NamedRun& a = runs.front();
  const int k = static_cast<int>(Metric::kReturnToPovertyRate);
  const std::size_t all_a = a.params->regions.size();
  std::string out = "return_to_poverty_rate, region all: scenario − " + a.name +
                    " (paired over replications, 95% interval)\n";
  char line[256];
  for (std::size_t s = 1; s < runs.size(); ++s) {
    const NamedRun& b = runs[s];
    out +=
        b.name + "\n  year   " + a.name + "      " + b.name + "      difference [95% interval]\n";
    const auto& years = a.run->replications.front().years;
    for (std::size_t y = 0; y < years.size(); ++y) {
      const auto va = series(a, y, all_a, k);
      const auto vb = series(b, y, b.params->regions.size(), k);
      const Difference d = paired_difference(va, vb);
      const bool excludes_zero = d.low > 0 || d.high < 0;
      std::snprintf(line, sizeof line, "  %d  %7.3f%%  %7.3f%%   %+7.3f pp [%+7.3f, %+7.3f]%s\n",
                    years[y], 100 * mean_of(va), 100 * mean_of(vb), 100 * d.mean, 100 * d.low,
                    100 * d.high, excludes_zero ? "  *" : "");
      out += line;
    }
  }
  out += "  (* the interval excludes zero)\n";
  return out;
}

}  // namespace povsim
