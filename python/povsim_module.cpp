// The engine for Python (module povsim._povsim, wrapped by python/povsim/__init__.py): runs,
// compares and sweeps in this process and hands back the CSV texts povsim's own writers make, so
// a DataFrame holds exactly the numbers of the files the command line writes.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/version.hpp"
#include "output/compare.hpp"
#include "output/manifest.hpp"
#include "output/tables.hpp"
#include "scenario/paired_load.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"
#include "sweep/sweep_runner.hpp"
#include "sweep/sweep_spec.hpp"

namespace py = pybind11;

namespace povsim {
namespace {

/// What povsim run's flags set: --set (already as key=value), --seed, --replications, --scale,
/// --threads; a negative seed or a replications of 0 keeps the scenario's.
struct Flags {
  std::vector<std::string> set;
  long long seed = -1;
  int replications = 0;
  double scale = 1.0;
  int threads = 0;

  /// In the order of the command line's RunFlags::overrides: --set, then seed, replications.
  std::vector<std::string> overrides(bool with_replications) const {
    std::vector<std::string> all = set;
    if (seed >= 0) all.push_back("seed=" + std::to_string(seed));
    if (with_replications && replications > 0)
      all.push_back("replications=" + std::to_string(replications));
    return all;
  }
};

RunResult simulate(const LoadedScenario& loaded, const Flags& flags) {
  RunSettings settings;
  settings.threads = flags.threads;
  settings.scenario_sha256 = loaded.resolved_sha256;
  py::gil_scoped_release release;  // the run takes seconds; other Python threads may go on
  return run_scenario(loaded.params, settings);
}

py::dict outputs_of(const LoadedScenario& loaded, const RunResult& run, const Flags& flags) {
  ManifestInputs mi;
  mi.scenario = &loaded;
  mi.run = &run;
  mi.threads = flags.threads;
  mi.scale = flags.scale;
  mi.command_line = "python: povsim.run";
  mi.overrides = flags.set;
  py::dict d;
  d["name"] = loaded.params.name;
  d["annual"] = annual_csv(loaded.params, run);
  d["summary"] = summary_csv(loaded.params, run);
  d["funds"] = funds_csv(loaded.params, run);
  d["manifest"] = manifest_json(mi);
  return d;
}

py::dict run(const std::string& scenario, const Flags& flags) {
  const LoadedScenario loaded = load_scenario(scenario, {flags.overrides(true), flags.scale});
  const RunResult result = simulate(loaded, flags);
  return outputs_of(loaded, result, flags);
}

/// As povsim compare: every scenario on the first one's seed and replications (common random
/// numbers), folders named after the scenarios, made unique.
py::dict compare(const std::vector<std::string>& scenarios, const Flags& flags) {
  if (scenarios.size() < 2)
    throw InputError("povsim compare: error: expected two or more scenarios, found " +
                     std::to_string(scenarios.size()) + "\n");
  std::vector<PairedInput> inputs;
  for (const auto& file : scenarios) inputs.push_back({file, {}});
  const std::vector<LoadedScenario> loaded =
      load_paired(inputs, {flags.overrides(true), flags.scale});
  std::vector<std::string> names;
  for (const auto& l : loaded) {
    std::string name = l.params.name;
    for (int k = 2; std::find(names.begin(), names.end(), name) != names.end(); ++k)
      name = l.params.name + "-" + std::to_string(k);
    names.push_back(name);
  }
  std::vector<RunResult> runs;
  for (const auto& l : loaded) runs.push_back(simulate(l, flags));
  std::vector<NamedRun> named;
  py::list per_scenario;
  for (std::size_t s = 0; s < loaded.size(); ++s) {
    named.push_back({names[s], &loaded[s].params, &runs[s]});
    py::dict d = outputs_of(loaded[s], runs[s], flags);
    d["name"] = names[s];
    per_scenario.append(d);
  }
  py::dict out;
  out["compare"] = compare_csv(named);
  out["cost"] = cost_csv(named);
  out["runs"] = per_scenario;
  return out;
}

/// Every point of a sweep with every replication's figures ("point,replication,year,region,
/// metric,value", annual.csv's rows prefixed with the point), and the design: the same points and
/// random numbers as povsim sweep.
py::dict sweep(const std::string& sweep_file, const Flags& flags) {
  const std::vector<std::string> overrides = flags.overrides(false);
  SweepSpec spec = load_sweep(sweep_file, overrides, flags.scale);
  if (flags.replications > 0) spec.replications = flags.replications;
  const Design design = make_design(spec);
  const auto n_points = static_cast<std::size_t>(design.points.rows());
  std::vector<std::string> rows(n_points);
  {
    py::gil_scoped_release release;
    const int threads =
        flags.threads > 0 ? flags.threads : static_cast<int>(std::thread::hardware_concurrency());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(std::max(1, threads)));
    tbb::parallel_for(std::size_t{0}, n_points, std::size_t{1}, [&](std::size_t p) {
      const LoadedScenario sc = load_scenario(
          spec.base, {sweep_point_overrides(spec, design, p, overrides), flags.scale});
      RunSettings rs;
      rs.threads = threads;
      rs.nested = true;
      const RunResult result = run_scenario(sc.params, rs);
      const std::string annual = annual_csv(sc.params, result);
      const std::string prefix = std::to_string(p) + ",";
      std::string& out = rows[p];
      out.reserve(annual.size() + annual.size() / 8);
      // annual.csv without its header, each line prefixed with the point
      for (std::size_t b = annual.find('\n') + 1; b < annual.size();) {
        const std::size_t e = annual.find('\n', b);
        out += prefix;
        out.append(annual, b, e - b + 1);
        b = e + 1;
      }
    });
  }
  std::string long_csv = "point,replication,year,region,metric,value\n";
  for (const auto& r : rows) long_csv += r;
  py::list axes;
  for (const auto& a : spec.axes) axes.append(a.key);
  py::list points;
  for (std::size_t p = 0; p < n_points; ++p) {
    const PointOrigin& o = design.origin[p];
    py::list values;
    // the value as applied to the point (and written to points.csv): formatted, not the design's
    for (Eigen::Index j = 0; j < design.points.cols(); ++j)
      values.append(std::stod(format_value(design.points(static_cast<Eigen::Index>(p), j))));
    points.append(py::make_tuple(
        p, std::string(1, o.block),
        o.axis >= 0 ? spec.axes[static_cast<std::size_t>(o.axis)].key : std::string(), values));
  }
  py::dict d;
  d["name"] = spec.name;
  d["axes"] = axes;
  d["points"] = points;
  d["results"] = long_csv;
  d["replications"] = spec.replications;
  return d;
}

}  // namespace
}  // namespace povsim

PYBIND11_MODULE(_povsim, m) {
  m.doc() = "povsim engine (use the povsim package, which returns pandas DataFrames)";
  // Bad input is the caller's to fix: a ValueError with the message the command line prints
  // (file:line:col, key path, expected vs found), without its final newline.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const povsim::InputError& e) {
      std::string what = e.what();
      while (!what.empty() && what.back() == '\n') what.pop_back();
      PyErr_SetString(PyExc_ValueError, what.c_str());
    }
  });
  py::class_<povsim::Flags>(m, "Flags")
      .def(py::init<>())
      .def_readwrite("set", &povsim::Flags::set)
      .def_readwrite("seed", &povsim::Flags::seed)
      .def_readwrite("replications", &povsim::Flags::replications)
      .def_readwrite("scale", &povsim::Flags::scale)
      .def_readwrite("threads", &povsim::Flags::threads);
  m.def("run", &povsim::run, py::arg("scenario"), py::arg("flags"));
  m.def("compare", &povsim::compare, py::arg("scenarios"), py::arg("flags"));
  m.def("sweep", &povsim::sweep, py::arg("sweep_file"), py::arg("flags"));
  m.attr("__version__") = std::string(povsim::kVersion);
  m.attr("git_commit") = std::string(povsim::kGitCommit);
}
