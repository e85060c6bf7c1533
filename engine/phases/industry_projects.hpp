#pragma once
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/assistance.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// The kinds of household industry project, as stored in Households::project_kind (0 = none;
/// kProjectFailed is or-ed in once the project has stopped producing, so the household keeps
/// the record of the measure it was given).
enum class ProjectKind : std::uint8_t {
  kNone = 0,
  kLivestock = 1,
  kPoultry = 2,
  kCourtyard = 3,
  kCashCrops = 4
};
inline constexpr std::uint8_t kProjectFailed = 0x80;
inline constexpr std::uint8_t kProjectKindMask = 0x7f;

/// The parameters of kind `k` (1..kProjectKinds).
const ProjectKindParams& project_kind_params(const IndustryProjectParams& p, int k);
ProjectKindParams& project_kind_params(IndustryProjectParams& p, int k);

/// What the projects of a region did this year (summed monthly; for the metrics).
struct ProjectTally {
  double started = 0;           // projects bought
  double invested_yuan = 0;     // their cost, paid from the industry account
  double income_yuan = 0;       // income the projects paid their households
  double failures = 0;          // projects that stopped producing
  double outbreaks = 0;         // disease or pest outbreaks
  double producing_months = 0;  // household-months with project income
  void add(const ProjectTally& o) {
    started += o.started;
    invested_yuan += o.invested_yuan;
    income_yuan += o.income_yuan;
    failures += o.failures;
    outbreaks += o.outbreaks;
    producing_months += o.producing_months;
  }
};

/// Production of rows [b, e) of a region (whose households begin at `region_begin`) this month:
/// each live project's stock grows (monthly step of `growth`, capped at `max_units`), may suffer an
/// outbreak (`disease`) or fail (`failure_hazard`, for good), and, once `lag_months` have passed
/// since purchase and in a month of its season, pays units × income_per_unit / season_months ×
/// price factor^price_elasticity (× (1 − disaster loss_share) for a household hit by a disaster in
/// force, the same households the household pass hits) into the month's income. Reads and writes
/// only those rows; draws on Stream::kIndustryProjects keyed by (row, region, month).
ProjectTally produce_projects(Households& hh, std::size_t region_begin, std::size_t b,
                              std::size_t e, const MonthContext& month, const RegionMonth& region,
                              const RegionShockState& shocks, const Rng& rng);

/// Purchases of one region this month, after production: this month's share of the industry
/// account (what it holds / the months left in the budget year, all of it in December) buys
/// projects for households with labour and either no industry support yet or a project that has
/// failed — first the monitored ones (lowest 12-month income first), then the formerly poor (in row
/// order) — each of a kind drawn by the kinds' shares among those its labour can run. What finds no
/// household stays in the account for the next months; at year end the fund rules carry it over or
/// let it lapse.
ProjectTally buy_projects(Households& hh, std::size_t region_begin, std::size_t region_end,
                          const std::vector<std::uint32_t>& monitored, const MonthContext& month,
                          const RegionMonth& region, Budgets& budgets, const Rng& rng);

}  // namespace povsim
