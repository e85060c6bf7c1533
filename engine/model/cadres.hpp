#pragma once
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace povsim {

struct Households;

/// One 结对帮扶 pairing: a cadre looks after a household (row within the region).
struct Pairing {
  std::uint32_t cadre = 0;
  std::uint32_t household = 0;
};

/// The cadres of one region and their pairings with households. Each cadre looks after at most
/// `capacity` households (3 / 2 / 1 by rank, seed 001); the pairings are an edge list (cadre,
/// household) read only when households are paired or handed over, so no graph index is kept.
struct RegionCadres {
  std::vector<std::uint8_t> capacity;  // per cadre
  std::vector<std::uint8_t> load;      // households paired with each cadre
  std::vector<Pairing> pairs;
  std::uint32_t next_free = 0;      // first cadre that may have room (cadres fill in order)
  std::size_t handover_cursor = 0;  // where the search for a handover resumes

  std::size_t n() const { return capacity.size(); }
  std::size_t total_capacity() const;
};

/// The region's cadres (cadres_per_1000_households, capacity households_per_cadre on average by
/// stochastic rounding) paired with the households already flagged mon_flag::kPaired at
/// synthesis, in household order while capacity lasts (the flag is cleared for the rest).
RegionCadres synthesize_cadres(Households& hh, std::size_t region_begin, std::size_t region_end,
                               const PairingParams& p, std::uint32_t region_id, const Rng& rng);

/// Pairs monitored households that have no cadre (in list order, `monitored` holds global rows):
/// with a cadre that has room, else by handing over a pairing of a household that is no longer
/// monitored (监测对象 come first). Returns the number of handovers.
std::size_t pair_monitored(RegionCadres& cadres, Households& hh, std::size_t region_begin,
                           const std::vector<std::uint32_t>& monitored);

}  // namespace povsim
