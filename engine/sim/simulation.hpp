#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "core/normal_table.hpp"
#include "core/phase_timer.hpp"
#include "core/rng.hpp"
#include "funds/fund_state.hpp"
#include "model/cadres.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "parallel/communicator.hpp"
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
  /// `params` holds this process's regions; under MPI, `comm` joins the ranks' years into the
  /// whole run's table on rank 0 (see close_regions and close_all).
  Simulation(const Params& params, std::uint32_t replication,
             const Communicator& comm = single_process());
  /// The same without building the population: the state is to be loaded from a checkpoint.
  struct Unbuilt {};
  Simulation(const Params& params, std::uint32_t replication, const Communicator& comm, Unbuilt);

  /// Runs one month: the model's phases in their fixed order.
  void step_month();
  bool done() const { return month_ >= params_.months(); }
  int month() const { return month_; }
  const Households& households() const { return hh_; }
  Households& households() { return hh_; }
  const std::vector<RegionEnterprises>& enterprises() const { return enterprises_; }
  std::vector<RegionEnterprises>& enterprises() { return enterprises_; }
  std::uint32_t replication() const { return result_.replication; }
  /// The results so far (complete once done()); leaves the simulation without them.
  ReplicationResult take_result() { return std::move(result_); }
  const ReplicationResult& partial_result() const { return result_; }

  /// Every member that changes during a run, one line each, in one place: checkpoints save and
  /// load exactly this (sim/checkpoint.hpp). A new state member needs its line here (and, if it
  /// is not trivially copyable, a serialize() of its own, see sim/state_io.hpp). Configuration
  /// (params_, rng_) and caches (noise_) are rebuilt from the scenario instead.
  template <class Archive>
  void serialize(Archive& ar) {
    ar(month_);
    ar(budget_epoch_);
    ar(hh_);
    ar(enterprises_);
    ar(cadres_);
    ar(transport_left_);
    ar(shocks_);
    ar(flows_);
    ar(funds_);
    ar(monitored_count_);
    ar(result_.households);
    ar(result_.years);
    ar(result_.values);
    ar(result_.funds);
  }

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
  std::pair<std::size_t, std::size_t> region_range(std::size_t r) const;  // its households
  const Params& params_;
  const Communicator* comm_;
  Rng rng_;
  Households hh_;
  std::vector<RegionEnterprises> enterprises_;
  std::vector<RegionCadres> cadres_;
  std::vector<RegionShockState> shocks_;
  std::vector<YearFlows> flows_;
  std::vector<FundState> funds_;  // per region: ledger, loans (plain state)
  std::vector<std::size_t> monitored_count_;
  std::vector<double> transport_left_;  // yuan of this year's transport subsidy left, per region
  int budget_epoch_ = -1;
  LognormalTables noise_;
  int month_ = 0;
  ReplicationResult result_;
};

}  // namespace povsim
