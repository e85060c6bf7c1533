#pragma once
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "model/own_income.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// Per-capita income a household can expect over a year from its current capacities, pensions
/// and subsidies (not 低保 itself): the figure 低保 assessment and monitoring look at.
/// (Inline: the 低保 assessment calls it for every household. `H` is Households or
/// Households::Rows, whose column pointers a caller's loop keeps in registers.)
template <class H>
inline double expected_per_capita_income(const H& hh, std::size_t i, const RegionMonth& region) {
  const bool migrant_working = hh.flags[i] & hh_flag::kMigrantEmployed;
  double annual = static_cast<double>(hh.wage_local[i]) +
                  (migrant_working ? hh.wage_migrant[i] : 0.0f) + hh.operating[i] + hh.property[i] +
                  hh.subsidy[i] + 12.0 * region.pension_monthly * hh.elderly[i];
  // Enterprise links are income like any other: an assessor (and the 2020 record) counts the
  // workshop wage, the contract premium, cooperative gains, rent and dividends.
  // What the links replace of the household's own wage and farm is not counted twice.
  if (hh.flags[i] & hh_flag::kLinked) {
    const OwnIncomeKept kept =
        own_income_kept(hh.link_kinds[i], hh.workers[i], region.params->enterprises);
    annual +=
        12.0 * (static_cast<double>(hh.link_wage[i]) + hh.link_coop[i] + hh.link_property[i]) -
        (1.0 - kept.wage) * hh.wage_local[i] +
        static_cast<double>(hh.operating[i]) *
            (kept.operating * (1.0 + hh.contract_premium[i]) - 1.0);
  }
  return annual / hh.size[i];
}

/// 低保/特困 assessment and review (part of phase 6), run every `assessment_interval_months`.
/// Need-blind rule (`need_based` false): expected income under the standard and a take-up trait
/// drawn once (a share `take_up`). 民政 means test (`need_based`): able-bodied members count at an
/// imputed wage unless the household is chronically ill, property income above the asset limit
/// fails, and an eligible household applies with a chance that grows with its gap (no-labour and
/// chronic households at least `priority_application`), drawn afresh at each review. Either way
/// 特困 takes those with no labour, no workers, no migrants and income under the 低保 standard and
/// pays them the 特困 standard in full; 低保 pays the gap to the standard; at a review a household
/// above standard × (1 + exit_margin) leaves (after one more interval in its 渐退期 if
/// `gradual_exit`). `month` keys the application draws (kSetupMonth: the period's start, where
/// a year of reviews is folded into one chance). Returns the households enrolled.
std::size_t dibao_assessment(Households& hh, std::size_t region_begin, std::size_t begin,
                             std::size_t end, const RegionMonth& region, const Rng& rng,
                             std::uint32_t month = kSetupMonth);

}  // namespace povsim
