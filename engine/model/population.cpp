#include "model/population.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/block_reduce.hpp"
#include "core/normal_table.hpp"

namespace povsim {

namespace {

constexpr int kSources = kIncomeSources;

int draw_category(double u, const std::vector<double>& shares) {
  double acc = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    acc += shares[i];
    if (u < acc) return static_cast<int>(i);
  }
  return static_cast<int>(shares.size()) - 1;
}

LabourClass draw_labour(double u, const LabourShares& s) {
  if (u < s.strong) return LabourClass::kStrong;
  if (u < s.strong + s.weak) return LabourClass::kWeak;
  return LabourClass::kNone;
}

/// Unnormalised income units by source, kept until the region's totals are known.
struct Units {
  std::array<std::vector<float>, kSources> by_source;
};

/// 内生动力, 三保障 gaps and cadre pairing (lifted households first, as far as cadres reach).
void seed_monitoring_state(Households& hh, std::size_t begin, std::size_t end,
                           const RegionParams& rp, std::uint32_t region_id, const Rng& rng) {
  const MonitoringParams& mon = rp.monitoring;
  const QuantileTable normal = QuantileTable::normal();
  std::size_t lifted = 0;
  for (std::size_t i = begin; i < end; ++i) lifted += (hh.flags[i] & hh_flag::kLifted) ? 1 : 0;
  const std::size_t general = (end - begin) - lifted;
  const double pairs = mon.pairing.cadres_per_1000_households / 1000.0 *
                       static_cast<double>(end - begin) * mon.pairing.households_per_cadre;
  const double p_lifted = lifted ? std::min(1.0, pairs / static_cast<double>(lifted)) : 0.0;
  const double p_general =
      general ? std::clamp((pairs - static_cast<double>(lifted)) / static_cast<double>(general),
                           0.0, 1.0)
              : 0.0;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 4096), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const auto w = rng.words(static_cast<std::uint32_t>(i - begin), region_id, kSetupMonth,
                               Stream::kMonitoring);
      const std::array<double, 4> u{0.0, 0.0, Rng::to_unit(w[2]), Rng::to_unit(w[3])};
      const double m = std::clamp(mon.motivation.mean + mon.motivation.sd * normal(w[0]), 0.0, 1.0);
      hh.motivation[i] = static_cast<std::uint8_t>(std::lround(m * 255.0));
      std::uint16_t f = 0;
      if (u[2] < mon.insecure_guarantees_share) f |= mon_flag::kInsecure;
      const bool is_lifted = hh.flags[i] & hh_flag::kLifted;
      if (u[3] < (is_lifted ? p_lifted : p_general)) f |= mon_flag::kPaired;
      hh.mon_flags[i] = f;
    }
  });
}

}  // namespace

std::array<const IncomeSourceParams*, kIncomeSources> income_sources(const EconomyParams& eco) {
  return {&eco.wage_local, &eco.wage_migrant, &eco.operating, &eco.property, &eco.subsidy};
}

SourceSpreads source_spreads(const EconomyParams& eco, LognormalTables& tables) {
  // A source's cv is the lognormal's: log-sd = sqrt(log(1 + cv²)).
  const auto src = income_sources(eco);
  SourceSpreads spread{};
  for (int k = 0; k < kSources; ++k)
    spread[k] = &tables.get(std::sqrt(std::log1p(src[k]->cv * src[k]->cv)));
  return spread;
}

IncomeUnits draw_income_units(const Households& hh, std::size_t i, std::uint32_t local,
                              std::uint32_t region_id, const EconomyParams& eco,
                              const SourceSpreads& spread, std::uint32_t attempt, const Rng& rng) {
  const auto src = income_sources(eco);
  const LabourClass labour = hh.labour[i];
  const double eff_workers =
      labour == LabourClass::kWeak ? hh.workers[i] * eco.weak_labour_productivity : hh.workers[i];
  // Participation uniforms and lognormal (tabulated, mean 1) spreads of the five sources; a
  // redraw takes its own three draws of the same stream.
  const std::uint32_t first = attempt == 0 ? 100u : draw::kIncomeRedraw + 3u * attempt;
  const auto ua = rng.uniforms(local, region_id, kSetupMonth, Stream::kPopulation, first);
  const auto wb = rng.words(local, region_id, kSetupMonth, Stream::kPopulation, first + 1);
  const auto wc = rng.words(local, region_id, kSetupMonth, Stream::kPopulation, first + 2);
  const std::array<double, kSources> participate_u{ua[0], ua[1], ua[2], ua[3], Rng::to_unit(wc[0])};
  const std::array<std::uint32_t, kSources> spread_word{wb[0], wb[1], wb[2], wb[3], wc[1]};
  const double size = hh.size[i];
  const std::array<double, kSources> eligible_units{
      eff_workers, labour == LabourClass::kStrong ? 1.0 : 0.0, size, 1.0, size};
  IncomeUnits out{};
  for (int s = 0; s < kSources; ++s) {
    const bool has = eligible_units[s] > 0 && participate_u[s] < src[s]->participation;
    out[s] = has ? static_cast<float>(eligible_units[s] * (*spread[s])(spread_word[s])) : 0.0f;
  }
  return out;
}

Households synthesize_population(const Params& params, const Rng& rng, IncomeScales* scales) {
  Households hh;
  std::size_t total = 0;
  hh.region_begin.push_back(0);
  for (const auto& r : params.regions) {
    total += static_cast<std::size_t>(r.households);
    hh.region_begin.push_back(static_cast<std::uint32_t>(total));
  }
  hh.resize(total);
  if (scales) scales->assign(params.regions.size(), {});
  // Regions side by side (and blocks within each): every draw is keyed by household, so the
  // result does not depend on the order; each region's income units live only while it is built.
  tbb::parallel_for(std::size_t{0}, params.regions.size(), [&](std::size_t r) {
    const RegionParams& rp = params.region(0, r);
    const PopulationParams& pop = rp.population;
    const EconomyParams& eco = rp.economy;
    const std::uint32_t region_id = params.regions[r].stable_id;
    const std::size_t begin = hh.region_begin[r];
    const std::size_t end = hh.region_begin[r + 1];
    Units units;
    for (auto& col : units.by_source) col.assign(end - begin, 0.0f);
    const std::array<const IncomeSourceParams*, kSources> src = income_sources(eco);
    LognormalTables tables;
    const SourceSpreads spread = source_spreads(eco, tables);

    tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 4096), [&](const auto& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        const auto local = static_cast<std::uint32_t>(i - begin);
        auto draw = [&](std::uint32_t k) {
          return rng.uniforms(local, region_id, kSetupMonth, Stream::kPopulation, k);
        };
        const auto u0 = draw(0);
        const int size = draw_category(u0[0], pop.household_size_shares) + 1;
        const bool lifted = u0[1] < pop.lifted_share;
        const LabourClass labour =
            draw_labour(u0[2], lifted ? pop.labour_lifted : pop.labour_general);
        std::uint8_t flags = lifted ? hh_flag::kLifted : 0;
        if (u0[3] < pop.chronic_illness_share) flags |= hh_flag::kChronic;

        // Members: workers first, then dependants (elderly or children, children maybe students).
        int workers = labour == LabourClass::kNone ? 0 : 1;
        int elderly = 0;
        int students = 0;
        for (int m = 1; m < size; ++m) {
          const auto um = draw(static_cast<std::uint32_t>(m));
          if (labour == LabourClass::kStrong && um[0] < pop.extra_worker_probability) {
            ++workers;
          } else if (um[1] < pop.elderly_share_of_dependants) {
            ++elderly;
          } else if (um[2] < pop.student_share_of_children) {
            ++students;
          }
        }
        if (labour == LabourClass::kNone && size == 1) elderly = 1;
        hh.size[i] = static_cast<std::uint8_t>(size);
        hh.workers[i] = static_cast<std::uint8_t>(workers);
        hh.elderly[i] = static_cast<std::uint8_t>(elderly);
        hh.students[i] = static_cast<std::uint8_t>(students);
        hh.labour[i] = labour;
        const IncomeUnits u = draw_income_units(hh, i, local, region_id, eco, spread, 0, rng);
        for (int s = 0; s < kSources; ++s) units.by_source[s][i - begin] = u[s];
        if (u[1] > 0) flags |= hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed;
        hh.flags[i] = flags;
      }
    });

    // Scale units so that, per status (lifted / general), income per person by source equals
    // the profile's per-capita target × the source's share.
    struct Totals {
      std::array<double, 2> persons{};
      std::array<std::array<double, kSources>, 2> units{};
      void add(const Totals& o) {
        for (int g = 0; g < 2; ++g) {
          persons[g] += o.persons[g];
          for (int s = 0; s < kSources; ++s) units[g][s] += o.units[g][s];
        }
      }
    };
    const Totals totals = block_reduce<Totals>(begin, end, [&](std::size_t b, std::size_t e) {
      Totals t;
      for (std::size_t i = b; i < e; ++i) {
        const int g = (hh.flags[i] & hh_flag::kLifted) ? 0 : 1;
        t.persons[g] += hh.size[i];
        for (int s = 0; s < kSources; ++s) t.units[g][s] += units.by_source[s][i - begin];
      }
      return t;
    });
    std::array<std::array<float, kSources>, 2> scale{};
    for (int g = 0; g < 2; ++g) {
      const double target =
          eco.per_capita_income_2020_lifted * (g == 0 ? 1.0 : eco.general_to_lifted_income_ratio);
      for (int s = 0; s < kSources; ++s)
        scale[g][s] = totals.units[g][s] > 0
                          ? static_cast<float>(target * src[s]->share * totals.persons[g] /
                                               totals.units[g][s])
                          : 0.0f;
    }
    if (scales) (*scales)[r] = scale;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 4096), [&](const auto& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        const auto& k = scale[(hh.flags[i] & hh_flag::kLifted) ? 0 : 1];
        hh.wage_local[i] = units.by_source[0][i - begin] * k[0];
        hh.wage_migrant[i] = units.by_source[1][i - begin] * k[1];
        hh.operating[i] = units.by_source[2][i - begin] * k[2];
        hh.property[i] = units.by_source[3][i - begin] * k[3];
        hh.subsidy[i] = units.by_source[4][i - begin] * k[4];
      }
    });
    seed_monitoring_state(hh, begin, end, rp, region_id, rng);
  });
  return hh;
}

}  // namespace povsim
