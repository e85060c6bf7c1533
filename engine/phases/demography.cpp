#include "phases/demography.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "core/philox_batch.hpp"
#include "model/own_income.hpp"

namespace povsim {

namespace {

/// chance(k) = 1 − (1 − rate)^k, the chance that at least one of k members of a stage has the
/// event in the year, tabulated (with the words `w < words[k]` tests it on) for the stage sizes a
/// household has.
struct StageChance {
  static constexpr int kTabulated = 32;
  std::array<double, kTabulated> chances{};
  std::array<std::uint64_t, kTabulated> words{};
  double rate = 0;
  explicit StageChance(double r) : rate(r) {
    for (int k = 0; k < kTabulated; ++k) {
      chances[k] = 1.0 - std::pow(1.0 - r, k);
      words[k] = Rng::words_below(chances[k]);
    }
  }
  double chance(int members) const {
    return members < kTabulated ? chances[members] : 1.0 - std::pow(1.0 - rate, members);
  }
  bool operator()(std::uint32_t w, int members) const {
    if (members < kTabulated) return w < words[members];
    return w < Rng::words_below(chance(members));
  }
};

void stop_working(const Households::Rows& c, std::size_t i) {
  c.labour[i] = LabourClass::kNone;
  c.workers[i] = 0;
  c.wage_local[i] = 0;
  c.wage_migrant[i] = 0;
  c.sick_months_left[i] = 0;
  c.flags[i] &= static_cast<std::uint8_t>(~(hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed));
}

}  // namespace

DemographyTally age_households(Households& hh, std::size_t region_begin, std::size_t begin,
                               std::size_t end, const MonthContext& month,
                               const RegionMonth& region, const Rng& rng) {
  DemographyTally t;
  const DemographyParams& p = region.params->demography;
  if (!p.enabled || begin >= end) return t;
  const Households::Rows c = hh.rows(0);  // the income record's slot is not read
  const StageChance death(p.elderly_mortality);
  const StageChance ageing(p.worker_ageing);
  const StageChance leaving(p.school_leaving);
  const StageChance entry(p.school_entry);
  const double birth_rate = at_year(p.birth_rate, month.date.year);
  const auto m = static_cast<std::uint32_t>(month.offset);

  constexpr std::size_t kChunk = 256;
  std::array<std::uint32_t, kChunk> w0, w1, w2, w3, x0, x1, x2, x3, locals;
  for (std::size_t chunk = begin; chunk < end; chunk += kChunk) {
    const std::size_t n = std::min(end, chunk + kChunk) - chunk;
    const auto first = static_cast<std::uint32_t>(chunk - region_begin);
    philox_batch(rng, first, n, region.region_id, m, Stream::kDemography, w0.data(), w1.data(),
                 w2.data(), w3.data());
    // A second draw (number 1) for school entry, so that every event has its own uniform.
    std::iota(locals.begin(), locals.begin() + static_cast<std::ptrdiff_t>(n), first);
    philox_batch(rng, locals.data(), n, region.region_id, m, Stream::kDemography, 1, x0.data(),
                 x1.data(), x2.data(), x3.data());
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t i = chunk + j;
      int size = c.size[i];
      int elderly = c.elderly[i];
      int workers = c.workers[i];
      int students = c.students[i];

      // A member aged 60+ dies (a household of one is kept: see the header).
      if (size > 1 && elderly > 0 && death(w0[j], elderly)) {
        --elderly;
        --size;
        t.deaths += 1;
      }
      // A worker turns 60 and stops working.
      if (workers > 0 && ageing(w1[j], workers)) {
        const bool holds_job = (c.flags[i] & hh_flag::kLinked) &&
                               (c.link_kinds[i] & kEmploymentLinkBit) && workers == 1;
        if (!holds_job) {
          if (workers == 1) {
            stop_working(c, i);
          } else {
            const float keep = static_cast<float>(workers - 1) / static_cast<float>(workers);
            c.wage_local[i] *= keep;
            c.wage_migrant[i] *= keep;
          }
          --workers;
          elderly = std::min(elderly + 1, 255);
          t.workers_aged_out += 1;
        }
      }
      // A student leaves school: moves out, or stays and works.
      if (students > 0 && leaving(w2[j], students)) {
        --students;
        // The uniform's place below the event's chance is itself uniform: the second choice.
        const double below = Rng::to_unit(w2[j]) / leaving.chance(students + 1);
        if (size > 1 && below < p.school_leaver_moves_out) {
          --size;
          t.moved_out += 1;
        } else {
          if (workers > 0) {
            c.wage_local[i] += (c.wage_local[i] + c.wage_migrant[i]) / static_cast<float>(workers);
          } else {
            c.wage_local[i] += static_cast<float>(p.entry_wage);
            c.labour[i] = LabourClass::kStrong;
          }
          workers = std::min(workers + 1, 255);
          t.school_leavers += 1;
        }
      }
      // A pre-school child (a member of no other stage) starts school.
      const int preschool = size - workers - elderly - students;
      if (preschool > 0 && entry(x0[j], preschool)) {
        ++students;
        t.school_starts += 1;
      }
      // A birth, in a household of two or more with a worker.
      if (size >= 2 && size < 255 && workers > 0 &&
          Rng::to_unit(w3[j]) < birth_rate * static_cast<double>(size)) {
        ++size;
        t.births += 1;
      }
      c.size[i] = static_cast<std::uint8_t>(size);
      c.elderly[i] = static_cast<std::uint8_t>(elderly);
      c.workers[i] = static_cast<std::uint8_t>(workers);
      c.students[i] = static_cast<std::uint8_t>(students);
    }
  }
  return t;
}

}  // namespace povsim
