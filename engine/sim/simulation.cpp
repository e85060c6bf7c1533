#include "sim/simulation.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
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

namespace {
/// For passes over regions' blocks that only write households.
struct NoResult {
  void add(const NoResult&) {}
};
}  // namespace

std::pair<std::size_t, std::size_t> Simulation::region_range(std::size_t r) const {
  return {hh_.region_begin[r], hh_.region_begin[r + 1]};
}

Simulation::Simulation(const Params& params, std::uint32_t replication, const Communicator& comm,
                       Unbuilt)
    : params_(params),
      comm_(&comm),
      rng_(static_cast<std::uint32_t>(params.seed), replication),
      shocks_(params.regions.size()),
      flows_(params.regions.size()),
      funds_(params.regions.size()),
      monitored_count_(params.regions.size(), 0),
      transport_left_(params.regions.size(), 0.0) {
  result_.replication = replication;
}

Simulation::Simulation(const Params& params, std::uint32_t replication, const Communicator& comm)
    : Simulation(params, replication, comm, Unbuilt{}) {
  hh_ = synthesize_population(params, rng_);
  result_.households = hh_.n();
  // The period starts from 2020's steady state: 低保 as assessed then, and a full year of income.
  const MonthContext first = month_context(params_, 0);
  const std::vector<RegionMonth> regions = schedule_month(params_, first, noise_);
  // Regions are independent here (their own households, keyed draws): all built side by side.
  enterprises_.resize(regions.size());
  tbb::parallel_for(std::size_t{0}, regions.size(), [&](std::size_t r) {
    enterprises_[r] =
        synthesize_enterprises(hh_, hh_.region_begin[r], hh_.region_begin[r + 1], regions[r], rng_);
  });
  cadres_.resize(regions.size());
  tbb::parallel_for(std::size_t{0}, regions.size(), [&](std::size_t r) {
    cadres_[r] =
        synthesize_cadres(hh_, hh_.region_begin[r], hh_.region_begin[r + 1],
                          regions[r].params->monitoring.pairing, regions[r].region_id, rng_);
  });
  block_reduce_ranges<NoResult>(
      regions.size(), [&](std::size_t r) { return region_range(r); },
      [&](std::size_t r, std::size_t b, std::size_t e) {
        dibao_assessment(hh_, hh_.region_begin[r], b, e, regions[r], rng_);
        seed_income_record(hh_, b, e, regions[r]);
        return NoResult{};
      });
}

void Simulation::step_month() {
  PhaseTimer& timer = result_.timer;
  const MonthContext month = month_context(params_, month_);
  const std::size_t n_regions = params_.regions.size();

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
        const auto [begin, end] = region_range(r);
        appropriate(funds_[r], *regions[r].params, end - begin, month.date.year, month.offset,
                    share, new_year);
      }
      budget_epoch_ = month.epoch;
    }
    // The transport subsidy: at most its budget a year, paid through the employment account
    // (with funds off, each payment is appropriated as it is made, so placements never draw on
    // transport money; with funds on, the account's money pays for it).
    if (new_year)
      for (std::size_t r = 0; r < n_regions; ++r) {
        const auto [begin, end] = region_range(r);
        transport_left_[r] = regions[r].params->labour.transport_subsidy.budget_per_household *
                             static_cast<double>(end - begin) * (13 - month.date.month) / 12.0;
      }
    for (std::size_t r = 0; r < n_regions; ++r) {
      const double amount = regions[r].params->labour.transport_subsidy.amount;
      regions[r].transport_subsidy_open =
          amount > 0 && transport_left_[r] >= amount &&
          (!regions[r].params->funds.enabled ||
           funds_[r].ledger.left(FundAccount::kEmployment) >= to_fen(amount));
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
    tbb::parallel_for(std::size_t{0}, n_regions, [&](std::size_t r) {
      enterprise_month(enterprises_[r], hh_, hh_.region_begin[r], month, regions[r], rng_,
                       shocks_[r].price_multiplier, flows_[r].enterprises, funds_[r]);
    });
  }
  // 5. Labour market: local vacancies filled (migrant work moves in the household pass).
  {
    auto t = timer.stamp(Phase::kLabour);
    tbb::parallel_for(std::size_t{0}, n_regions, [&](std::size_t r) {
      labour_market(enterprises_[r], hh_, hh_.region_begin[r], month, regions[r], rng_,
                    flows_[r].enterprises);
    });
  }
  // 6–7. Households: 低保 assessment, then incomes, shocks and transfers; then monitoring's
  //      screening of each household at risk (its rates from last month's caseload).
  std::vector<std::vector<MedicalClaim>> claims(n_regions);
  std::vector<std::vector<std::uint32_t>> monitored(n_regions);
  std::vector<std::vector<std::uint8_t>> offers(n_regions);
  {
    auto t = timer.stamp(Phase::kHouseholds);
    std::vector<ScreeningRates> rates;
    rates.reserve(n_regions);
    for (std::size_t r = 0; r < n_regions; ++r) {
      const auto [begin, end] = region_range(r);
      rates.push_back(
          screening_rates(regions[r].params->monitoring, end - begin, monitored_count_[r]));
    }
    // Every region's blocks in one parallel loop (832 counties would otherwise synchronise 832
    // times a month); blocks and their order of combination per region are block_reduce's. In
    // assessment months a block's 低保 assessment runs just before its incomes (it reads and
    // writes only that block's households), so the columns are swept once.
    std::vector<HouseholdBlock> blocks = block_reduce_ranges<HouseholdBlock>(
        n_regions, [&](std::size_t r) { return region_range(r); },
        [&](std::size_t r, std::size_t b, std::size_t e) {
          const int interval = regions[r].params->transfers.dibao.assessment_interval_months;
          if (month.offset % interval == 0)
            dibao_assessment(hh_, hh_.region_begin[r], b, e, regions[r], rng_);
          return household_income(hh_, hh_.region_begin[r], b, e, month, regions[r], shocks_[r],
                                  rates[r], rng_);
        });
    for (std::size_t r = 0; r < n_regions; ++r) {
      flows_[r].income.add(blocks[r].totals);
      settle_transport_subsidies(hh_, blocks[r].movers, month, regions[r], transport_left_[r],
                                 funds_[r].ledger, flows_[r].enterprises);
      claims[r] = std::move(blocks[r].claims);
      flows_[r].monitoring.add(blocks[r].screened.tally);
      monitored[r] = std::move(blocks[r].screened.monitored);
      offers[r] = std::move(blocks[r].screened.offers);
      flows_[r].months += 1;
      flows_[r].disasters = shocks_[r].disasters;
    }
  }
  // 7. Monitoring, continued: 结对帮扶 — monitored households without a cadre get one while
  //    cadres have room.
  {
    auto t = timer.stamp(Phase::kMonitoring);
    for (std::size_t r = 0; r < n_regions; ++r)
      flows_[r].monitoring.pair_handovers +=
          static_cast<double>(pair_monitored(cadres_[r], hh_, hh_.region_begin[r], monitored[r]));
  }
  // 8. Assistance, region by region (each region's budgets are its own).
  {
    auto t = timer.stamp(Phase::kAssistance);
    tbb::parallel_for(std::size_t{0}, n_regions, [&](std::size_t r) {
      Budgets budgets{&funds_[r].ledger, month.offset};
      flows_[r].assistance.add(settle_medical_claims(hh_, claims[r], month, budgets));
      flows_[r].assistance.add(assist(hh_, enterprises_[r], hh_.region_begin[r], monitored[r],
                                      offers[r], month, regions[r], budgets, rng_));
      consumption_month(funds_[r], hh_, hh_.region_begin[r], enterprises_[r], month, regions[r]);
      microcredit_month(funds_[r], hh_, hh_.region_begin[r], hh_.region_begin[r + 1], month,
                        regions[r], shocks_[r], rng_);
    });
  }
  // 9. Risk elimination.
  {
    auto t = timer.stamp(Phase::kRiskElimination);
    const std::vector<MonitoringTally> tallies = block_reduce_ranges<MonitoringTally>(
        n_regions,
        [&](std::size_t r) {
          return std::pair<std::size_t, std::size_t>{0, monitored[r].size()};
        },
        [&](std::size_t r, std::size_t b, std::size_t e) {
          const std::span<const std::uint32_t> list(monitored[r]);
          return eliminate_risk(hh_, hh_.region_begin[r], list.subspan(b, e - b), month, regions[r],
                                rng_);
        });
    for (std::size_t r = 0; r < n_regions; ++r) {
      flows_[r].monitoring.add(tallies[r]);
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
        double revenue_index = 0;
        for (std::size_t e = 0; e < ent.n(); ++e)
          if (ent.alive[e]) revenue_index += std::exp(static_cast<double>(ent.revenue[e]));
        flows_[r].enterprises.revenue_index = revenue_index;
        double lifted_workers = 0;
        for (const Link& l : ent.links)
          if (l.kind == LinkKind::kEmployment && ent.alive[l.enterprise] &&
              (hh_.flags[hh_.region_begin[r] + l.household] & hh_flag::kLifted))
            lifted_workers += 1;
        flows_[r].enterprises.workers_lifted = lifted_workers;
      }
      // The funds' year: lapses and carry-over, the tally, and the ledger's rows for funds.csv.
      std::vector<FundYearRow> fund_rows;
      for (std::size_t r = 0; r < n_regions; ++r) {
        FundState& fs = funds_[r];
        close_fund_year(fs, *regions[r].params, month.offset);
        flows_[r].funds = fund_year_tally(fs);
        const auto rows = fs.ledger.close_year(month.date.year, static_cast<std::uint32_t>(r));
        fund_rows.insert(fund_rows.end(), rows.begin(), rows.end());
      }
      // Alone: every region and `all`. Under MPI: this rank's regions, then `all` on rank 0
      // from every region's raw sums and incomes (close_regions, close_all).
      std::vector<MetricValues> values;
      if (comm_->size() == 1) {
        values = close_year(hh_, regions, flows_, month);
      } else {
        std::vector<YearTally> tallies;
        std::vector<float> per_capita;
        values =
            gather_rows(*comm_, close_regions(hh_, regions, flows_, month, tallies, per_capita));
        tallies = gather_rows(*comm_, tallies);
        const std::vector<YearFlows> flows = gather_rows(*comm_, flows_);
        per_capita = gather_rows(*comm_, per_capita);
        if (comm_->root()) values.push_back(close_all(tallies, flows, std::move(per_capita)));
        // The ranks' regions are contiguous blocks in order: rows arrive in region order, each
        // region's accounts together; their region index becomes the global one.
        fund_rows = gather_rows(*comm_, fund_rows);
        for (std::size_t k = 0; k < fund_rows.size(); ++k)
          fund_rows[k].region = static_cast<std::uint32_t>(k / kFundAccountCount);
      }
      result_.funds.insert(result_.funds.end(), fund_rows.begin(), fund_rows.end());
      result_.years.push_back(month.date.year);
      result_.values.push_back(std::move(values));
      for (auto& f : flows_) f = YearFlows{};
    }
  }
  ++month_;
}

}  // namespace povsim
