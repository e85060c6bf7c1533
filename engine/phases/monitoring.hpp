#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/causes.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// The four identification channels of 防返贫动态监测 (seed 000), in the order they are tried.
enum class Channel : int { kSelfReport, kGrid, kDepartment, kSocial, kCount };
inline constexpr int kChannelCount = static_cast<int>(Channel::kCount);

/// Four-colour alert (seed 001) by the ratio of 12-month income to the monitoring line.
enum class Alert : int { kGreen, kYellow, kOrange, kRed, kCount };

/// At risk (the rule of identification, 防止返贫动态监测): basic living in difficulty. Either a
/// recent sudden shock — a bill large against the household's income (支出骤增) or a loss large
/// against its recent income (收入骤减), within the shock window — that leaves its 12-month
/// per-capita income, the shock included, under `sudden.income_ceiling` × the monitoring line
/// (突发严重困难: a shock to a household that can bear it is not a hardship); or a 12-month income
/// under the line that no safety net secures: a household whose 低保 or 特困 is paid (not in its
/// 渐退期) and whose 三保障 are secure has its basic living guaranteed, and with
/// `covered_households_secure` is at risk only through a shock.
inline bool sudden_shock(std::uint16_t mon_flags, std::int16_t event_month, int month,
                         const MonitoringParams& p) {
  return (mon_flags & mon_flag::kExpenseShock) && event_month != kNever &&
         month - event_month < p.expense_shock_window_months;
}
inline bool sudden_hardship(double rolling_per_capita, std::uint16_t mon_flags,
                            std::int16_t event_month, double monitoring_line, int month,
                            const MonitoringParams& p) {
  return sudden_shock(mon_flags, event_month, month, p) &&
         rolling_per_capita < p.sudden.income_ceiling * monitoring_line;
}
inline bool secured_by_transfers(std::uint8_t flags, std::uint16_t mon_flags,
                                 const MonitoringParams& p) {
  return p.covered_households_secure && (flags & hh_flag::kDibao) &&
         !(flags & hh_flag::kDibaoExiting) && !(mon_flags & mon_flag::kInsecure);
}
/// A risk factor (风险类型) beside low income, needed with `risk_factor_required`: a loss of at
/// least `material_loss` yuan per person recorded in the last 12 months (因病, 因灾, 因意外,
/// 务工就业不稳, 产业失败: phases/causes.hpp), a chronically ill member (因病), or 三保障 or
/// drinking water not secure. A household that is merely poor, with none of these, is the
/// steady low-income population 民政 follows, not a risk of return.
inline bool has_risk_factor(std::uint8_t flags, std::uint16_t mon_flags, std::int16_t cause_month,
                            std::uint16_t cause_loss, std::uint8_t size, int month,
                            double material_loss) {
  return (flags & hh_flag::kChronic) || (mon_flags & mon_flag::kInsecure) ||
         (cause_month != kNever && month - cause_month < kCauseWindowMonths &&
          cause_loss * kCauseLossYuan >= material_loss * size);
}
/// The lines the rule reads in a region's month: the monitoring line, and the loss per person
/// that counts as a risk factor (cause_material_share × the poverty line).
struct RiskLines {
  double monitoring = 0;
  double material_loss = 0;
};
inline RiskLines risk_lines(const RegionMonth& region) {
  return {region.monitoring_line,
          region.params->monitoring.cause_material_share * region.poverty_line};
}
/// The rule's readers take the columns as `Households` or as `Households::Rows` (the hot pass's
/// local pointers, which need no reload after its byte stores): both index as `c.name[i]`.
template <class Columns>
inline bool income_risk(const Columns& hh, std::size_t i, int month, const RiskLines& lines,
                        const MonitoringParams& p) {
  return !secured_by_transfers(hh.flags[i], hh.mon_flags[i], p) &&
         (!p.risk_factor_required ||
          has_risk_factor(hh.flags[i], hh.mon_flags[i], hh.cause_month[i], hh.cause_loss[i],
                          hh.size[i], month, lines.material_loss));
}

/// 收入骤减 (seed 001: 支出骤增或收入骤减): a loss of any cause recorded this month (illness,
/// accident, disaster, job loss, business or livestock, enterprise failure: phases/causes.hpp)
/// at least `income_drop_threshold` × the household's net income of the 12 months before
/// (`income_sum_before`, the record's units) starts a sudden shock, as a large bill does. A new
/// shock after the window has passed reopens risk relief. Called by the household pass before
/// the month's income enters the record.
inline void note_income_drop(Households& hh, std::size_t i, std::int32_t income_sum_before,
                             int month, const MonitoringParams& p) {
  if (!p.sudden.income_drops || hh.cause_month[i] != month) return;
  const auto cause = static_cast<Cause>(hh.cause[i]);
  if (cause == Cause::kEducation || cause == Cause::kChronicLow) return;
  const double before = income_sum_before * static_cast<double>(kRingYuan) * hh.size[i];
  if (hh.cause_loss[i] * kCauseLossYuan < p.sudden.income_drop_threshold * std::max(before, 1.0))
    return;
  std::uint16_t& f = hh.mon_flags[i];
  if (!sudden_shock(f, hh.event_month[i], month, p))
    f &= static_cast<std::uint16_t>(~mon_flag::kReliefPaid);
  f |= mon_flag::kExpenseShock | mon_flag::kShockedThisYear;
  hh.event_month[i] = static_cast<std::int16_t>(month);
}

/// The rule read once for household i: the sudden hardship, and whether it is at risk by its
/// true income and as monitoring sees it: by the surveyed income in the income test (the sudden
/// shocks — bills and losses leave records, and a 突发 household's income is assessed from them
/// at its application — and 低保/特困 enrolment are read as they are). The income risk factor
/// is read only when an income is under the line.
struct RiskReading {
  bool sudden = false;    // 突发严重困难 (read without error: bills and losses leave records)
  bool at_risk = false;   // by the true income
  bool surveyed = false;  // by the surveyed income
};
template <class Columns>
inline RiskReading read_risk(const Columns& hh, std::size_t i, const RiskLines& lines, int month,
                             const MonitoringParams& p, const SurveyBand& b) {
  const double rolling = hh.income_sum[i] * static_cast<double>(kRingYuan);  // rolling_per_capita
  RiskReading r;
  r.sudden =
      sudden_hardship(rolling, hh.mon_flags[i], hh.event_month[i], lines.monitoring, month, p);
  if (r.sudden) {
    r.at_risk = r.surveyed = true;
    return r;
  }
  const bool below = rolling < lines.monitoring;
  const bool surveyed = surveyed_below(rolling, lines.monitoring, b, hh.survey_error[i]);
  if ((below || surveyed) && income_risk(hh, i, month, lines, p)) {
    r.at_risk = below;
    r.surveyed = surveyed;
  }
  return r;
}

/// The rule by the true income (read_risk's `at_risk`, with no survey error).
inline bool at_risk(const Households& hh, std::size_t i, const RiskLines& lines, int month,
                    const MonitoringParams& p) {
  static const SurveyBand exact;  // exact: the surveyed income is the true one
  return read_risk(hh, i, lines, month, p, exact).at_risk;
}

Alert alert_of(double rolling_per_capita, double monitoring_line, const AlertParams& p);

/// Probabilities of one month's screening in a region, from its capacity and caseload.
struct ScreeningRates {
  double grid = 0;     // an at-risk household is found by grid workers this month
  double paired = 0;   // … by its paired cadre
  double approve = 1;  // a found household past the procedure's minimum months is approved
};
/// `pending`: households found and waiting for approval after last month's screening; the
/// pairing cadres complete `cases_per_cadre_per_month` each, so approval slows as the queue grows.
ScreeningRates screening_rates(const MonitoringParams& p, std::size_t households,
                               std::size_t monitored, std::size_t pending = 0);

struct MonitoringTally {
  double newly_identified = 0;
  std::array<double, kChannelCount> by_channel{};
  double lag_months = 0;  // summed over newly identified households
  double relapsed = 0;
  double eliminated = 0;
  double pair_handovers = 0;  // cadre pairings handed over to a monitored household
  std::array<double, kCauseCount> by_cause{};  // newly identified, by main cause
  double sudden = 0;                           // newly identified as 突发严重困难户
  // Persons and categories of the flows, for the stock-and-flow accounts (phases/metrics.hpp):
  // entries and exits by Category (index 0 unused), in households and persons; the stock at the
  // start of the year, counted from the households' categories when the year opens.
  double newly_identified_people = 0, eliminated_people = 0;
  std::array<double, 4> entries_by_category{}, entries_people_by_category{};
  double opening = 0, opening_people = 0;
  // The procedure and clearance: households found and waiting for approval (summed
  // over months; the last month's count is the next month's queue), eliminated by the Category
  // they had, and 突发 households eliminated within 12 months of their risk's onset.
  double pending = 0;
  std::array<double, 4> eliminated_by_category{};
  double sudden_cleared_first_year = 0;
  double entered_not_at_risk = 0;  // entrants whose true income was not at risk (inclusion error)
  void add(const MonitoringTally& o);
};

struct MonitoringBlock {
  MonitoringTally tally;
  std::vector<std::uint32_t> monitored;  // household indices, ascending
  /// Per monitored household, the programmes it could be offered from state this month's
  /// settlements leave alone (standing_byte in phases/assistance.hpp); filled by the household
  /// pass (identify_risk leaves it alone).
  std::vector<std::uint8_t> offers;
  void add(const MonitoringBlock& o) {
    tally.add(o.tally);
    monitored.insert(monitored.end(), o.monitored.begin(), o.monitored.end());
    offers.insert(offers.end(), o.offers.begin(), o.offers.end());
  }
};

/// The household pass's monitoring step for household i after its income: whether it is to be
/// screened (monitored, waiting for approval, or at risk as surveyed). Keeps `risk_since` at the
/// onset of its true risk, so the time to identification counts the months the error hid it.
template <class Columns>
inline bool mark_for_screening(Columns& hh, std::size_t i, const RiskLines& lines, int month,
                               const MonitoringParams& p, const SurveyBand& b) {
  if (hh.category[i] != Category::kNone || (hh.mon_flags[i] & mon_flag::kPending)) return true;
  std::int16_t& risk_since = hh.risk_since[i];
  const RiskReading risk = read_risk(hh, i, lines, month, p, b);
  if (risk.at_risk) {
    if (risk_since == kNever) risk_since = static_cast<std::int16_t>(month);
  } else if (risk_since != kNever) {
    risk_since = kNever;
  }
  return risk.surveyed;
}

/// Phase 7 for household i, which the household pass marked (monitored or at risk): tracks when
/// risk began and, if it is not yet monitored, tries the channels with the household's
/// monitoring words of the month, Rng::words(i − region_begin, region, month,
/// Stream::kMonitoring); a household found enters a category. Returns whether i is monitored
/// now. Reads and writes household i only.
bool screen_household(Households& hh, std::size_t i, const MonthContext& month,
                      const RegionMonth& region, const ScreeningRates& rates,
                      const std::array<std::uint32_t, 4>& words, MonitoringTally& t);

/// screen_household over a list of marked households (ascending), the monitoring words of
/// those not yet monitored drawn eight at a time; appends every household monitored after it to
/// `out.monitored` and what screening found to `out.tally`. The household pass runs it on each
/// chunk's marked households while their columns are in cache.
void identify_risk(Households& hh, std::size_t region_begin, std::span<const std::uint32_t> marked,
                   const MonthContext& month, const RegionMonth& region,
                   const ScreeningRates& rates, const Rng& rng, MonitoringBlock& out);

}  // namespace povsim
