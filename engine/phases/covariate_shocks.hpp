#pragma once
#include <vector>

#include "core/rng.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// Region-wide shocks in force this month.
struct RegionShockState {
  double price_multiplier = 1;  // farm-gate prices this year (operating income)
  int disaster_start = -1;      // month offset the current disaster began, or -1
  int disaster_until = -1;      // last month offset of its losses
  int disasters = 0;            // count this calendar year
  bool disaster_active(int offset) const {
    return disaster_start >= 0 && offset >= disaster_start && offset <= disaster_until;
  }
};

/// Phase 3: draws the year's price swing (each January or at the start) and this month's
/// disasters for every region.
void covariate_shocks(const MonthContext& month, const std::vector<RegionMonth>& regions,
                      const Rng& rng, std::vector<RegionShockState>& state);

}  // namespace povsim
