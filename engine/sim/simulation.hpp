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
#include "phases/household_income.hpp"
#include "phases/metrics.hpp"
#include "phases/schedule.hpp"
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

  /// Runs one month: begin_month(), then every phase in the order of the Phase enum
  /// (core/phase_timer.hpp), each under its timer stamp, then end_month().
  void step_month();
  /// Makes month() the current month: its calendar context, read by every phase.
  void begin_month();
  /// Runs one phase of the current month, untimed. step_month runs them all in order; a
  /// benchmark may time one of them alone, running the others around it as step_month does.
  void run_phase(Phase phase);
  /// Ends the current month (after its last phase).
  void end_month() { ++month_; }
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
    if constexpr (Archive::kLoading) {
      // Each region's enterprise graph has a vertex per household of the region and per
      // enterprise: its household count comes from the households just loaded, and
      // serialize(RegionEnterprises) refuses a file that says otherwise before it allocates the
      // graph (a crafted count with a matching checksum asked for gigabytes; fuzz_checkpoint).
      if (hh_.region_begin.size() != params_.regions.size() + 1)
        ar.corrupt("household region bounds for another number of regions");
      enterprises_.assign(params_.regions.size(), RegionEnterprises{});
      for (std::size_t r = 0; r < enterprises_.size(); ++r)
        enterprises_[r].n_households = hh_.region_begin[r + 1] - hh_.region_begin[r];
    }
    ar(enterprises_);
    if constexpr (Archive::kLoading)
      if (enterprises_.size() != params_.regions.size())
        ar.corrupt("enterprises for another number of regions");
    ar(cadres_);
    ar(transport_left_);
    ar(shocks_);
    ar(flows_);
    ar(funds_);
    ar(monitored_count_);
    ar(pending_count_);
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
  // The phases, one member each, in the order step_month runs them (phase numbers of
  // docs/model.md in brackets).
  void schedule();                // [1] this month's parameters per region
  void start_year();              // each January: the year's flows start from zero
  void funds_in();                // [2] the year's (or a new policy epoch's) money
  void open_transport_subsidy();  // [2] the year's transport-subsidy budget; open this month?
  void shock_regions();           // [3] covariate shocks
  void run_enterprises();         // [4] sector shocks, entry, subsidies, failures
  void run_labour_market();       // [5] local vacancies filled
  void run_households();          // [5–7] 低保, incomes, shocks, transfers, screening
  void pair_cadres();             // [7] 结对帮扶
  void run_assistance();          // [8] assistance, consumption support, 小额信贷
  void run_industry_projects();   // [8a] industry projects produce, then new ones are bought
  void run_risk_elimination();    // [9] risk elimination
  void close_the_year();          // [10] year end: tallies, funds' year, metrics (and MPI gather)
  // The year close's parts.
  bool closes_year() const;
  void tally_enterprise_year();
  std::vector<FundYearRow> close_fund_years();
  void record_year(std::vector<FundYearRow> fund_rows);

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
  std::vector<std::size_t> pending_count_;  // per region: households awaiting approval
  std::vector<double> transport_left_;  // yuan of this year's transport subsidy left, per region
  int budget_epoch_ = -1;
  LognormalTables noise_;
  int month_ = 0;
  ReplicationResult result_;

  // The month in progress, rebuilt by its phases each month (never saved: checkpoints are taken
  // between months).
  MonthContext month_ctx_;
  std::vector<RegionMonth> regions_;                   // this month's parameters per region
  std::vector<std::vector<MedicalClaim>> claims_;      // per region, from the household pass
  std::vector<std::vector<std::uint32_t>> losses_;     // … households with a loss this month
  std::vector<std::vector<std::uint32_t>> monitored_;  // per region: monitored households
  std::vector<std::vector<std::uint8_t>> offers_;      // … and their standing offers
};

}  // namespace povsim
