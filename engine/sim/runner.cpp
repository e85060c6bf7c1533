#include "sim/runner.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "core/diagnostics.hpp"
#include "core/memory.hpp"
#include "model/households.hpp"
#include "parallel/partition.hpp"
#include "sim/checkpoint.hpp"

namespace povsim {

namespace {

/// Makes `sim` continue from its checkpoint when every rank has one (and fails when only some
/// do); true when it did.
bool resume(Simulation& sim, const std::filesystem::path& file, const CheckpointIdentity& id,
            const Communicator& comm) {
  const bool have = std::filesystem::exists(file);
  if (!have) {
    // A checkpoint of this replication under another name was written by another rank layout.
    const std::string stem = file.filename().string().substr(0, file.filename().string().find('.'));
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with(stem + ".") && name.ends_with(".ckpt"))
        throw InputError(entry.path().string() +
                         ": error: checkpoint written by a run with another number of MPI ranks; "
                         "restart with the same number of ranks (" +
                         file.filename().string() + " expected)\n");
    }
  }
  const bool every = comm.all(have);
  const bool none = comm.all(!have);
  if (!every && !none)
    throw InputError(file.string() +
                     ": error: some MPI ranks have a checkpoint of this replication and others do "
                     "not; a restart needs the same number of ranks as the run that wrote it\n");
  if (none) return false;
  load_checkpoint(file, id, sim);
  // Ranks checkpoint on their own: all must have stopped at the same month.
  const std::vector<int> months = gather_rows(comm, std::vector<int>{sim.month()});
  bool same = true;
  for (int m : months) same = same && m == months.front();
  if (!comm.all(same))
    throw InputError(file.string() +
                     ": error: the ranks' checkpoints are of different months (a run stopped "
                     "while writing them); restart from an older copy\n");
  return true;
}

}  // namespace

std::uint64_t estimate_run_bytes(const Params& params, std::size_t concurrent) {
  const auto reps = static_cast<std::uint64_t>(params.replications);
  const auto years = static_cast<std::uint64_t>(params.end.year - params.start.year + 1);
  const auto regions = static_cast<std::uint64_t>(params.regions.size());
  std::uint64_t households = 0;
  for (const auto& r : params.regions) households += static_cast<std::uint64_t>(r.households);
  // Kept for every replication until the tables are written: each metric value (8 bytes) and
  // its annual.csv line (about 64 bytes), and the fund rows with their funds.csv lines.
  constexpr std::uint64_t kValueBytes = sizeof(double) + 64;
  constexpr std::uint64_t kFundRowBytes = sizeof(FundYearRow) + 96;
  const std::uint64_t results =
      reps * years *
      ((regions + 1) * static_cast<std::uint64_t>(kMetricCount) * kValueBytes +
       regions * static_cast<std::uint64_t>(kFundAccountCount) * kFundRowBytes);
  // The population of each replication running at once: its columns alone. The phases' working
  // state adds a fifth or so (national: 3.3 GiB peak for 2.9 GB of columns); leaving it out keeps
  // the estimate a lower bound, so that no run that would fit is refused.
  const std::uint64_t populations =
      static_cast<std::uint64_t>(concurrent) * households * Households::bytes_per_household();
  return results + populations;
}

RunResult run_scenario(const Params& full_params, const RunSettings& settings) {
  const auto start = std::chrono::steady_clock::now();
  const Communicator& comm = settings.comm != nullptr ? *settings.comm : single_process();
  // Under MPI this rank's block of regions; otherwise the whole scenario.
  std::vector<std::size_t> bounds{0, full_params.regions.size()};
  std::optional<Params> slice;
  if (comm.size() > 1) {
    std::vector<std::int64_t> per_region;
    for (const auto& r : full_params.regions) per_region.push_back(r.households);
    if (comm.size() > static_cast<int>(per_region.size()))
      throw InputError("povsim: error: " + std::to_string(comm.size()) + " MPI ranks for " +
                       std::to_string(per_region.size()) +
                       " regions: run with at most one rank per region\n");
    bounds = partition_regions(per_region, comm.size());
    const auto k = static_cast<std::size_t>(comm.rank());
    slice.emplace(slice_regions(full_params, bounds[k], bounds[k + 1]));
  }
  const Params& params = slice ? *slice : full_params;
  const auto rank = static_cast<std::size_t>(comm.rank());
  if (settings.checkpoint_every > 0) std::filesystem::create_directories(settings.checkpoint_dir);
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
  std::atomic<bool> stopped{false};

  // Large populations run one replication at a time (memory); small ones side by side.
  const std::size_t concurrent = comm.size() == 1 && households * params.replications < 4'000'000
                                     ? static_cast<std::size_t>(params.replications)
                                     : 1;
  // Refused before anything is allocated: a run that cannot fit would otherwise end in
  // std::bad_alloc after simulating for minutes.
  if (const std::uint64_t need = estimate_run_bytes(params, concurrent),
      have = available_memory_bytes();
      need > have)
    throw InputError("povsim: error: this run needs about " + format_bytes(need) + " of memory (" +
                     std::to_string(params.replications) + " replications × " +
                     std::to_string(params.end.year - params.start.year + 1) + " years × " +
                     std::to_string(params.regions.size() + 1) + " regions × " +
                     std::to_string(kMetricCount) + " metrics kept for annual.csv, and " +
                     std::to_string(households) + " households per replication), more than the " +
                     format_bytes(have) +
                     " available: run fewer --replications, a smaller --scale or fewer regions\n");

  RunResult result;
  result.replications.resize(static_cast<std::size_t>(params.replications));
  auto run_one = [&](std::size_t rep) {
    // Isolation keeps a waiting thread from starting another replication (bounded memory).
    tbb::this_task_arena::isolate([&] {
      const auto replication = static_cast<std::uint32_t>(rep);
      CheckpointIdentity id;
      id.scenario_sha256 = settings.scenario_sha256;
      id.seed = static_cast<std::uint64_t>(params.seed);
      id.replication = replication;
      id.rank = static_cast<std::uint32_t>(comm.rank());
      id.ranks = static_cast<std::uint32_t>(comm.size());
      id.region_begin = bounds[rank];
      id.region_end = bounds[rank + 1];
      id.households = households;
      id.months = params.months();
      std::optional<Simulation> sim;
      if (!settings.restart_dir.empty()) {
        sim.emplace(params, replication, comm, Simulation::Unbuilt{});
        if (!resume(*sim,
                    checkpoint_file(settings.restart_dir, replication, comm.rank(), comm.size()),
                    id, comm))
          sim.reset();
      }
      if (!sim) sim.emplace(params, replication, comm);
      done.fetch_add(households * static_cast<std::uint64_t>(sim->month()));
      const std::filesystem::path file =
          checkpoint_file(settings.checkpoint_dir, replication, comm.rank(), comm.size());
      const int stop = settings.stop_at_month;
      while (!sim->done() && !(stop > 0 && sim->month() >= stop)) {
        sim->step_month();
        const std::uint64_t now = done.fetch_add(households) + households;
        if (settings.progress) settings.progress(now, total);
        if (settings.checkpoint_every > 0 &&
            (sim->month() % settings.checkpoint_every == 0 || sim->done() || sim->month() == stop))
          save_checkpoint(file, id, *sim);
      }
      if (sim->done())
        result.replications[rep] = sim->take_result();
      else
        stopped = true;
    });
  };
  if (concurrent > 1) {
    tbb::parallel_for(std::size_t{0}, result.replications.size(), run_one);
  } else {
    for (std::size_t rep = 0; rep < result.replications.size(); ++rep) run_one(rep);
  }
  result.stopped = stopped;
  for (const auto& rep : result.replications) result.timer.add(rep.timer);
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace povsim
