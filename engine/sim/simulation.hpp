#pragma once
#include <cstdint>
#include <vector>

#include "core/normal_table.hpp"
#include "core/phase_timer.hpp"
#include "core/rng.hpp"
#include "funds/fund_state.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "phases/assistance.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/metrics.hpp"
#include "scenario/params.hpp"

namespace povsim {

/// What one replication produced: metric values per year and region (`all` last).
struct ReplicationResult {
  std::uint32_t replication = 0;
  std::vector<int> years;
  std::vector<std::vector<MetricValues>> values;  // [year][region]
  std::vector<FundYearRow> funds;                 // per year, region, account (funds.csv)
  std::size_t households = 0;
  PhaseTimer timer;
};

/// One replication of a scenario: the state and the ordered monthly phases.
class Simulation {
 public:
  Simulation(const Params& params, std::uint32_t replication);

  /// Runs one month: the model's phases in their fixed order.
  void step_month();
  bool done() const { return month_ >= params_.months(); }
  int month() const { return month_; }
  const Households& households() const { return hh_; }
  Households& households() { return hh_; }
  const std::vector<RegionEnterprises>& enterprises() const { return enterprises_; }
  std::vector<RegionEnterprises>& enterprises() { return enterprises_; }
  /// Runs the remaining months; `on_month` is called after each.
  template <class OnMonth>
  ReplicationResult run(OnMonth&& on_month) {
    while (!done()) {
      step_month();
      on_month();
    }
    return std::move(result_);
  }

 private:
  const Params& params_;
  Rng rng_;
  Households hh_;
  std::vector<RegionEnterprises> enterprises_;
  std::vector<std::vector<double>> hazard_multiplier_;  // [region][enterprise kind], this year
  std::vector<RegionShockState> shocks_;
  std::vector<YearFlows> flows_;
  std::vector<FundState> funds_;  // per region: ledger, loans (plain state)
  std::vector<std::size_t> monitored_count_;
  int budget_epoch_ = -1;
  LognormalTables noise_;
  int month_ = 0;
  ReplicationResult result_;
};

}  // namespace povsim
