#pragma once
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// The monitored stock the pre-2021 system left (防返贫动态监测 began in 2020, so on 2021-01 part
/// of the population is already monitored; monitoring.starting_caseload). In region rows
/// [begin, end), after the 2020 income record is seeded: the share_of_lifted formerly poor and the
/// share_of_general other households with the lowest 12-month per-capita income (the most at
/// risk; ties by row) enter the stock. Each one, with its words Rng::words(row, region,
/// kSetupMonth, Stream::kStartingCaseload): a category (突发 with probability sudden_share, else
/// 脱贫不稳定 for the formerly poor and 边缘易致贫 for the others), m months already monitored
/// (uniform in [1, max_months], recorded as risk_since = −1 − m), consecutive months above the line
/// if it is above it now (uniform in [0, min(m, risk_elimination_months − 1)]), and with
/// probability assisted_share a programme already given (training or industry, one chance each).
/// Alert colours follow from the income record. Returns the households placed in the stock. Touches
/// only the region's rows; allocates one index list per region, once.
std::size_t place_starting_caseload(Households& hh, std::size_t begin, std::size_t end,
                                    const RegionMonth& region, const Rng& rng);

}  // namespace povsim
