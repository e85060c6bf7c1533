#include "sim/simulation.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <span>

#include "core/block_reduce.hpp"
#include "funds/microcredit.hpp"
#include "model/population.hpp"
#include "phases/enterprises.hpp"
#include "phases/household_income.hpp"
#include "phases/monitoring.hpp"
#include "phases/risk_elimination.hpp"
#include "phases/schedule.hpp"
#include "phases/transfers.hpp"

namespace povsim {

Simulation::Simulation(const Params& params, std::uint32_t replication)
    : params_(params),
      rng_(static_cast<std::uint32_t>(params.seed), replication),
      hh_(synthesize_population(params, rng_)),
      hazard_multiplier_(params.regions.size()),
      shocks_(params.regions.size()),
      flows_(params.regions.size()),
      funds_(params.regions.size()),
      monitored_count_(params.regions.size(), 0) {
  result_.replication = replication;
  result_.households = hh_.n();
  // The period starts from 2020's steady state: 低保 as assessed then, and a full year of income.
  const MonthContext first = month_context(params_, 0);
  const std::vector<RegionMonth> regions = schedule_month(params_, first, noise_);
  for (std::size_t r = 0; r < regions.size(); ++r)
    enterprises_.push_back(synthesize_enterprises(hh_, hh_.region_begin[r], hh_.region_begin[r + 1],
                                                  regions[r], rng_));
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const std::size_t begin = hh_.region_begin[r];
    const std::size_t end = hh_.region_begin[r + 1];
    tbb::parallel_for(begin, end, kReduceBlock, [&](std::size_t b) {
      const std::size_t e = std::min(end, b + kReduceBlock);
      dibao_assessment(hh_, begin, b, e, regions[r], rng_);
      seed_income_record(hh_, b, e, regions[r]);
    });
  }
}

void Simulation::step_month() {
  PhaseTimer& timer = result_.timer;
  const MonthContext month = month_context(params_, month_);
  const std::size_t n_regions = params_.regions.size();
  auto households_of = [&](std::size_t r) {
    return std::pair<std::size_t, std::size_t>{hh_.region_begin[r], hh_.region_begin[r + 1]};
  };

  // 1. Schedule: this month's parameters per region.
  std::vector<RegionMonth> regions;
  {
    auto t = timer.stamp(Phase::kSchedule);
    regions = schedule_month(params_, month, noise_);
  }
  // 2. Funds in: each January the year's sources enter the region's ledger and are allocated to
  //    programme accounts (funds/fund_state.hpp); with funds off, a policy epoch that changes the
  //    programme budgets during the year adds or withdraws the change pro rata.
  {
    auto t = timer.stamp(Phase::kFundsIn);
    const bool new_year = month.date.month == 1 || month.offset == 0;
    if (new_year || month.epoch != budget_epoch_) {
      const double share = (13 - month.date.month) / 12.0;
      for (std::size_t r = 0; r < n_regions; ++r) {
        const auto [begin, end] = households_of(r);
        appropriate(funds_[r], *regions[r].params, end - begin, month.date.year, month.offset,
                    share, new_year);
      }
      budget_epoch_ = month.epoch;
    }
  }
  // 3. Covariate shocks.
  {
    auto t = timer.stamp(Phase::kCovariateShocks);
    covariate_shocks(month, regions, rng_, shocks_);
  }
  // 4. Enterprises: sector shocks, entry and subsidies each January; failures end all links.
  {
    auto t = timer.stamp(Phase::kEnterprises);
    for (std::size_t r = 0; r < n_regions; ++r)
      enterprise_month(enterprises_[r], hh_, hh_.region_begin[r], month, regions[r], rng_,
                       hazard_multiplier_[r], flows_[r].enterprises, funds_[r]);
  }
  // 5. Labour market: local vacancies filled (migrant work moves in the household pass).
  {
    auto t = timer.stamp(Phase::kLabour);
    for (std::size_t r = 0; r < n_regions; ++r)
      labour_market(enterprises_[r], hh_, hh_.region_begin[r], month, regions[r], rng_,
                    flows_[r].enterprises);
  }
  // 6. Households: 低保 assessment, then incomes, shocks and transfers.
  std::vector<std::vector<MedicalClaim>> claims(n_regions);
  std::vector<std::vector<std::uint32_t>> watch(n_regions);
  {
    auto t = timer.stamp(Phase::kHouseholds);
    for (std::size_t r = 0; r < n_regions; ++r) {
      const auto [begin, end] = households_of(r);
      const int interval = regions[r].params->transfers.dibao.assessment_interval_months;
      if (month.offset % interval == 0) {
        tbb::parallel_for(
            std::size_t{begin}, end, kReduceBlock, [&, b0 = begin, e0 = end](std::size_t b) {
              dibao_assessment(hh_, b0, b, std::min(e0, b + kReduceBlock), regions[r], rng_);
            });
      }
      HouseholdBlock block =
          block_reduce<HouseholdBlock>(begin, end, [&, b0 = begin](std::size_t b, std::size_t e) {
            return household_income(hh_, b0, b, e, month, regions[r], shocks_[r], rng_);
          });
      flows_[r].income.add(block.totals);
      claims[r] = std::move(block.claims);
      watch[r] = std::move(block.watch);
      flows_[r].months += 1;
      flows_[r].disasters = shocks_[r].disasters;
    }
  }
  // 7. Monitoring: who is at risk, and who of them is found.
  std::vector<std::vector<std::uint32_t>> monitored(n_regions);
  {
    auto t = timer.stamp(Phase::kMonitoring);
    for (std::size_t r = 0; r < n_regions; ++r) {
      const auto [begin, end] = households_of(r);
      const ScreeningRates rates =
          screening_rates(regions[r].params->monitoring, end - begin, monitored_count_[r]);
      const std::span<const std::uint32_t> list(watch[r]);
      MonitoringBlock block = block_reduce<MonitoringBlock>(
          0, list.size(), [&, b0 = begin](std::size_t b, std::size_t e) {
            return identify_risk(hh_, b0, list.subspan(b, e - b), month, regions[r], rates, rng_);
          });
      flows_[r].monitoring.add(block.tally);
      monitored[r] = std::move(block.monitored);
    }
  }
  // 8. Assistance, region by region (each region's budgets are its own).
  {
    auto t = timer.stamp(Phase::kAssistance);
    tbb::parallel_for(std::size_t{0}, n_regions, [&](std::size_t r) {
      Budgets budgets{&funds_[r].ledger, month.offset};
      flows_[r].assistance.add(settle_medical_claims(hh_, claims[r], month, budgets));
      flows_[r].assistance.add(
          assist(hh_, hh_.region_begin[r], monitored[r], month, regions[r], budgets, rng_));
      consumption_month(funds_[r], hh_, hh_.region_begin[r], enterprises_[r], month, regions[r]);
      microcredit_month(funds_[r], hh_, hh_.region_begin[r], hh_.region_begin[r + 1], month,
                        regions[r], shocks_[r], rng_);
    });
  }
  // 9. Risk elimination.
  {
    auto t = timer.stamp(Phase::kRiskElimination);
    for (std::size_t r = 0; r < n_regions; ++r) {
      const std::span<const std::uint32_t> list(monitored[r]);
      flows_[r].monitoring.add(
          block_reduce<MonitoringTally>(0, list.size(), [&](std::size_t b, std::size_t e) {
            return eliminate_risk(hh_, hh_.region_begin[r], list.subspan(b, e - b), month,
                                  regions[r], rng_);
          }));
      monitored_count_[r] = monitored[r].size();
    }
  }
  // 10. Metrics at the end of each calendar year (and of the period).
  {
    auto t = timer.stamp(Phase::kMetrics);
    if (month.year_end() || month.offset + 1 == params_.months()) {
      for (std::size_t r = 0; r < n_regions; ++r) {
        const RegionEnterprises& ent = enterprises_[r];
        flows_[r].enterprises.alive = static_cast<double>(ent.n_alive());
        double lifted_workers = 0;
        for (const Link& l : ent.links)
          if (l.kind == LinkKind::kEmployment && ent.alive[l.enterprise] &&
              (hh_.flags[hh_.region_begin[r] + l.household] & hh_flag::kLifted))
            lifted_workers += 1;
        flows_[r].enterprises.workers_lifted = lifted_workers;
      }
      for (std::size_t r = 0; r < n_regions; ++r) {
        FundState& fs = funds_[r];
        close_fund_year(fs, *regions[r].params, month.offset);
        flows_[r].funds = fund_year_tally(fs);
        const auto rows = fs.ledger.close_year(month.date.year, static_cast<std::uint32_t>(r));
        result_.funds.insert(result_.funds.end(), rows.begin(), rows.end());
      }
      result_.years.push_back(month.date.year);
      result_.values.push_back(close_year(hh_, regions, flows_, month));
      for (auto& f : flows_) f = YearFlows{};
    }
  }
  ++month_;
}

}  // namespace povsim
