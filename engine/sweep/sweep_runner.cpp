#include "sweep/sweep_runner.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/diagnostics.hpp"
#include "core/version.hpp"
#include "output/output_dir.hpp"
#include "output/report.hpp"
#include "output/tables.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"
#include "sweep/sobol_indices.hpp"

namespace povsim {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> stop_requested{false};

std::string point_file(std::size_t p) { return "point-" + std::to_string(p) + ".csv"; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The rows of one point: summary.csv's rows (over replications) prefixed with the point number.
std::string point_rows(std::size_t p, const Params& params, const RunResult& run) {
  std::istringstream summary(summary_csv(params, run));
  std::string line, out;
  std::getline(summary, line);  // header
  while (std::getline(summary, line)) out += std::to_string(p) + "," + line + "\n";
  return out;
}

std::string method_name(SweepMethod m) {
  switch (m) {
    case SweepMethod::kGrid:
      return "grid";
    case SweepMethod::kLhs:
      return "lhs";
    case SweepMethod::kSobol:
      return "sobol";
  }
  return "?";
}

}  // namespace

void request_sweep_stop() { stop_requested = true; }

SweepOutcome run_sweep(const SweepSpec& spec, const fs::path& sweep_file,
                       const SweepSettings& settings) {
  const auto start = std::chrono::steady_clock::now();
  const Design design = make_design(spec);
  const auto n_points = static_cast<std::size_t>(design.points.rows());
  fs::path out = settings.out;
  if (out.filename().empty()) out = out.parent_path();
  const fs::path partial = out.parent_path() / (out.filename().string() + ".partial");
  std::error_code ec;
  if (!settings.resume) fs::remove_all(partial, ec);
  fs::create_directories(partial, ec);
  if (ec)
    throw InputError(out.string() + ": error: --out: cannot create " + partial.string() + ": " +
                     ec.message() + "\n");

  // Each point: the base scenario with the axes' values (and --set) applied.
  auto overrides_of = [&](std::size_t p) {
    std::vector<std::string> o = settings.overrides;
    o.push_back("replications=" + std::to_string(spec.replications));
    for (std::size_t j = 0; j < spec.axes.size(); ++j)
      o.push_back(
          spec.axes[j].key + "=" +
          format_value(design.points(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(j))));
    return o;
  };

  SweepOutcome outcome;
  outcome.points = n_points;
  std::vector<std::size_t> pending;
  for (std::size_t p = 0; p < n_points; ++p) {
    if (fs::exists(partial / point_file(p)))
      ++outcome.resumed;
    else
      pending.push_back(p);
  }
  if (settings.stop_after > 0 && pending.size() > static_cast<std::size_t>(settings.stop_after))
    pending.resize(static_cast<std::size_t>(settings.stop_after));

  const int threads = settings.threads > 0 ? settings.threads
                                           : static_cast<int>(std::thread::hardware_concurrency());
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(std::max(1, threads)));
    std::atomic<std::size_t> done{outcome.resumed};
    stop_requested = false;
    tbb::parallel_for(std::size_t{0}, pending.size(), std::size_t{1}, [&](std::size_t k) {
      if (stop_requested) return;
      const std::size_t p = pending[k];
      const LoadedScenario sc = load_scenario(spec.base, {overrides_of(p), settings.scale});
      RunSettings rs;
      rs.threads = threads;
      rs.nested = true;
      const RunResult run = run_scenario(sc.params, rs);
      // Write to a temporary name and rename: a point file is either whole or absent.
      const fs::path tmp = partial / (point_file(p) + ".tmp");
      {
        std::ofstream f(tmp, std::ios::binary);
        f << point_rows(p, sc.params, run);
      }
      fs::rename(tmp, partial / point_file(p));
      const std::size_t now = ++done;
      if (settings.progress) settings.progress(now, n_points);
    });
    outcome.interrupted = stop_requested;
  }
  for (std::size_t p : pending)
    if (fs::exists(partial / point_file(p))) ++outcome.run_now;
  const bool all_done = outcome.resumed + outcome.run_now == n_points;
  if (!all_done) return outcome;

  // Assemble the outputs in point order.
  OutputDir dir(out);
  std::string points = "point,block,axis_of_block";
  for (const auto& a : spec.axes) points += "," + csv_field(a.key);
  points += "\n";
  for (std::size_t p = 0; p < n_points; ++p) {
    const PointOrigin& o = design.origin[p];
    points += std::to_string(p) + "," + std::string(1, o.block) + "," +
              (o.axis >= 0 ? csv_field(spec.axes[static_cast<std::size_t>(o.axis)].key) : "");
    for (Eigen::Index j = 0; j < design.points.cols(); ++j)
      points += "," + format_value(design.points(static_cast<Eigen::Index>(p), j));
    points += "\n";
  }
  dir.write("points.csv", points);

  std::string results = "point,year,region,metric,mean,sd,p05,p50,p95,n\n";
  // value of (metric, point) at the indices' year and region, for the Sobol indices
  std::map<std::string, Eigen::VectorXd> outputs;
  for (const auto& m : spec.index_metrics)
    outputs[m] = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n_points));
  const std::string year_text = std::to_string(spec.index_year);
  for (std::size_t p = 0; p < n_points; ++p) {
    const std::string rows = read_file(partial / point_file(p));
    results += rows;
    if (outputs.empty()) continue;
    std::istringstream in(rows);
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
      if (f.size() < 5 || f[1] != year_text || f[2] != spec.index_region) continue;
      if (auto it = outputs.find(f[3]); it != outputs.end())
        it->second(static_cast<Eigen::Index>(p)) = std::stod(f[4]);
    }
  }
  dir.write("results.csv", results);

  if (spec.method == SweepMethod::kSobol) {
    std::string sobol = "metric,year,region,axis,first_order,total\n";
    const int k = static_cast<int>(spec.axes.size());
    for (const auto& m : spec.index_metrics) {
      const auto indices = sobol_indices(outputs[m], design.base_points, k);
      for (int i = 0; i < k; ++i)
        sobol += m + "," + year_text + "," + csv_field(spec.index_region) + "," +
                 csv_field(spec.axes[static_cast<std::size_t>(i)].key) + "," +
                 format_value(indices[static_cast<std::size_t>(i)].first_order) + "," +
                 format_value(indices[static_cast<std::size_t>(i)].total) + "\n";
    }
    dir.write("sobol.csv", sobol);
  }

  nlohmann::ordered_json j;
  j["engine"] = "povsim";
  j["engine_version"] = kVersion;
  j["git_commit"] = kGitCommit;
  j["command_line"] = settings.command_line;
  j["sweep"] = spec.name;
  j["sweep_file"] = sweep_file.string();
  j["base"] = spec.base.string();
  j["method"] = method_name(spec.method);
  j["points"] = n_points;
  j["base_points"] = design.base_points;
  j["replications"] = spec.replications;
  j["threads"] = threads;
  j["scale"] = settings.scale;
  j["resumed_points"] = outcome.resumed;
  j["wall_seconds_this_call"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  dir.write("manifest.json", j.dump(2) + "\n");
  dir.write("report.html", report_html(dir.file(""), ReportLang::zh));
  dir.commit();
  fs::remove_all(partial, ec);
  outcome.complete = true;
  return outcome;
}

}  // namespace povsim
