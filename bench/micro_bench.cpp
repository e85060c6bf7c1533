// Micro-benchmarks of the engine's kernels: Philox draws, population synthesis, link graphs, and
// the real monthly phases of Simulation (run_phase), each timed alone while the others run around
// it untimed, and a whole month. Items are households (household-months for the phases), so
// items/s compares directly with the end-to-end figure of povsim_bench_e2e. Passes run on
// scenarios/bench-1m.yaml scaled to the `households` argument, with TBB limited to the `threads`
// argument; real (wall) time is used.

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
#include "core/phase_timer.hpp"
#include "core/rng.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "model/population.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

namespace povsim {
namespace {

/// A loaded scenario and its generator, built once per household count.
struct World {
  LoadedScenario scenario;
  Rng rng;

  const Params& params() const { return scenario.params; }
  std::size_t households() const {
    std::size_t n = 0;
    for (const auto& r : params().regions) n += static_cast<std::size_t>(r.households);
    return n;
  }

  explicit World(LoadedScenario loaded)
      : scenario(std::move(loaded)), rng(static_cast<std::uint32_t>(scenario.params.seed), 0) {}
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
  set_counters(state, w.households());
}
BENCHMARK(BM_PopulationSynthesis)->Apply(households_and_threads);

/// One phase of Simulation::step_month, timed alone: each iteration is one simulated month whose
/// other phases run untimed around it, in their order (a fresh replication, untimed, after the
/// last month). Averaged over the months run, so phases that act in some months only (低保
/// assessment every 6, the year close every 12) count at their monthly average; 24 iterations
/// cover two years.
void BM_Phase(benchmark::State& state, Phase phase) {
  const World& w = world(state.range(0));
  const auto limit = limit_threads(state);
  auto sim = std::make_unique<Simulation>(w.params(), 0);
  for (auto _ : state) {
    state.PauseTiming();
    if (sim->done()) sim = std::make_unique<Simulation>(w.params(), 0);
    sim->begin_month();
    for (int k = 0; k < static_cast<int>(phase); ++k) sim->run_phase(static_cast<Phase>(k));
    state.ResumeTiming();
    sim->run_phase(phase);
    state.PauseTiming();
    for (int k = static_cast<int>(phase) + 1; k < static_cast<int>(Phase::kCount); ++k)
      sim->run_phase(static_cast<Phase>(k));
    sim->end_month();
    state.ResumeTiming();
  }
  set_counters(state, sim->households().n());
}
void phase_runs(benchmark::internal::Benchmark* b) {
  households_and_threads(b);
  b->Iterations(24);
}
BENCHMARK_CAPTURE(BM_Phase, enterprises, Phase::kEnterprises)->Apply(phase_runs);
BENCHMARK_CAPTURE(BM_Phase, households, Phase::kHouseholds)->Apply(phase_runs);
BENCHMARK_CAPTURE(BM_Phase, assistance, Phase::kAssistance)->Apply(phase_runs);
BENCHMARK_CAPTURE(BM_Phase, risk_elimination, Phase::kRiskElimination)->Apply(phase_runs);
BENCHMARK_CAPTURE(BM_Phase, year_close, Phase::kYearClose)->Apply(phase_runs);

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
