#include "sim/simulation.hpp"

#include <tbb/parallel_for.h>

#include "core/block_reduce.hpp"
#include "model/population.hpp"
#include "phases/household_income.hpp"
#include "phases/schedule.hpp"
#include "phases/transfers.hpp"

namespace povsim {

Simulation::Simulation(const Params& params, std::uint32_t replication)
    : params_(params),
      rng_(static_cast<std::uint32_t>(params.seed), replication),
      hh_(synthesize_population(params, rng_)),
      shocks_(params.regions.size()),
      flows_(params.regions.size()) {
  result_.replication = replication;
  result_.households = hh_.n();
}

void Simulation::step_month() {
  PhaseTimer& timer = result_.timer;
  const MonthContext month = month_context(params_, month_);
  std::vector<RegionMonth> regions;
  {
    auto t = timer.stamp(Phase::kSchedule);
    regions = schedule_month(params_, month, noise_);
  }
  {
    auto t = timer.stamp(Phase::kCovariateShocks);
    covariate_shocks(month, regions, rng_, shocks_);
  }
  {
    auto t = timer.stamp(Phase::kHouseholds);
    for (std::size_t r = 0; r < regions.size(); ++r) {
      const std::size_t begin = hh_.region_begin[r];
      const std::size_t end = hh_.region_begin[r + 1];
      const int interval = regions[r].params->transfers.dibao.assessment_interval_months;
      if (month.offset % interval == 0) {
        tbb::parallel_for(std::size_t{begin}, end, kReduceBlock, [&](std::size_t b) {
          dibao_assessment(hh_, begin, b, std::min(end, b + kReduceBlock), regions[r], rng_);
        });
      }
      flows_[r].income.add(
          block_reduce<IncomeTotals>(begin, end, [&](std::size_t b, std::size_t e) {
            return household_income(hh_, begin, b, e, month, regions[r], shocks_[r], rng_);
          }));
      flows_[r].months += 1;
      if (month.date.month == 12 || month.offset + 1 == params_.months())
        flows_[r].disasters = shocks_[r].disasters;
    }
  }
  {
    auto t = timer.stamp(Phase::kMetrics);
    if (month.year_end() || month.offset + 1 == params_.months()) {
      result_.years.push_back(month.date.year);
      result_.values.push_back(close_year(hh_, regions, flows_, month.date.year));
      for (auto& f : flows_) f = YearFlows{};
    }
  }
  ++month_;
}

}  // namespace povsim
