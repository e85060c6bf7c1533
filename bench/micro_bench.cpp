// Micro-benchmarks of the engine's kernels: Philox draws, population synthesis, the monthly
// household income pass, the 低保 assessment pass, year-end metrics and a whole month. Items are
// households (household-months for the monthly passes), so items/s compares directly with the
// end-to-end figure of povsim_bench_e2e. Passes run on scenarios/bench-1m.yaml scaled to the
// `households` argument, with TBB limited to the `threads` argument; real (wall) time is used.
//
// The phase calls mirror Simulation::step_month (engine/sim/simulation.cpp); keep them in step.

#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "core/block_reduce.hpp"
#include "core/normal_table.hpp"
#include "core/rng.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "model/population.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/household_income.hpp"
#include "phases/metrics.hpp"
#include "phases/schedule.hpp"
#include "phases/transfers.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

namespace povsim {
namespace {

constexpr std::size_t kMonthsPerYear = 12;

/// A loaded scenario, every month's schedule and covariate shocks, and the households at the
/// start of the period and just before the first year end, built once per household count.
struct World {
  LoadedScenario scenario;
  Rng rng;
  LognormalTables noise;
  std::vector<MonthContext> months;
  std::vector<std::vector<RegionMonth>> regions;      // [month][region]
  std::vector<std::vector<RegionShockState>> shocks;  // [month][region], after phase 3
  Households start;     // as Simulation's constructor leaves them (低保 and income record seeded)
  Households year_end;  // after 11 simulated months and December's household pass
  std::vector<YearFlows> year_flows;  // flows of the household passes of the first year

  const Params& params() const { return scenario.params; }
  std::size_t n_months() const { return months.size(); }

  explicit World(LoadedScenario loaded)
      : scenario(std::move(loaded)), rng(static_cast<std::uint32_t>(scenario.params.seed), 0) {
    const Params& p = scenario.params;
    std::vector<RegionShockState> state(p.regions.size());
    for (int m = 0; m < p.months(); ++m) {
      months.push_back(month_context(p, m));
      regions.push_back(schedule_month(p, months.back(), noise));
      covariate_shocks(months.back(), regions.back(), rng, state);
      shocks.push_back(state);
    }
    Simulation sim(p, 0);
    start = sim.households();
    for (std::size_t m = 0; m + 1 < kMonthsPerYear; ++m) sim.step_month();
    year_end = sim.households();
    // Income flows only (monitoring and assistance tallies stay zero): close_year's cost does
    // not depend on them.
    year_flows.assign(p.regions.size(), YearFlows{});
    Households scratch = start;
    for (std::size_t m = 0; m + 1 < kMonthsPerYear; ++m) income_month(scratch, m, &year_flows);
    income_month(year_end, kMonthsPerYear - 1, &year_flows);
  }

  /// 低保 assessment of every region, as step_month runs it in assessment months.
  std::size_t assess_dibao(Households& hh, std::size_t m) const {
    struct Count {
      std::size_t n = 0;
      void add(const Count& o) { n += o.n; }
    };
    std::size_t enrolled = 0;
    for (std::size_t r = 0; r < hh.n_regions(); ++r) {
      const std::size_t begin = hh.region_begin[r];
      enrolled +=
          block_reduce<Count>(begin, hh.region_begin[r + 1], [&](std::size_t b, std::size_t e) {
            return Count{dibao_assessment(hh, begin, b, e, regions[m][r], rng)};
          }).n;
    }
    return enrolled;
  }

  /// Phases 5–7 (household_income with screening) of month `m` over every region, as step_month
  /// runs them (screening rates as for a region with no caseload yet); returns how many
  /// households are monitored after it.
  std::size_t income_month(Households& hh, std::size_t m,
                           std::vector<YearFlows>* flows = nullptr) const {
    std::size_t watched = 0;
    for (std::size_t r = 0; r < hh.n_regions(); ++r) {
      const std::size_t begin = hh.region_begin[r];
      const ScreeningRates rates =
          screening_rates(regions[m][r].params->monitoring, hh.region_begin[r + 1] - begin, 0);
      const HouseholdBlock block = block_reduce<HouseholdBlock>(
          begin, hh.region_begin[r + 1], [&](std::size_t b, std::size_t e) {
            return household_income(hh, begin, b, e, months[m], regions[m][r], shocks[m][r], rates,
                                    rng);
          });
      watched += block.screened.monitored.size();
      if (flows) {
        (*flows)[r].income.add(block.totals);
        (*flows)[r].months += 1;
      }
    }
    return watched;
  }
};

/// The World of `households` households (bench-1m.yaml scaled), built on first use.
World& world(std::int64_t households) {
  static std::map<std::int64_t, std::unique_ptr<World>> cache;
  auto& slot = cache[households];
  if (!slot) {
    LoadOptions options;
    options.scale = static_cast<double>(households) / 1e6;
    options.overrides = {"replications=1"};
    slot = std::make_unique<World>(load_scenario(
        std::filesystem::path(POVSIM_SOURCE_DIR) / "scenarios" / "bench-1m.yaml", options));
  }
  return *slot;
}

tbb::global_control limit_threads(const benchmark::State& state) {
  return tbb::global_control(tbb::global_control::max_allowed_parallelism,
                             static_cast<std::size_t>(state.range(1)));
}

/// households ∈ {100k (state fits in L3), 1M (it does not)} × threads ∈ {1, all cores}.
void households_and_threads(benchmark::internal::Benchmark* b) {
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  b->ArgNames({"households", "threads"});
  for (const std::int64_t households : {100'000, 1'000'000}) {
    b->Args({households, 1});
    if (cores > 1) b->Args({households, cores});
  }
  b->UseRealTime()->Unit(benchmark::kMillisecond);
}

void set_counters(benchmark::State& state, std::size_t households) {
  const auto items =
      static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(households);
  state.SetItemsProcessed(items);
  state.SetBytesProcessed(items * static_cast<std::int64_t>(Households::bytes_per_household()));
}

void BM_PhiloxWords(benchmark::State& state) {
  const Rng rng(1, 0);
  std::uint32_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(rng.words(i++, 7, 3, Stream::kIncomeMonthly));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PhiloxWords);

void BM_PhiloxUniforms(benchmark::State& state) {
  const Rng rng(1, 0);
  std::uint32_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(rng.uniforms(i++, 7, 3, Stream::kIncomeMonthly));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_PhiloxUniforms);

void BM_PopulationSynthesis(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  for (auto _ : state) {
    Households hh = synthesize_population(w.params(), w.rng);
    benchmark::DoNotOptimize(hh.size.data());
  }
  set_counters(state, w.start.n());
}
BENCHMARK(BM_PopulationSynthesis)->Apply(households_and_threads);

/// One month of the household income pass; cycles through the 60 months, restarting from the
/// synthetic population (untimed) so capacities follow their simulated paths.
void BM_HouseholdIncomeMonth(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  Households hh = w.start;
  std::size_t m = 0;
  for (auto _ : state) {
    if (m == w.n_months()) {
      state.PauseTiming();
      hh = w.start;
      m = 0;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(w.income_month(hh, m++));
  }
  set_counters(state, hh.n());
}
BENCHMARK(BM_HouseholdIncomeMonth)->Apply(households_and_threads);

void BM_DibaoAssessment(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  Households hh = w.year_end;
  for (auto _ : state) benchmark::DoNotOptimize(w.assess_dibao(hh, kMonthsPerYear - 1));
  set_counters(state, hh.n());
}
BENCHMARK(BM_DibaoAssessment)->Apply(households_and_threads);

/// Year-end metrics (tallies and income quantiles per region and for `all`). close_year resets
/// the year-to-date income, so it is restored (untimed) before each call.
void BM_CloseYear(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  Households hh = w.year_end;
  const MonthContext& december = w.months[kMonthsPerYear - 1];
  for (auto _ : state) {
    state.PauseTiming();
    hh.ytd_net = w.year_end.ytd_net;
    state.ResumeTiming();
    benchmark::DoNotOptimize(close_year(hh, w.regions[kMonthsPerYear - 1], w.year_flows, december));
  }
  set_counters(state, hh.n());
}
BENCHMARK(BM_CloseYear)->Apply(households_and_threads);

/// A whole Simulation::step_month, averaged over the 60 months of a replication (低保 every
/// 6 months, year-end metrics every 12); population synthesis between replications is untimed.
void BM_SimulationMonth(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  auto sim = std::make_unique<Simulation>(w.params(), 0);
  for (auto _ : state) {
    if (sim->done()) {
      state.PauseTiming();
      sim = std::make_unique<Simulation>(w.params(), 0);
      state.ResumeTiming();
    }
    sim->step_month();
  }
  set_counters(state, sim->households().n());
}
BENCHMARK(BM_SimulationMonth)->Apply(households_and_threads);

/// Rebuilding every region's compressed-sparse-row link graph from its link list (done at the
/// start and in months when links change).
void BM_LinkGraphBuild(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  Simulation sim(w.params(), 0);
  std::size_t links = 0;
  for (auto& ent : sim.enterprises()) links += ent.links.size();
  for (auto _ : state)
    for (auto& ent : sim.enterprises()) ent.rebuild_graph();
  state.counters["links"] = static_cast<double>(links);
  set_counters(state, sim.households().n());
}
BENCHMARK(BM_LinkGraphBuild)->Apply(households_and_threads);

/// The lean pass that refreshes every household's link-income columns from the graph.
void BM_LinkIncomePass(benchmark::State& state) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  Simulation sim(w.params(), 0);
  Households& hh = sim.households();
  for (auto _ : state)
    for (std::size_t r = 0; r < sim.enterprises().size(); ++r) {
      const RegionEnterprises& ent = sim.enterprises()[r];
      const std::size_t begin = hh.region_begin[r];
      tbb::parallel_for(
          std::size_t{0}, std::size_t{ent.n_households}, kReduceBlock, [&](std::size_t b) {
            link_income_pass(ent, hh, begin, b,
                             std::min<std::size_t>(ent.n_households, b + kReduceBlock));
          });
    }
  set_counters(state, hh.n());
}
BENCHMARK(BM_LinkIncomePass)->Apply(households_and_threads);

}  // namespace
}  // namespace povsim

BENCHMARK_MAIN();
