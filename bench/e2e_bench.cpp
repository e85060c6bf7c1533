// End-to-end benchmark: household-months per second of a 1,000,000-household scenario through the
// library (population synthesis included), strong scaling over thread counts, seconds per phase,
// state bytes per household, peak RSS, and a STREAM-style memory bandwidth measured in the same
// process so that the engine's sweep over its state can be set against what the machine can move.
//
//   povsim_bench_e2e [OUT.json] [--scenario FILE] [--repeats N] [--stream-elements N]
//
// OUT.json defaults to e2e.json next to this executable (build/bench/e2e.json).

#include <sys/resource.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/memory.hpp"
#include "core/phase_timer.hpp"
#include "core/rng.hpp"
#include "core/version.hpp"
#include "model/households.hpp"
#include "model/population.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"
#include "sim/simulation.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace povsim {
namespace {

struct Options {
  fs::path out;
  fs::path scenario = fs::path(POVSIM_SOURCE_DIR) / "scenarios" / "bench-1m.yaml";
  int repeats = 3;                           // end-to-end runs per thread count (best is kept)
  std::size_t stream_elements = 32u << 20u;  // doubles per STREAM array (3 × 256 MiB)
  int stream_repeats = 10;
  double target = 50e6;  // household-months per second on 2 cores
  double scale = 1.0;    // multiplies every region's households (--scale of povsim run)
};

Options parse_options(int argc, char** argv) {
  Options o;
  std::string out, scenario = o.scenario.string();
  CLI::App app{"povsim end-to-end benchmark: household-months per second, peak RSS, STREAM"};
  app.add_option("out", out, "JSON output (default: e2e.json beside the executable)");
  app.add_option("--scenario", scenario, "scenario to run")->check(CLI::ExistingFile);
  app.add_option("--repeats", o.repeats, "end-to-end runs per thread count")
      ->check(CLI::Range(1, 100));
  app.add_option("--stream-elements", o.stream_elements, "doubles per STREAM array")
      ->check(CLI::Range(std::size_t{1} << 20u, std::size_t{1} << 32u));
  app.add_option("--target", o.target, "household-months per second to meet on 2 cores");
  app.add_option("--scale", o.scale, "multiply every region's household count")
      ->check(CLI::Range(1e-6, 1e4));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    std::exit(app.exit(e) == 0 ? 0 : 2);
  }
  o.scenario = scenario;
  o.out = out;
  const bool have_out = !out.empty();
  if (!have_out) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    o.out = ec ? fs::path("e2e.json") : exe.parent_path() / "e2e.json";
  }
  return o;
}

std::string first_field(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const auto start = line.find_first_not_of(" \t", colon + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

std::string read_line(const char* file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

json machine_facts() {
  json m;
  m["nproc"] = sysconf(_SC_NPROCESSORS_ONLN);
  m["hardware_concurrency"] = std::thread::hardware_concurrency();
  m["cpu_model"] = first_field("/proc/cpuinfo", "model name");
  m["cpu_mhz"] = first_field("/proc/cpuinfo", "cpu MHz");
  m["l2_cache"] = read_line("/sys/devices/system/cpu/cpu0/cache/index2/size");
  m["l3_cache"] = read_line("/sys/devices/system/cpu/cpu0/cache/index3/size");
  const std::string mem_kb = first_field("/proc/meminfo", "MemTotal");
  m["mem_total_bytes"] = mem_kb.empty() ? 0ull : std::stoull(mem_kb) * 1024ull;
  m["load_average_at_start"] = read_line("/proc/loadavg");
  m["kernel"] = read_line("/proc/sys/kernel/osrelease");
  return m;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// Resets this process's peak RSS (VmHWM) to its current RSS; false if the kernel refuses.
bool reset_peak_rss() {
  std::ofstream f("/proc/self/clear_refs");
  f << "5";
  f.flush();
  return static_cast<bool>(f);
}

/// User + system CPU seconds of this process so far (all threads).
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

/// CPU seconds all processes on the machine have used since boot (user, nice, system, irq,
/// softirq, steal from /proc/stat), for telling how much of a run's cores others took.
double machine_cpu_seconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  std::uint64_t user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
                steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  return static_cast<double>(user + nice + system + irq + softirq + steal) /
         static_cast<double>(sysconf(_SC_CLK_TCK));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct StreamResult {
  double copy_bytes_per_s = 0;   // 2 × 8 bytes per element (c = a)
  double triad_bytes_per_s = 0;  // 3 × 8 bytes per element (a = b + s·c)
  double checksum = 0;
};

/// Best-of-`repeats` STREAM copy and triad over three arrays of `n` doubles, split statically
/// over `threads` TBB workers (each thread first-touches the pages it later streams).
StreamResult stream(int threads, std::size_t n, int repeats) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  std::unique_ptr<double[]> a(new double[n]);
  std::unique_ptr<double[]> b(new double[n]);
  std::unique_ptr<double[]> c(new double[n]);
  double* __restrict pa = a.get();
  double* __restrict pb = b.get();
  double* __restrict pc = c.get();
  const tbb::blocked_range<std::size_t> all(0, n, std::size_t{1} << 16u);
  auto sweep = [&](auto&& kernel) {
    const auto start = std::chrono::steady_clock::now();
    tbb::parallel_for(
        all, [&](const tbb::blocked_range<std::size_t>& r) { kernel(r.begin(), r.end()); },
        tbb::static_partitioner{});
    return seconds_since(start);
  };
  sweep([&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      pa[i] = 1.0;
      pb[i] = 2.0;
      pc[i] = 0.0;
    }
  });
  const double s = 3.0;
  double best_copy = 1e300;
  double best_triad = 1e300;
  for (int rep = 0; rep < repeats; ++rep) {
    best_copy = std::min(best_copy, sweep([&](std::size_t lo, std::size_t hi) {
                           for (std::size_t i = lo; i < hi; ++i) pc[i] = pa[i];
                         }));
    best_triad = std::min(best_triad, sweep([&](std::size_t lo, std::size_t hi) {
                            for (std::size_t i = lo; i < hi; ++i) pa[i] = pb[i] + s * pc[i];
                          }));
  }
  StreamResult r;
  const auto bytes = static_cast<double>(n) * sizeof(double);
  r.copy_bytes_per_s = 2.0 * bytes / best_copy;
  r.triad_bytes_per_s = 3.0 * bytes / best_triad;
  r.checksum = pa[0] + pa[n / 2] + pa[n - 1] + pc[n - 1];  // keeps the sweeps observable
  return r;
}

struct EngineRun {
  int threads = 0;
  std::vector<double> wall_seconds;  // one per repeat
  std::vector<double> cpu_seconds;   // process CPU time of each repeat (user + system)
  std::vector<double> others_cores;  // cores' worth of CPU other processes took during each repeat
  double best_wall = 0;
  double best_others_cores = 0;  // other processes' CPU during the best run, in cores
  PhaseTimer best_timer;
  std::size_t households_simulated = 0;
  double synthesis_seconds = 0;  // population synthesis alone, best of the repeats
  std::uint64_t peak_rss = 0;    // max over the repeats
  StreamResult bandwidth;
};

/// One end-to-end run of the scenario at `run.threads`, folded into `run` (best wall time and its
/// phase timer, max peak RSS).
void run_engine(const Params& params, bool rss_resets, EngineRun& run) {
  RunSettings settings;
  settings.threads = run.threads;
  if (rss_resets) reset_peak_rss();
  const double cpu_start = cpu_seconds();
  const double machine_start = machine_cpu_seconds();
  const RunResult result = run_scenario(params, settings);
  const double cpu = cpu_seconds() - cpu_start;
  run.cpu_seconds.push_back(cpu);
  run.others_cores.push_back(std::max(0.0, machine_cpu_seconds() - machine_start - cpu) /
                             result.wall_seconds);
  run.peak_rss = std::max(run.peak_rss, peak_rss_bytes());
  run.wall_seconds.push_back(result.wall_seconds);
  run.households_simulated = result.replications.empty() ? 0 : result.replications[0].households;
  if (run.wall_seconds.size() == 1 || result.wall_seconds < run.best_wall) {
    run.best_wall = result.wall_seconds;
    run.best_others_cores = run.others_cores.back();
    run.best_timer = result.timer;
  }
}

/// Population synthesis alone (it runs inside every replication's Simulation constructor), best
/// of `repeats`, to split it out of the time no phase accounts for.
double synthesis_seconds(const Params& params, int threads, int repeats) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const Rng rng(static_cast<std::uint32_t>(params.seed), 0);
  double best = 1e300;
  for (int rep = 0; rep < repeats; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    const Households hh = synthesize_population(params, rng);
    best = std::min(best, seconds_since(start));
  }
  return best;
}

/// Where the memory of one replication goes, from a Simulation built (population, enterprises,
/// links, graphs) but not yet run: state columns per household, links and their CSR graphs.
json memory_breakdown(const Params& params, std::size_t households) {
  const Simulation sim(params, 0);
  std::size_t links = 0, link_bytes = 0, graph_bytes = 0, graph_vertices = 0, graph_edges = 0;
  for (const RegionEnterprises& ent : sim.enterprises()) {
    links += ent.links.size();
    link_bytes += ent.links.capacity() * sizeof(Link);
    // boost CSR: a row start per vertex (+1), a target and an edge property per stored edge.
    const std::size_t v = boost::num_vertices(ent.graph);
    const std::size_t e = boost::num_edges(ent.graph);
    graph_vertices += v;
    graph_edges += e;
    graph_bytes += (v + 1) * sizeof(std::size_t) + e * (sizeof(std::size_t) + sizeof(LinkEdge));
  }
  const double n = static_cast<double>(std::max<std::size_t>(1, households));
  const std::size_t state = Households::bytes_per_household() * households;
  json m;
  m["households"] = households;
  m["state_bytes"] = state;
  m["links"] = links;
  m["links_per_household"] = static_cast<double>(links) / n;
  m["link_record_bytes"] = sizeof(Link);
  m["graph_edges_per_link"] =
      links ? static_cast<double>(graph_edges) / static_cast<double>(links) : 0.0;
  m["bytes_per_link"] =
      links ? static_cast<double>(link_bytes +
                                  graph_edges * (sizeof(std::size_t) + sizeof(LinkEdge))) /
                  static_cast<double>(links)
            : 0.0;
  m["link_bytes"] = link_bytes;
  m["graph_bytes"] = graph_bytes;
  m["graph_vertices"] = graph_vertices;
  m["model_bytes_per_household"] = static_cast<double>(state + link_bytes + graph_bytes) / n;
  m["note"] =
      "state = Households::bytes_per_household() × households; links = RegionEnterprises::links "
      "(capacity); graph = boost CSR row starts (8 B per vertex: household or enterprise) and "
      "8 + 4 B per stored edge (each link stored once per direction it is read)";
  return m;
}

std::vector<int> thread_counts() {
  const int max = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<int> counts;
  for (int t = 1; t < max; t *= 2) counts.push_back(t);
  counts.push_back(max);
  return counts;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t k = v.size() / 2;
  return v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
}

std::string group(std::uint64_t x) {
  std::string s = std::to_string(x);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace
}  // namespace povsim

int main(int argc, char** argv) {
  using namespace povsim;
  const Options opt = parse_options(argc, argv);
  try {
    const json machine = machine_facts();
    const LoadedScenario loaded = load_scenario(opt.scenario, {{}, opt.scale});
    const Params& params = loaded.params;

    std::uint64_t households = 0;
    json regions = json::array();
    for (const auto& r : params.regions) {
      households += static_cast<std::uint64_t>(r.households);
      regions.push_back({{"name", r.name}, {"households", r.households}});
    }
    const auto months = static_cast<std::uint64_t>(params.months());
    const auto replications = static_cast<std::uint64_t>(params.replications);
    const std::uint64_t household_months = households * months * replications;
    const std::size_t state_bytes = Households::bytes_per_household();

    std::printf("povsim e2e benchmark — %s\n", opt.scenario.string().c_str());
    std::printf("  %s households × %llu months × %llu replication(s) = %s household-months\n",
                group(households).c_str(), static_cast<unsigned long long>(months),
                static_cast<unsigned long long>(replications), group(household_months).c_str());
    std::printf("  %s, %d cores, load average %s\n",
                machine["cpu_model"].get<std::string>().c_str(), machine["nproc"].get<int>(),
                machine["load_average_at_start"].get<std::string>().c_str());
    std::printf("  state %zu bytes/household; %d end-to-end runs per thread count, best kept\n",
                state_bytes, opt.repeats);
    std::fflush(stdout);

    // Other processes on the cores make wall-clock figures (and speed-ups) meaningless: count
    // the CPU time they take during one idle second before, and during each run.
    const double machine_before = machine_cpu_seconds();
    const double self_before = cpu_seconds();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const double others_idle_second =
        std::max(0.0, (machine_cpu_seconds() - machine_before) - (cpu_seconds() - self_before));
    std::printf("  other processes used %.2f of %d cores before the start\n", others_idle_second,
                machine["nproc"].get<int>());
    const bool rss_resets = reset_peak_rss();
    std::vector<EngineRun> runs;
    for (const int threads : thread_counts()) {
      runs.emplace_back();
      runs.back().threads = threads;
    }
    // Thread counts interleaved, so a drift in machine load hits all of them alike.
    for (int rep = 0; rep < opt.repeats; ++rep) {
      std::printf("  repeat %d/%d:", rep + 1, opt.repeats);
      for (EngineRun& run : runs) {
        run_engine(params, rss_resets, run);
        std::printf("  threads=%d %.3f s (others %.2f cores)", run.threads, run.wall_seconds.back(),
                    run.others_cores.back());
        std::fflush(stdout);
      }
      std::printf("\n");
    }
    for (EngineRun& run : runs) {
      run.synthesis_seconds = synthesis_seconds(params, run.threads, opt.repeats);
      if (run.households_simulated != households)
        throw std::runtime_error("the engine simulated " +
                                 std::to_string(run.households_simulated) +
                                 " households, the scenario lists " + std::to_string(households));
    }
    const json memory = memory_breakdown(params, households);
    // Bandwidth last, so its 3 large arrays never count in the engine's peak RSS.
    for (EngineRun& run : runs)
      run.bandwidth = stream(run.threads, opt.stream_elements, opt.stream_repeats);

    const auto hm = static_cast<double>(household_months);
    const double base_rate = hm / runs.front().best_wall;
    json jruns = json::array();
    for (const EngineRun& run : runs) {
      const double rate = hm / run.best_wall;
      const double speedup = rate / base_rate;
      const double traffic = static_cast<double>(state_bytes) * rate;
      json phases = json::object();
      double phase_sum = 0;
      for (int p = 0; p < static_cast<int>(Phase::kCount); ++p) {
        const double s = run.best_timer.seconds(static_cast<Phase>(p));
        phases[std::string(phase_name(static_cast<Phase>(p)))] = s;
        phase_sum += s;
      }
      jruns.push_back({
          {"threads", run.threads},
          {"repeats", run.wall_seconds.size()},
          {"wall_seconds", run.wall_seconds},
          {"wall_seconds_best", run.best_wall},
          {"wall_seconds_median", median(run.wall_seconds)},
          {"household_months_per_second", rate},
          {"household_months_per_second_median", hm / median(run.wall_seconds)},
          {"cpu_seconds", run.cpu_seconds},
          {"other_processes_cores", run.others_cores},
          {"other_processes_cores_best_run", run.best_others_cores},
          {"household_months_per_cpu_second",
           hm / *std::min_element(run.cpu_seconds.begin(), run.cpu_seconds.end())},
          {"speedup_vs_1_thread", speedup},
          {"parallel_efficiency", speedup / run.threads},
          {"phase_seconds", phases},
          {"phase_seconds_sum", phase_sum},
          {"unattributed_seconds", run.best_wall - phase_sum},
          {"population_synthesis_seconds", run.synthesis_seconds},
          {"peak_rss_bytes", run.peak_rss},
          {"peak_rss_bytes_per_household",
           static_cast<double>(run.peak_rss) / static_cast<double>(households)},
          {"households_per_replication_simulated", run.households_simulated},
          {"stream",
           {{"threads", run.threads},
            {"elements_per_array", opt.stream_elements},
            {"array_bytes", opt.stream_elements * sizeof(double)},
            {"repeats", opt.stream_repeats},
            {"copy_bytes_per_second", run.bandwidth.copy_bytes_per_s},
            {"triad_bytes_per_second", run.bandwidth.triad_bytes_per_s},
            {"checksum", run.bandwidth.checksum}}},
          {"state_traffic_bytes_per_second", traffic},
          {"state_traffic_fraction_of_triad", traffic / run.bandwidth.triad_bytes_per_s},
      });
    }
    const json& top = jruns.back();
    const double top_rate = top["household_months_per_second"].get<double>();
    const std::uint64_t top_rss = top["peak_rss_bytes"].get<std::uint64_t>();

    json doc;
    doc["benchmark"] = "povsim_bench_e2e";
    doc["version"] = kVersion;
    doc["git_commit"] = kGitCommit;
    doc["timestamp_utc"] = utc_now();
    doc["compiler"] = __VERSION__;
    doc["machine"] = machine;
    doc["machine"]["load_average_at_end"] = read_line("/proc/loadavg");
    doc["machine"]["other_processes_cores_at_start"] = others_idle_second;
    doc["scenario"] = {{"file", opt.scenario.string()},
                       {"name", params.name},
                       {"sha256", loaded.resolved_sha256},
                       {"regions", regions},
                       {"households_per_replication", households},
                       {"months", months},
                       {"replications", replications},
                       {"household_months", household_months}};
    doc["definitions"] = {
        {"household_months_per_second",
         "households × months × replications / wall seconds of run_scenario (population "
         "synthesis included), best of the repeats"},
        {"bytes_per_household", "Households::bytes_per_household(): sum of column element sizes"},
        {"state_traffic_bytes_per_second",
         "bytes_per_household × household_months_per_second (one sweep over the state per "
         "household-month; reads and write-backs of a pass can make real traffic up to twice "
         "this)"},
        {"stream",
         "copy counts 2 × 8 bytes per element, triad 3 × 8 (STREAM convention, no "
         "write-allocate); best of the repeats"},
        {"peak_rss_bytes", rss_resets ? "VmHWM, reset before each run, max over the repeats"
                                      : "VmHWM of the process so far (reset unavailable)"}};
    doc["bytes_per_household"] = state_bytes;
    doc["state_bytes_total"] = state_bytes * households;
    doc["threads"] = top["threads"];
    doc["household_months_per_second"] = top_rate;
    doc["household_months_per_second_1_thread"] = base_rate;
    doc["speedup"] = top["speedup_vs_1_thread"];
    doc["parallel_efficiency"] = top["parallel_efficiency"];
    doc["peak_rss_bytes"] = top_rss;
    doc["stream_triad_bytes_per_second"] = top["stream"]["triad_bytes_per_second"];
    doc["stream_copy_bytes_per_second"] = top["stream"]["copy_bytes_per_second"];
    doc["state_traffic_fraction_of_triad"] = top["state_traffic_fraction_of_triad"];
    doc["peak_rss_bytes_per_household"] =
        static_cast<double>(top_rss) / static_cast<double>(std::max<std::uint64_t>(1, households));
    doc["scale"] = opt.scale;
    doc["memory"] = memory;
    // Strong scaling over threads (1 → all cores of this machine) is `runs`; scaling over MPI
    // ranks (1 → 2) is measured by the MPI build and belongs in `ranks` (null until then).
    doc["ranks"] = nullptr;
    doc["runs"] = jruns;
    doc["targets"] = {{"household_months_per_second_on_2_cores",
                       {{"target", opt.target},
                        {"measured", top_rate},
                        {"applies", top["threads"].get<int>() == 2},
                        {"met", top_rate >= opt.target}}},
                      {"bytes_per_household",
                       {{"target", 128}, {"measured", state_bytes}, {"met", state_bytes <= 128}}}};

    // Human-readable table.
    std::printf("\n%7s %9s %9s %9s %8s %6s %8s %9s %8s %8s %9s\n", "threads", "wall s", "Mhm/s",
                "Mhm/", "speed-up", "eff.", "synth s", "peak RSS", "triad", "copy", "state/");
    std::printf("%7s %9s %9s %9s %8s %6s %8s %9s %8s %8s %9s\n", "", "(best)", "", "CPU-s", "", "",
                "", "MiB", "GB/s", "GB/s", "triad");
    for (const json& r : jruns) {
      std::printf("%7d %9.3f %9.2f %9.2f %8.2f %5.0f%% %8.3f %9.1f %8.2f %8.2f %8.1f%%\n",
                  r["threads"].get<int>(), r["wall_seconds_best"].get<double>(),
                  r["household_months_per_second"].get<double>() / 1e6,
                  r["household_months_per_cpu_second"].get<double>() / 1e6,
                  r["speedup_vs_1_thread"].get<double>(),
                  100 * r["parallel_efficiency"].get<double>(),
                  r["population_synthesis_seconds"].get<double>(),
                  static_cast<double>(r["peak_rss_bytes"].get<std::uint64_t>()) / (1 << 20),
                  r["stream"]["triad_bytes_per_second"].get<double>() / 1e9,
                  r["stream"]["copy_bytes_per_second"].get<double>() / 1e9,
                  100 * r["state_traffic_fraction_of_triad"].get<double>());
    }
    for (const EngineRun& run : runs)
      if (run.best_others_cores > 0.1)
        std::printf(
            "WARNING: other processes took %.2f cores during the best %d-thread run: its "
            "figures understate the engine\n",
            run.best_others_cores, run.threads);
    std::printf("\nseconds per phase (threads=%d, best run; phases never timed are left out):\n ",
                top["threads"].get<int>());
    for (const auto& [name, s] : top["phase_seconds"].items())
      if (s.get<double>() > 0) std::printf(" %s %.3f,", name.c_str(), s.get<double>());
    std::printf(" unattributed %.3f (population synthesis alone: %.3f)\n",
                top["unattributed_seconds"].get<double>(),
                top["population_synthesis_seconds"].get<double>());
    std::printf(
        "memory: %zu bytes/household of state, %.2f links/household at %.1f bytes/link, "
        "%.1f model bytes/household; peak RSS %.1f bytes/household\n",
        state_bytes, memory["links_per_household"].get<double>(),
        memory["bytes_per_link"].get<double>(), memory["model_bytes_per_household"].get<double>(),
        doc["peak_rss_bytes_per_household"].get<double>());
    std::printf(
        "targets: >= %.0f M household-months/s on 2 cores: %.1f M (%.0f%%)%s; "
        "<= 128 bytes/household: %zu (%s)\n",
        opt.target / 1e6, top_rate / 1e6, 100 * top_rate / opt.target,
        top["threads"].get<int>() == 2 ? (top_rate >= opt.target ? " met" : " not met")
                                       : " (not a 2-core run)",
        state_bytes, state_bytes <= 128 ? "met" : "not met");

    if (!opt.out.parent_path().empty()) fs::create_directories(opt.out.parent_path());
    std::ofstream file(opt.out);
    file << doc.dump(2) << '\n';
    if (!file.flush()) throw std::runtime_error("cannot write " + opt.out.string());
    std::printf("wrote %s\n", opt.out.string().c_str());
    return 0;
  } catch (const InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "povsim_bench_e2e: %s\n", e.what());
    return 1;
  }
}
