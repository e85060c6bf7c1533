#include "model/cadres.hpp"

#include <cmath>

#include "model/households.hpp"

namespace povsim {

std::size_t RegionCadres::total_capacity() const {
  std::size_t c = 0;
  for (const std::uint8_t k : capacity) c += k;
  return c;
}

RegionCadres synthesize_cadres(Households& hh, std::size_t region_begin, std::size_t region_end,
                               const PairingParams& p, std::uint32_t region_id, const Rng& rng) {
  RegionCadres c;
  const auto n_cadres = static_cast<std::size_t>(std::lround(
      p.cadres_per_1000_households * static_cast<double>(region_end - region_begin) / 1000.0));
  const double whole = std::floor(p.households_per_cadre);
  c.capacity.resize(n_cadres);
  c.load.assign(n_cadres, 0);
  for (std::size_t k = 0; k < n_cadres; ++k) {
    const double u = rng.uniforms(static_cast<std::uint32_t>(k), region_id, kSetupMonth,
                                  Stream::kMonitoring, draw::kCadreCapacity)[0];
    c.capacity[k] = static_cast<std::uint8_t>(whole + (u < p.households_per_cadre - whole ? 1 : 0));
  }
  std::uint32_t cadre = 0;
  for (std::size_t i = region_begin; i < region_end; ++i) {
    if (!(hh.mon_flags[i] & mon_flag::kPaired)) continue;
    while (cadre < n_cadres && c.load[cadre] >= c.capacity[cadre]) ++cadre;
    if (cadre == n_cadres) {
      hh.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kPaired);
      continue;
    }
    c.pairs.push_back({cadre, static_cast<std::uint32_t>(i - region_begin)});
    c.load[cadre] += 1;
  }
  c.next_free = cadre;
  return c;
}

std::size_t pair_monitored(RegionCadres& c, Households& hh, std::size_t region_begin,
                           const std::vector<std::uint32_t>& monitored) {
  std::size_t handovers = 0;
  for (const std::uint32_t i : monitored) {
    if (hh.mon_flags[i] & mon_flag::kPaired) continue;
    const auto row = static_cast<std::uint32_t>(i - region_begin);
    while (c.next_free < c.n() && c.load[c.next_free] >= c.capacity[c.next_free]) ++c.next_free;
    if (c.next_free < c.n()) {
      c.pairs.push_back({c.next_free, row});
      c.load[c.next_free] += 1;
      hh.mon_flags[i] |= mon_flag::kPaired;
      continue;
    }
    // Every cadre is full: one of them hands over a household that is no longer monitored. The
    // search resumes where it stopped, so a month's handovers cost one sweep of the pairs at most.
    const std::size_t n = c.pairs.size();
    for (std::size_t step = 0; step < n; ++step) {
      Pairing& p = c.pairs[c.handover_cursor];
      c.handover_cursor = (c.handover_cursor + 1) % n;
      const std::size_t old = region_begin + p.household;
      if (hh.category[old] != Category::kNone) continue;
      hh.mon_flags[old] &= static_cast<std::uint16_t>(~mon_flag::kPaired);
      p.household = row;
      hh.mon_flags[i] |= mon_flag::kPaired;
      ++handovers;
      break;
    }
    if (!(hh.mon_flags[i] & mon_flag::kPaired)) break;  // every cadre looks after monitored ones
  }
  return handovers;
}

}  // namespace povsim
