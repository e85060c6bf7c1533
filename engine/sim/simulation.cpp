#include "sim/simulation.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "core/block_reduce.hpp"
#include "funds/microcredit.hpp"
#include "model/population.hpp"
#include "phases/demography.hpp"
#include "phases/enterprises.hpp"
#include "phases/household_income.hpp"
#include "phases/industry_projects.hpp"
#include "phases/monitoring.hpp"
#include "phases/risk_elimination.hpp"
#include "phases/schedule.hpp"
#include "phases/start_income.hpp"
#include "phases/starting_caseload.hpp"
#include "phases/temporary_assistance.hpp"
#include "phases/transfers.hpp"

namespace povsim {

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
      pending_count_(params.regions.size(), 0),
      transport_left_(params.regions.size(), 0.0) {
  result_.replication = replication;
}

Simulation::Simulation(const Params& params, std::uint32_t replication, const Communicator& comm)
    : Simulation(params, replication, comm, Unbuilt{}) {
  IncomeScales scales;
  hh_ = synthesize_population(params, rng_, &scales);
  result_.households = hh_.n();
  // The period starts from the year before it, at the profiles' 2020 figures.
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
  // 低保 as assessed then and a simulated year of income at the profile's 2020 level, lifted
  // households drawn conditional on having exited (phases/start_income.hpp).
  settle_start_income(hh_, params_, regions, scales, rng_);
  // The monitored stock the pre-2021 system left, ranked on the simulated 2020 record.
  tbb::parallel_for(std::size_t{0}, regions.size(), [&](std::size_t r) {
    place_starting_caseload(hh_, hh_.region_begin[r], hh_.region_begin[r + 1], regions[r], rng_);
  });
}

void Simulation::step_month() {
  begin_month();
  for (int k = 0; k < static_cast<int>(Phase::kCount); ++k) {
    const auto phase = static_cast<Phase>(k);
    auto t = result_.timer.stamp(phase);
    run_phase(phase);
  }
  end_month();
}

void Simulation::begin_month() { month_ctx_ = month_context(params_, month_); }

void Simulation::run_phase(Phase phase) {
  switch (phase) {
    case Phase::kSchedule:
      return schedule();
    case Phase::kYearStart:
      return start_year();
    case Phase::kFundsIn:
      return funds_in();
    case Phase::kTransportSubsidy:
      return open_transport_subsidy();
    case Phase::kCovariateShocks:
      return shock_regions();
    case Phase::kEnterprises:
      return run_enterprises();
    case Phase::kLabour:
      return run_labour_market();
    case Phase::kHouseholds:
      return run_households();
    case Phase::kMonitoring:
      return pair_cadres();
    case Phase::kAssistance:
      return run_assistance();
    case Phase::kIndustryProjects:
      return run_industry_projects();
    case Phase::kRiskElimination:
      return run_risk_elimination();
    case Phase::kYearClose:
      return close_the_year();
    case Phase::kCount:
      break;
  }
}

namespace {
/// The first month of a calendar year, or of the period.
bool new_year(const MonthContext& month) { return month.date.month == 1 || month.offset == 0; }
}  // namespace

void Simulation::schedule() { regions_ = schedule_month(params_, month_ctx_, noise_); }

void Simulation::start_year() {
  if (!new_year(month_ctx_)) return;
  for (auto& f : flows_) f = YearFlows{};
  // Births, deaths and life stages first: the year's opening stock counts the persons of
  // January, so that within the year stock and flows add up in persons as in households.
  const std::vector<DemographyTally> demography = block_reduce_ranges<DemographyTally>(
      regions_.size(), [&](std::size_t r) { return region_range(r); },
      [&](std::size_t r, std::size_t b, std::size_t e) {
        return age_households(hh_, hh_.region_begin[r], b, e, month_ctx_, regions_[r], rng_);
      });
  for (std::size_t r = 0; r < regions_.size(); ++r) flows_[r].demography = demography[r];
  open_year(hh_, flows_);
}

// Each January the year's sources enter the region's ledger and are allocated to programme
// accounts (funds/fund_state.hpp); with funds off, a policy epoch that changes the programme
// budgets during the year adds or withdraws the change pro rata.
void Simulation::funds_in() {
  const MonthContext& month = month_ctx_;
  const bool january = new_year(month);
  if (!january && month.epoch == budget_epoch_) return;
  const double share = (13 - month.date.month) / 12.0;
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    const auto [begin, end] = region_range(r);
    appropriate(funds_[r], *regions_[r].params, end - begin, month.date.year, month.offset, share,
                january);
  }
  budget_epoch_ = month.epoch;
}

// The transport subsidy: at most its budget a year, paid through the employment account (with
// funds off, each payment is appropriated as it is made, so placements never draw on transport
// money; with funds on, the account's money pays for it). The household pass reads whether it is
// open this month; settle_transport_subsidies pays this month's movers after it.
void Simulation::open_transport_subsidy() {
  const MonthContext& month = month_ctx_;
  if (new_year(month))
    for (std::size_t r = 0; r < regions_.size(); ++r) {
      const auto [begin, end] = region_range(r);
      transport_left_[r] = regions_[r].params->labour.transport_subsidy.budget_per_household *
                           static_cast<double>(end - begin) * (13 - month.date.month) / 12.0;
      // The budget in whole payments: the remainder below one pays one more with probability
      // remainder / amount, so a place too small for one payment still pays one in expectation.
      const double amount = regions_[r].params->labour.transport_subsidy.amount;
      if (amount > 0 && transport_left_[r] > 0) {
        const double whole = std::floor(transport_left_[r] / amount);
        const double u =
            rng_.uniforms(0, regions_[r].region_id, static_cast<std::uint32_t>(month.offset),
                          Stream::kLabour, draw::kTransportLottery)[0];
        const double extra = u < transport_left_[r] / amount - whole ? 1.0 : 0.0;
        transport_left_[r] = (whole + extra) * amount;
      }
    }
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    const double amount = regions_[r].params->labour.transport_subsidy.amount;
    regions_[r].transport_subsidy_open =
        amount > 0 && transport_left_[r] >= amount &&
        (!regions_[r].params->funds.enabled ||
         funds_[r].ledger.left(FundAccount::kEmployment) >= to_fen(amount));
  }
}

void Simulation::shock_regions() { covariate_shocks(month_ctx_, regions_, rng_, shocks_); }

// Sector shocks, entry and subsidies each January; failures end all links.
void Simulation::run_enterprises() {
  tbb::parallel_for(std::size_t{0}, regions_.size(), [&](std::size_t r) {
    enterprise_month(enterprises_[r], hh_, hh_.region_begin[r], month_ctx_, regions_[r], rng_,
                     shocks_[r].price_multiplier, flows_[r].enterprises, funds_[r]);
  });
}

// Local vacancies filled (migrant work moves in the household pass).
void Simulation::run_labour_market() {
  tbb::parallel_for(std::size_t{0}, regions_.size(), [&](std::size_t r) {
    labour_market(enterprises_[r], hh_, hh_.region_begin[r], month_ctx_, regions_[r], rng_,
                  flows_[r].enterprises);
  });
}

// 低保 assessment, then incomes, shocks and transfers; then monitoring's screening of each
// household at risk (its rates from last month's caseload).
void Simulation::run_households() {
  const MonthContext& month = month_ctx_;
  const std::size_t n_regions = regions_.size();
  std::vector<ScreeningRates> rates;
  rates.reserve(n_regions);
  for (std::size_t r = 0; r < n_regions; ++r) {
    const auto [begin, end] = region_range(r);
    rates.push_back(screening_rates(regions_[r].params->monitoring, end - begin,
                                    monitored_count_[r], pending_count_[r]));
  }
  // Every region's blocks in one parallel loop (832 counties would otherwise synchronise 832
  // times a month); blocks and their order of combination per region are block_reduce's. In
  // assessment months a block's 低保 assessment runs just before its incomes (it reads and
  // writes only that block's households), so the columns are swept once.
  std::vector<HouseholdBlock> blocks = block_reduce_ranges<HouseholdBlock>(
      n_regions, [&](std::size_t r) { return region_range(r); },
      [&](std::size_t r, std::size_t b, std::size_t e) {
        const int interval = regions_[r].params->transfers.dibao.assessment_interval_months;
        if (month.offset % interval == 0)
          dibao_assessment(hh_, hh_.region_begin[r], b, e, regions_[r], rng_,
                           static_cast<std::uint32_t>(month.offset));
        return household_income(hh_, hh_.region_begin[r], b, e, month, regions_[r], shocks_[r],
                                rates[r], rng_);
      });
  claims_.resize(n_regions);
  losses_.resize(n_regions);
  monitored_.resize(n_regions);
  offers_.resize(n_regions);
  for (std::size_t r = 0; r < n_regions; ++r) {
    flows_[r].income.add(blocks[r].totals);
    settle_transport_subsidies(hh_, blocks[r].movers, month, regions_[r], transport_left_[r],
                               funds_[r].ledger, flows_[r].enterprises);
    claims_[r] = std::move(blocks[r].claims);
    losses_[r] = std::move(blocks[r].losses);
    flows_[r].monitoring.add(blocks[r].screened.tally);
    pending_count_[r] = static_cast<std::size_t>(blocks[r].screened.tally.pending);
    monitored_[r] = std::move(blocks[r].screened.monitored);
    offers_[r] = std::move(blocks[r].screened.offers);
    flows_[r].months += 1;
    flows_[r].disasters = shocks_[r].disasters;
  }
}

// 结对帮扶: monitored households without a cadre get one while cadres have room.
void Simulation::pair_cadres() {
  for (std::size_t r = 0; r < regions_.size(); ++r)
    flows_[r].monitoring.pair_handovers +=
        static_cast<double>(pair_monitored(cadres_[r], hh_, hh_.region_begin[r], monitored_[r]));
}

// Region by region (each region's budgets are its own).
void Simulation::run_assistance() {
  const MonthContext& month = month_ctx_;
  tbb::parallel_for(std::size_t{0}, regions_.size(), [&](std::size_t r) {
    Budgets budgets{&funds_[r].ledger, month.offset};
    flows_[r].assistance.add(settle_medical_claims(hh_, claims_[r], month, budgets));
    flows_[r].temporary.add(temporary_assistance(hh_, losses_[r], month, regions_[r], budgets));
    flows_[r].assistance.add(assist(hh_, enterprises_[r], hh_.region_begin[r], monitored_[r],
                                    offers_[r], month, regions_[r], budgets, rng_));
    consumption_month(funds_[r], hh_, hh_.region_begin[r], enterprises_[r], month, regions_[r]);
    microcredit_month(funds_[r], hh_, hh_.region_begin[r], hh_.region_begin[r + 1], month,
                      regions_[r], shocks_[r], rng_);
  });
}

// Industry projects (phases/industry_projects.hpp): every region's live projects produce in one
// parallel pass over fixed blocks (a byte per household for those without one); then each
// region buys this month's projects from its industry account, monitored households first.
// Project income is operating income.
void Simulation::run_industry_projects() {
  const std::size_t n_regions = regions_.size();
  bool any = false;
  for (const RegionMonth& r : regions_) any |= r.params->assistance.industry.projects.enabled;
  if (!any) return;
  const std::vector<ProjectTally> produced = block_reduce_ranges<ProjectTally>(
      n_regions, [&](std::size_t r) { return region_range(r); },
      [&](std::size_t r, std::size_t b, std::size_t e) {
        return produce_projects(hh_, hh_.region_begin[r], b, e, month_ctx_, regions_[r], shocks_[r],
                                rng_);
      });
  tbb::parallel_for(std::size_t{0}, n_regions, [&](std::size_t r) {
    Budgets budgets{&funds_[r].ledger, month_ctx_.offset};
    const auto [begin, end] = region_range(r);
    ProjectTally t = produced[r];
    t.add(buy_projects(hh_, begin, end, monitored_[r], month_ctx_, regions_[r], budgets, rng_));
    flows_[r].projects.add(t);
    flows_[r].income.operating += t.income_yuan;
  });
}

void Simulation::run_risk_elimination() {
  const std::size_t n_regions = regions_.size();
  const std::vector<MonitoringTally> tallies = block_reduce_ranges<MonitoringTally>(
      n_regions,
      [&](std::size_t r) {
        return std::pair<std::size_t, std::size_t>{0, monitored_[r].size()};
      },
      [&](std::size_t r, std::size_t b, std::size_t e) {
        const std::span<const std::uint32_t> list(monitored_[r]);
        return eliminate_risk(hh_, hh_.region_begin[r], list.subspan(b, e - b), month_ctx_,
                              regions_[r], rng_);
      });
  for (std::size_t r = 0; r < n_regions; ++r) {
    flows_[r].monitoring.add(tallies[r]);
    monitored_count_[r] = monitored_[r].size();
  }
}

// At the end of each calendar year (and of the period).
bool Simulation::closes_year() const {
  return month_ctx_.year_end() || month_ctx_.offset + 1 == params_.months();
}

void Simulation::close_the_year() {
  if (!closes_year()) return;
  tally_enterprise_year();
  record_year(close_fund_years());
}

// The enterprises alive at the year's end, their revenue index and lifted workers employed.
void Simulation::tally_enterprise_year() {
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    const RegionEnterprises& ent = enterprises_[r];
    flows_[r].enterprises.alive = static_cast<double>(ent.n_alive());
    double revenue_index = 0;
    for (std::size_t e = 0; e < ent.n(); ++e)
      if (ent.alive[e]) revenue_index += std::exp(static_cast<double>(ent.revenue[e]));
    flows_[r].enterprises.revenue_index = revenue_index;
    double lifted_workers = 0;
    for (const Link& l : ent.links)
      if (l.kind == LinkKind::kEmployment && ent.live(l) &&
          (hh_.flags[hh_.region_begin[r] + l.household] & hh_flag::kLifted))
        lifted_workers += 1;
    flows_[r].enterprises.workers_lifted = lifted_workers;
  }
}

// The funds' year: lapses and carry-over, the tally, and the ledger's rows for funds.csv.
std::vector<FundYearRow> Simulation::close_fund_years() {
  std::vector<FundYearRow> fund_rows;
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    FundState& fs = funds_[r];
    close_fund_year(fs, *regions_[r].params, month_ctx_.offset);
    flows_[r].funds = fund_year_tally(fs);
    const auto rows = fs.ledger.close_year(month_ctx_.date.year, static_cast<std::uint32_t>(r));
    fund_rows.insert(fund_rows.end(), rows.begin(), rows.end());
  }
  return fund_rows;
}

// The year's metric rows and fund rows into the result. Alone: every region and `all`. Under
// MPI: this rank's regions, then `all` on rank 0 from every region's raw sums and incomes
// (close_regions, close_all).
void Simulation::record_year(std::vector<FundYearRow> fund_rows) {
  const MonthContext& month = month_ctx_;
  std::vector<MetricValues> values;
  if (comm_->size() == 1) {
    values = close_year(hh_, regions_, flows_, month);
  } else {
    std::vector<YearTally> tallies;
    std::vector<float> per_capita;
    values = gather_rows(*comm_, close_regions(hh_, regions_, flows_, month, tallies, per_capita));
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
}

}  // namespace povsim
