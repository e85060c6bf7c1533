#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/calendar.hpp"

namespace povsim {

/// A value per calendar year (yuan lines, growth rates); every simulated year must be present.
using YearSeries = std::map<int, double>;

/// Looks up `year`, falling back to the nearest year present (validated coverage makes this exact).
double at_year(const YearSeries& series, int year);

/// Mean and coefficient of variation of a lognormal quantity.
struct LogNormalSpec {
  double mean = 0;
  double cv = 0;
};

struct LabourShares {
  double strong = 0;  // 有劳动能力
  double weak = 0;    // 弱劳动能力
  double none = 0;    // 无劳动能力
};

struct PopulationParams {
  std::vector<double> household_size_shares;  // [i] = share of households with i+1 persons
  double lifted_share = 0;                    // 脱贫户 among all households
  double households_per_village = 0;
  LabourShares labour_lifted;
  LabourShares labour_general;
  double extra_worker_probability = 0;
  double elderly_share_of_dependants = 0;
  double student_share_of_children = 0;
  double chronic_illness_share = 0;
};

struct IncomeSourceParams {
  double share = 0;          // of per-capita income before pensions and 低保
  double participation = 0;  // households (with the capacity) that have this source
  double cv = 0;             // household-level spread
};

struct EconomyParams {
  double per_capita_income_2020_lifted = 0;  // yuan/person/year
  double general_to_lifted_income_ratio = 0;
  IncomeSourceParams wage_local;
  IncomeSourceParams wage_migrant;
  IncomeSourceParams operating;
  IncomeSourceParams property;
  IncomeSourceParams subsidy;
  double weak_labour_productivity = 0;
  YearSeries trend_growth;              // per year
  double permanent_sd = 0;              // per year, log
  double transitory_sd = 0;             // per month, log
  double migrant_job_loss_rate = 0;     // per month
  double migrant_job_finding_rate = 0;  // per month
};

struct HealthShockParams {
  double annual_probability = 0;
  LogNormalSpec cost;             // yuan per event
  double lost_labour_months = 0;  // mean
  double disability_probability = 0;
};

struct LossShockParams {
  double annual_probability = 0;
  double loss_share = 0;
};

struct DisasterParams {
  double annual_probability = 0;
  double affected_share = 0;
  double loss_share = 0;
  int duration_months = 0;
};

struct ShockParams {
  HealthShockParams illness;
  double chronic_illness_multiplier = 0;
  double elderly_illness_multiplier = 0;
  HealthShockParams accident;
  LossShockParams business_failure;
  LossShockParams livestock_loss;
  DisasterParams disaster;
  double price_sd = 0;                    // annual, log, region-wide operating-income multiplier
  double education_cost_per_student = 0;  // yuan/year, out of pocket after subsidies
};

struct DibaoParams {
  bool enabled = false;
  YearSeries standard;  // yuan/person/year
  double take_up = 0;
  int assessment_interval_months = 0;
  double exit_margin = 0;
};

struct TransferParams {
  DibaoParams dibao;
  YearSeries pension_per_elderly;  // yuan/year
  double medical_reimbursement_share = 0;
  double medical_out_of_pocket_cap = 0;  // yuan per event; 0 = no cap
};

struct LineParams {
  YearSeries poverty;     // yuan/person/year
  YearSeries monitoring;  // yuan/person/year
};

/// Everything that may differ by region and (except population) by policy epoch.
struct RegionParams {
  PopulationParams population;
  EconomyParams economy;
  ShockParams shocks;
  TransferParams transfers;
  LineParams lines;
};

struct RegionSpec {
  std::string name;
  std::int64_t households = 0;
  std::string profile;  // path as written
  std::uint32_t stable_id = 0;
};

struct OutputParams {
  bool per_region = true;
};

/// The validated, immutable scenario. The simulation reads nothing else.
struct Params {
  std::string schema;
  std::string name;
  std::string description;
  YearMonth start;
  YearMonth end;
  std::int64_t seed = 0;
  int replications = 0;
  OutputParams outputs;
  std::vector<RegionSpec> regions;

  /// Policy epochs: months [epoch_start[e], epoch_start[e+1]) use region_params[e][region].
  std::vector<int> epoch_start;  // month offsets from `start`, first is 0
  std::vector<std::vector<RegionParams>> region_params;

  int months() const { return end.index() - start.index() + 1; }
  int epoch_of(int month_offset) const;
  const RegionParams& region(int epoch, std::size_t region_idx) const {
    return region_params[static_cast<std::size_t>(epoch)][region_idx];
  }
};

}  // namespace povsim
