#include "phases/industry_projects.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "core/philox_batch.hpp"
#include "phases/causes.hpp"

namespace povsim {

const ProjectKindParams& project_kind_params(const IndustryProjectParams& p, int k) {
  switch (k) {
    case 1:
      return p.livestock;
    case 2:
      return p.poultry;
    case 3:
      return p.courtyard;
    default:
      return p.cash_crops;
  }
}

ProjectKindParams& project_kind_params(IndustryProjectParams& p, int k) {
  return const_cast<ProjectKindParams&>(
      project_kind_params(static_cast<const IndustryProjectParams&>(p), k));
}

namespace {

/// One kind's constants for this month, worked out once per call rather than per household.
struct KindMonth {
  std::uint64_t fail_below = 0;     // words below this: the project fails this month
  std::uint64_t disease_below = 0;  // … an outbreak
  float growth = 1;                 // the stock's monthly factor
  float max_units = 0;
  float disease_keep = 1;
  double income_per_unit = 0;  // yuan this month per unit (0 outside the season)
  double disaster_keep = 1;    // for a household hit by a disaster in force
  double annual_per_unit = 0;  // yuan/year per unit at this year's prices (a failure's loss)
  int lag = 0;
};

bool in_season(const ProjectKindParams& k, int calendar_month) {
  const int since = (calendar_month - k.season_start + 12) % 12;
  return since < k.season_months;
}

std::array<KindMonth, kProjectKinds + 1> kind_constants(const RegionMonth& region,
                                                        const RegionShockState& shocks,
                                                        const MonthContext& month) {
  const RegionParams& rp = *region.params;
  const IndustryProjectParams& p = rp.assistance.industry.projects;
  const bool disaster = shocks.disaster_active(month.offset);
  std::array<KindMonth, kProjectKinds + 1> out{};
  for (int k = 1; k <= kProjectKinds; ++k) {
    const ProjectKindParams& kp = project_kind_params(p, k);
    KindMonth& c = out[static_cast<std::size_t>(k)];
    c.fail_below = Rng::words_below(monthly_probability(kp.failure_hazard));
    c.disease_below = Rng::words_below(monthly_probability(kp.disease.annual_probability));
    c.growth = static_cast<float>(std::pow(1.0 + kp.growth, 1.0 / 12.0));
    c.max_units = static_cast<float>(kp.max_units);
    c.disease_keep = static_cast<float>(1.0 - kp.disease.loss_share);
    const double price = std::pow(shocks.price_multiplier, kp.price_elasticity);
    c.annual_per_unit = kp.income_per_unit * price;
    c.income_per_unit =
        in_season(kp, month.date.month) ? c.annual_per_unit / kp.season_months : 0.0;
    c.disaster_keep = disaster && kp.disaster_exposed ? 1.0 - rp.shocks.disaster.loss_share : 1.0;
    c.lag = kp.lag_months;
  }
  return out;
}

}  // namespace

ProjectTally produce_projects(Households& hh, std::size_t region_begin, std::size_t b,
                              std::size_t e, const MonthContext& month, const RegionMonth& region,
                              const RegionShockState& shocks, const Rng& rng) {
  ProjectTally t;
  const RegionParams& rp = *region.params;
  if (!rp.assistance.industry.projects.enabled) return t;
  const auto kinds = kind_constants(region, shocks, month);
  const bool disaster = shocks.disaster_active(month.offset);
  const double affected = rp.shocks.disaster.affected_share;
  const auto m = static_cast<std::uint32_t>(month.offset);
  // Chunks of households: the rows with a live project are listed, their words computed together
  // (eight counters at once with AVX2, core/philox_batch.hpp; the same words as Rng::words), then
  // each is processed. Most households have no project, or one that has stopped: one byte each.
  constexpr std::size_t kChunk = 256;
  std::array<std::uint32_t, kChunk> rows;
  std::array<std::uint32_t, kChunk> w0, w1, w2, w3;
  for (std::size_t c0 = b; c0 < e; c0 += kChunk) {
    const std::size_t c1 = std::min(e, c0 + kChunk);
    std::size_t n = 0;
    for (std::size_t i = c0; i < c1; ++i) {
      const std::uint8_t kind = hh.project_kind[i];
      rows[n] = static_cast<std::uint32_t>(i - region_begin);
      n += kind != 0 && !(kind & kProjectFailed);
    }
    if (n == 0) continue;
    philox_batch(rng, rows.data(), n, region.region_id, m, Stream::kIndustryProjects, 0, w0.data(),
                 w1.data(), w2.data(), w3.data());
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t row = rows[k];
      const std::size_t i = region_begin + row;
      const std::uint8_t kind = hh.project_kind[i];
      const KindMonth& c = kinds[kind & kProjectKindMask];
      float units = hh.project_units[i];
      if (w0[k] < c.fail_below) {
        // It stops producing for good: the year's income it would have paid is the loss.
        record_loss(hh, i, Cause::kBusinessLivestock, units * c.annual_per_unit, month.offset);
        hh.project_kind[i] = static_cast<std::uint8_t>(kind | kProjectFailed);
        hh.project_units[i] = 0;
        t.failures += 1;
        continue;
      }
      if (w1[k] < c.disease_below) {
        record_loss(hh, i, Cause::kBusinessLivestock,
                    units * (1.0f - c.disease_keep) * c.annual_per_unit, month.offset);
        units *= c.disease_keep;
        t.outbreaks += 1;
      }
      units = std::min(units * c.growth, std::max(units, c.max_units));
      hh.project_units[i] = units;
      if (month.offset - hh.project_start[i] < c.lag || c.income_per_unit <= 0) continue;
      double income = units * c.income_per_unit;
      if (disaster && c.disaster_keep < 1.0 &&
          rng.uniforms(row, region.region_id, static_cast<std::uint32_t>(shocks.disaster_start),
                       Stream::kDisaster)[0] < affected)
        income *= c.disaster_keep;
      credit_income(hh, i, month, income);
      t.income_yuan += income;
      t.producing_months += 1;
    }
  }
  return t;
}

ProjectTally buy_projects(Households& hh, std::size_t region_begin, std::size_t region_end,
                          const std::vector<std::uint32_t>& monitored, const MonthContext& month,
                          const RegionMonth& region, Budgets& budgets, const Rng& rng) {
  ProjectTally t;
  const IndustryProjectParams& p = region.params->assistance.industry.projects;
  if (!p.enabled) return t;
  double cheapest = 0;
  for (int k = 1; k <= kProjectKinds; ++k) {
    const ProjectKindParams& kp = project_kind_params(p, k);
    if (kp.share > 0 && (cheapest == 0 || kp.cost < cheapest)) cheapest = kp.cost;
  }
  // This month's share of what the account holds: the money is spread over the budget year's
  // months, so that households found by monitoring later in the year are reached too; December
  // may spend all of it.
  const int months_left = 13 - month.date.month;
  const double left = budgets.left(Programme::kIndustry);
  double allowance = left / months_left;
  if (allowance < cheapest || cheapest <= 0) {
    if (left < cheapest || cheapest <= 0) return t;
    // Less than one project a month: buy one as soon as the account can pay for it.
    allowance = cheapest;
  }
  const auto m = static_cast<std::uint32_t>(month.offset);
  // A household whose project has failed may be given a new one; one never supported, too.
  auto eligible = [&](std::size_t i) {
    const std::uint8_t kind = hh.project_kind[i];
    return hh.labour[i] != LabourClass::kNone &&
           ((kind == 0 && !(hh.mon_flags[i] & mon_flag::kIndustry)) || (kind & kProjectFailed));
  };
  // Returns false once the month's allowance (or the account) cannot pay for a project.
  auto buy = [&](std::size_t i) {
    const auto row = static_cast<std::uint32_t>(i - region_begin);
    const bool strong = hh.labour[i] == LabourClass::kStrong;
    double total = 0;
    for (int k = 1; k <= kProjectKinds; ++k) {
      const ProjectKindParams& kp = project_kind_params(p, k);
      if (strong || !kp.strong_labour_only) total += kp.share;
    }
    if (total <= 0) return true;  // nothing this household can run
    const double u =
        Rng::to_unit(rng.words(row, region.region_id, m, Stream::kIndustryProjects, 1)[0]) * total;
    int kind = 0;
    double acc = 0;
    for (int k = 1; k <= kProjectKinds; ++k) {
      const ProjectKindParams& kp = project_kind_params(p, k);
      if (!strong && kp.strong_labour_only) continue;
      acc += kp.share;
      kind = k;
      if (u < acc && kp.share > 0) break;
    }
    const ProjectKindParams& kp = project_kind_params(p, kind);
    if (kp.cost > allowance || !budgets.spend(Programme::kIndustry, kp.cost)) return false;
    allowance -= kp.cost;
    hh.project_kind[i] = static_cast<std::uint8_t>(kind);
    hh.project_start[i] = static_cast<std::int16_t>(month.offset);
    hh.project_units[i] = static_cast<float>(kp.units);
    hh.mon_flags[i] |= mon_flag::kIndustry;
    t.started += 1;
    t.invested_yuan += kp.cost;
    return true;
  };
  // Monitored households first, the lowest 12-month income first (the alert colours' order,
  // finer), ties by row: a total order, whatever the order of the list.
  // The allowance buys at most `most` projects: only that many candidates are ranked unless a
  // household turns out to be unable to run any kind (then the rest are ranked too).
  std::vector<std::pair<std::int32_t, std::uint32_t>> first;
  for (const std::uint32_t i : monitored)
    if (eligible(i)) first.emplace_back(hh.income_sum[i], i);
  const auto most = static_cast<std::size_t>(allowance / cheapest) + 1;
  auto ranked_end = first.begin() + static_cast<std::ptrdiff_t>(std::min(most, first.size()));
  std::nth_element(first.begin(), ranked_end, first.end());
  std::sort(first.begin(), ranked_end);
  for (auto it = first.begin(); it != first.end(); ++it) {
    if (it == ranked_end) std::sort(ranked_end, first.end());
    if (!buy(it->second)) return t;
  }
  // Two byte columns decide for most rows (not formerly poor, or a live project): read first.
  for (std::size_t i = region_begin; i < region_end; ++i) {
    const std::uint8_t kind = hh.project_kind[i];
    if (!(hh.flags[i] & hh_flag::kLifted) || (kind != 0 && !(kind & kProjectFailed))) continue;
    if (hh.category[i] == Category::kNone && eligible(i) && !buy(i)) return t;
  }
  return t;
}

}  // namespace povsim
