#pragma once
#include <array>
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

/// At risk: 12-month per-capita income under the year's monitoring line, or a recent
/// expense shock large against the household's income.
inline bool at_risk(double rolling_per_capita, std::uint16_t mon_flags, std::int16_t event_month,
                    double monitoring_line, int month, const MonitoringParams& p) {
  return rolling_per_capita < monitoring_line ||
         ((mon_flags & mon_flag::kExpenseShock) && event_month != kNever &&
          month - event_month < p.expense_shock_window_months);
}
inline bool at_risk(const Households& hh, std::size_t i, double monitoring_line, int month,
                    const MonitoringParams& p) {
  return at_risk(hh.rolling_per_capita(i), hh.mon_flags[i], hh.event_month[i], monitoring_line,
                 month, p);
}
Alert alert_of(double rolling_per_capita, double monitoring_line, const AlertParams& p);

/// Probabilities of one month's screening in a region, from its capacity and caseload.
struct ScreeningRates {
  double grid = 0;    // an at-risk household is found by grid workers this month
  double paired = 0;  // … by its paired cadre
};
ScreeningRates screening_rates(const MonitoringParams& p, std::size_t households,
                               std::size_t monitored);

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
