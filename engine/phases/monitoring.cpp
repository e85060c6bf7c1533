#include "phases/monitoring.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/philox_batch.hpp"

namespace povsim {

void MonitoringTally::add(const MonitoringTally& o) {
  newly_identified += o.newly_identified;
  for (int c = 0; c < kChannelCount; ++c) by_channel[c] += o.by_channel[c];
  lag_months += o.lag_months;
  relapsed += o.relapsed;
  eliminated += o.eliminated;
  pair_handovers += o.pair_handovers;
  for (int c = 0; c < kCauseCount; ++c) by_cause[c] += o.by_cause[c];
  sudden += o.sudden;
  newly_identified_people += o.newly_identified_people;
  eliminated_people += o.eliminated_people;
  for (int c = 0; c < 4; ++c) {
    entries_by_category[c] += o.entries_by_category[c];
    entries_people_by_category[c] += o.entries_people_by_category[c];
  }
  opening += o.opening;
  opening_people += o.opening_people;
  pending += o.pending;
  for (int c = 0; c < 4; ++c) eliminated_by_category[c] += o.eliminated_by_category[c];
  sudden_cleared_first_year += o.sudden_cleared_first_year;
  entered_not_at_risk += o.entered_not_at_risk;
}

Alert alert_of(double rolling_per_capita, double monitoring_line, const AlertParams& p) {
  const double ratio = monitoring_line > 0 ? rolling_per_capita / monitoring_line : 1.0;
  if (ratio < p.red_below) return Alert::kRed;
  if (ratio < p.orange_below) return Alert::kOrange;
  if (ratio < p.yellow_below) return Alert::kYellow;
  return Alert::kGreen;
}

ScreeningRates screening_rates(const MonitoringParams& p, std::size_t households,
                               std::size_t monitored, std::size_t pending) {
  ScreeningRates r;
  if (!p.enabled || households == 0) return r;
  // Approval capacity: the pairing cadres bring so many cases a month through village review,
  // 公示 and county approval; a longer queue than that waits.
  if (p.procedure.cases_per_cadre_per_month > 0 && pending > 0) {
    const double capacity = p.pairing.cadres_per_1000_households / 1000.0 *
                            static_cast<double>(households) * p.procedure.cases_per_cadre_per_month;
    // A region without pairing cadres has no such limit (township staff take its cases).
    if (capacity > 0) r.approve = std::min(1.0, capacity / static_cast<double>(pending));
  }
  // Each round, workers' visits go first to following up monitored households (一对一 跟踪);
  // what is left screens the rest.
  const double visits = p.grid.workers_per_1000_households / 1000.0 *
                        static_cast<double>(households) *
                        p.grid.households_per_worker_per_screening;
  const double coverage = std::clamp(
      (visits - static_cast<double>(monitored)) / static_cast<double>(households), 0.0, 1.0);
  r.grid =
      1.0 - std::pow(1.0 - coverage * p.grid.detection_probability, p.grid.screenings_per_month);
  r.paired = p.pairing.detection_probability;
  return r;
}

namespace {

/// Household i enters monitoring: its category read from why it is at risk, counted in `t`.
void enter_monitoring(Households& hh, std::size_t i, const MonthContext& month,
                      const RegionMonth& region, MonitoringTally& t) {
  const MonitoringParams& p = region.params->monitoring;
  t.newly_identified += 1;
  t.lag_months += month.offset - hh.risk_since[i];
  if (hh.mon_flags[i] & mon_flag::kWasEliminated) t.relapsed += 1;
  const bool sudden = sudden_hardship(hh.rolling_per_capita(i), hh.mon_flags[i], hh.event_month[i],
                                      region.monitoring_line, month.offset, p);
  hh.category[i] = sudden                             ? Category::kSudden
                   : (hh.flags[i] & hh_flag::kLifted) ? Category::kUnstable
                                                      : Category::kMarginal;
  if (sudden) t.sudden += 1;
  if (!at_risk(hh, i, risk_lines(region), month.offset, p)) t.entered_not_at_risk += 1;
  t.newly_identified_people += hh.size[i];
  t.entries_by_category[static_cast<int>(hh.category[i])] += 1;
  t.entries_people_by_category[static_cast<int>(hh.category[i])] += hh.size[i];
  const Cause cause = main_cause(hh, i, month.offset,
                                 region.params->shocks.education_cost_per_student * hh.students[i],
                                 p.cause_material_share * region.poverty_line * hh.size[i]);
  t.by_cause[static_cast<int>(cause)] += 1;
  hh.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kPending);
  hh.months_above[i] = 0;
}

}  // namespace

bool screen_household(Households& hh, std::size_t i, const MonthContext& month,
                      const RegionMonth& region, const ScreeningRates& rates,
                      const std::array<std::uint32_t, 4>& words, MonitoringTally& t) {
  if (hh.category[i] != Category::kNone) return true;
  if (hh.risk_since[i] == kNever) hh.risk_since[i] = static_cast<std::int16_t>(month.offset);
  const MonitoringParams& p = region.params->monitoring;
  if (!p.enabled) return false;
  if (hh.mon_flags[i] & mon_flag::kPending) {
    // In the procedure: approved once its minimum months have passed and a cadre takes the case.
    if (hh.months_above[i] < 255) ++hh.months_above[i];
    if (hh.months_above[i] >= p.procedure.months && Rng::to_unit(words[0]) < rates.approve) {
      enter_monitoring(hh, i, month, region, t);
      return true;
    }
    t.pending += 1;
    return false;
  }

  const std::array<double, 4> u{Rng::to_unit(words[0]), Rng::to_unit(words[1]),
                                Rng::to_unit(words[2]), Rng::to_unit(words[3])};
  const double motivation = hh.motivation[i] / 255.0;
  const bool paired = hh.mon_flags[i] & mon_flag::kPaired;
  const bool record = hh.event_month[i] != kNever &&
                      month.offset - hh.event_month[i] >= p.department.data_lag_months &&
                      month.offset - hh.event_month[i] <
                          p.department.data_lag_months + p.expense_shock_window_months;
  const bool civil_affairs = hh.flags[i] & hh_flag::kDibao;
  const double p_grid = paired ? 1.0 - (1.0 - rates.grid) * (1.0 - rates.paired) : rates.grid;
  const std::array<bool, kChannelCount> hit{
      u[0] < p.self_report_probability * motivation,
      u[1] < p_grid,
      p.department.enabled && (record || civil_affairs) &&
          u[2] < p.department.detection_probability,
      u[3] < p.social_probability,
  };
  const auto found = std::find(hit.begin(), hit.end(), true);
  if (found == hit.end()) return false;
  t.by_channel[found - hit.begin()] += 1;
  if (p.procedure.months == 0 && rates.approve >= 1.0) {
    enter_monitoring(hh, i, month, region, t);
    return true;
  }
  hh.mon_flags[i] |= mon_flag::kPending;
  hh.months_above[i] = 0;
  t.pending += 1;
  return false;
}

void identify_risk(Households& hh, std::size_t region_begin, std::span<const std::uint32_t> marked,
                   const MonthContext& month, const RegionMonth& region,
                   const ScreeningRates& rates, const Rng& rng, MonitoringBlock& out) {
  constexpr std::size_t kBatch = 256;
  std::array<std::uint32_t, kBatch> rows, w0, w1, w2, w3;
  for (std::size_t b = 0; b < marked.size(); b += kBatch) {
    const auto batch = marked.subspan(b, std::min(kBatch, marked.size() - b));
    std::size_t n = 0;
    for (const std::uint32_t i : batch)
      if (hh.category[i] == Category::kNone)
        rows[n++] = i - static_cast<std::uint32_t>(region_begin);
    philox_batch(rng, rows.data(), n, region.region_id, static_cast<std::uint32_t>(month.offset),
                 Stream::kMonitoring, 0, w0.data(), w1.data(), w2.data(), w3.data());
    std::size_t drawn = 0;
    for (const std::uint32_t i : batch) {
      if (hh.category[i] == Category::kNone) {
        const std::array<std::uint32_t, 4> words{w0[drawn], w1[drawn], w2[drawn], w3[drawn]};
        ++drawn;
        if (!screen_household(hh, i, month, region, rates, words, out.tally)) continue;
      }
      out.monitored.push_back(i);
    }
  }
}

}  // namespace povsim
