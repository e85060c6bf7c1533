#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/monitoring.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// Phase 9 for one region's monitored households: counts consecutive months not at risk as
/// surveyed (the income read with measurement error, monitoring.hpp), re-reads the category,
/// closes 三保障 gaps, raises 内生动力 under incentives, and eliminates the risk (风险消除) after
/// `risk_elimination_months` (a 突发 household: `sudden.clearance_months` once its shock's window
/// has passed) with every guarantee secure. A household can come
/// back later: it is then counted as a relapse.
MonitoringTally eliminate_risk(Households& hh, std::size_t region_begin,
                               std::span<const std::uint32_t> monitored, const MonthContext& month,
                               const RegionMonth& region, const Rng& rng);

}  // namespace povsim
