#include "sim/runner.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

namespace povsim {

RunResult run_scenario(const Params& params, const RunSettings& settings) {
  const auto start = std::chrono::steady_clock::now();
  const int threads = settings.threads > 0 ? settings.threads
                                           : static_cast<int>(std::thread::hardware_concurrency());
  std::optional<tbb::global_control> limit;
  if (!settings.nested)
    limit.emplace(tbb::global_control::max_allowed_parallelism,
                  static_cast<std::size_t>(std::max(1, threads)));
  std::uint64_t households = 0;
  for (const auto& r : params.regions) households += static_cast<std::uint64_t>(r.households);
  const std::uint64_t total = households * static_cast<std::uint64_t>(params.months()) *
                              static_cast<std::uint64_t>(params.replications);
  std::atomic<std::uint64_t> done{0};

  RunResult result;
  result.replications.resize(static_cast<std::size_t>(params.replications));
  // Large populations run one replication at a time (memory); small ones side by side.
  const std::size_t concurrent = households * params.replications < 4'000'000
                                     ? static_cast<std::size_t>(params.replications)
                                     : 1;
  auto run_one = [&](std::size_t rep) {
    // Isolation keeps a waiting thread from starting another replication (bounded memory).
    tbb::this_task_arena::isolate([&] {
      Simulation sim(params, static_cast<std::uint32_t>(rep));
      result.replications[rep] = sim.run([&] {
        const std::uint64_t now = done.fetch_add(households) + households;
        if (settings.progress) settings.progress(now, total);
      });
    });
  };
  if (concurrent > 1) {
    tbb::parallel_for(std::size_t{0}, result.replications.size(), run_one);
  } else {
    for (std::size_t rep = 0; rep < result.replications.size(); ++rep) run_one(rep);
  }
  for (const auto& rep : result.replications) result.timer.add(rep.timer);
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace povsim
