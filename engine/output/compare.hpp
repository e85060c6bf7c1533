#pragma once
#include <string>
#include <vector>

#include "scenario/params.hpp"
#include "sim/runner.hpp"

namespace povsim {

/// A difference B − A over replications, with a 95% t-interval.
struct Difference {
  double mean = 0;
  double sd = 0;
  double low = 0;
  double high = 0;
  std::size_t n = 0;
};

/// Paired: the interval of the per-replication differences (common random numbers make each
/// replication's A and B meet the same luck, so most noise cancels).
Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b);
/// Unpaired (Welch): what the same runs would give if A and B had independent luck.
Difference unpaired_difference(const std::vector<double>& a, const std::vector<double>& b);

/// One scenario's run, named for the outputs.
struct NamedRun {
  std::string name;
  const Params* params = nullptr;
  const RunResult* run = nullptr;
};

/// compare.csv: scenario,baseline,year,region,metric,mean_a,mean_b,diff_mean,diff_sd,
/// diff_low,diff_high,n — every other scenario against the first, on the regions they share.
std::string compare_csv(const std::vector<NamedRun>& runs);

/// cost.csv: scenario,baseline,year,region,spending_diff,kept_out_of_poverty,cost_per_household,
/// note —
/// against the first scenario as the counterfactual (e.g. no spending), on paired replications:
/// spending_diff = mean over replications of funds_spent(B) − funds_spent(A) (yuan),
/// kept_out_of_poverty = mean of poor_households(A) − poor_households(B) (households), and
/// cost_per_household = spending_diff / kept_out_of_poverty (yuan per household kept out of
/// poverty; "NA" when no household is kept out, and then `note` says why). Year "all" sums the
/// period.
std::string cost_csv(const std::vector<NamedRun>& runs);

/// The printed table: return-to-poverty rate (region all) by year, each scenario against the first.
std::string compare_table(const std::vector<NamedRun>& runs);

}  // namespace povsim
