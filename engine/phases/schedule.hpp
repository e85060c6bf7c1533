#pragma once
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/normal_table.hpp"
#include "phases/survey_error.hpp"
#include "scenario/params.hpp"

namespace povsim {

/// Where the simulation is in time, and which policy epoch applies.
struct MonthContext {
  int offset = 0;  // months since the start of the period
  YearMonth date;  // calendar month
  int epoch = 0;   // index into Params::region_params
  bool year_end() const { return date.month == 12; }
};

/// Per-region constants of one month, derived once from the epoch's parameters (phase 1).
struct RegionMonth {
  const RegionParams* params = nullptr;
  std::uint32_t region_id = 0;
  double january_growth = 1;         // applied to capacities in January: this year's trend growth
  double permanent_persistence = 1;  // AR(1) coefficient of the log persistent component
  double permanent_shift = 0;        // added to this January's log innovation: keeps E[exp(p)] at 1
  double illness_p = 0;              // monthly event probabilities
  double accident_p = 0;
  double business_p = 0;
  double livestock_p = 0;
  double pension_monthly = 0;                       // yuan per elderly member
  double dibao_standard = 0;                        // yuan/person/year
  double tekun_standard = 0;                        // yuan/person/year (特困 basic living)
  double poverty_line = 0;                          // yuan/person/year, this year
  double monitoring_line = 0;                       // yuan/person/year, this year
  const QuantileTable* permanent_noise = nullptr;   // monthly persistent income factor
  const QuantileTable* transitory_noise = nullptr;  // this month's income factor
  SurveyBand survey;  // the surveyed income's error at this month's monitoring line
  bool transport_subsidy_open = false;  // the year's transport-subsidy budget is not yet spent
};

MonthContext month_context(const Params& params, int offset);

/// Phase 1 (schedule): resolves each region's parameters for this month.
std::vector<RegionMonth> schedule_month(const Params& params, const MonthContext& month,
                                        LognormalTables& noise);

/// Monthly probability of an event with the given annual probability.
double monthly_probability(double annual);

}  // namespace povsim
