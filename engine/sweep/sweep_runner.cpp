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

#include "core/csv.hpp"
#include "core/diagnostics.hpp"
#include "core/input_file.hpp"
#include "core/version.hpp"
#include "output/fingerprint.hpp"
#include "output/manifest.hpp"
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

/// A point file counts as finished only if it is whole: rows that all belong to point p, the last
/// one ended. (Written through write_file_checked and renamed, it always is; this guards
/// against anything else.)
bool finished_point(const fs::path& file, std::size_t p) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return false;
  const std::string text = read_file(file);
  if (text.empty() || text.back() != '\n') return false;
  const std::string point = std::to_string(p);
  try {
    for (const auto& rec : parse_csv_records(text, file.string()))
      if (rec.cells.size() < 2 || rec.cells[0] != point) return false;
  } catch (const CsvError&) {
    return false;
  }
  return true;
}

/// A cell of a point file that must be a number; a file edited by hand is bad input at its
/// file:line:col rather than an exception of the number parser.
double point_number(const CsvRecord& rec, std::size_t c, const fs::path& file, const char* column) {
  const std::string& s = rec.cells[c];
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0')
    throw CsvError({file.string(), rec.line, rec.columns[c]},
                   std::string("column ") + column + ": expected a number, found \"" + s +
                       "\" (was the point file edited? delete it to run the point again)");
  return v;
}

std::string axes_text(const std::vector<Axis>& axes) {
  std::string t;
  for (const auto& a : axes) {
    t += (t.empty() ? "" : "; ") + a.key + "=";
    if (!a.values.empty()) {
      t += "[";
      for (std::size_t i = 0; i < a.values.size(); ++i)
        t += (i ? "," : "") + format_value(a.values[i]);
      t += "]";
    } else {
      t += format_value(a.min) + ".." + format_value(a.max);
    }
    if (a.integer) t += " integer";
  }
  return t;
}

struct ManifestPaths {
  std::string sweep_file;  // as given on the command line
  std::string base;        // the base scenario, as resolved from it
};

/// points.csv, results.csv, sobol.csv, manifest.json and report.html of a sweep whose point files
/// are at `point_path(p)`, written to `dir` and committed.
std::vector<std::string> write_sweep_outputs(const SweepSpec& spec, const Design& design,
                                             const ManifestPaths& paths,
                                             const std::function<fs::path(std::size_t)>& point_path,
                                             OutputDir& dir, const std::string& command_line,
                                             int threads, double scale, std::size_t resumed,
                                             std::chrono::steady_clock::time_point start,
                                             const Fingerprint& fingerprint);

}  // namespace

void request_sweep_stop() { stop_requested = true; }

Fingerprint sweep_fingerprint(const SweepSpec& spec, const std::vector<std::string>& overrides,
                              double scale) {
  const LoadedScenario with = load_scenario(spec.base, {overrides, scale});
  Fingerprint f = open_fingerprint(spec.base, with);
  f.add("method", method_name(spec.method));
  f.add("axes", axes_text(spec.axes));
  f.add("design", "points=" + std::to_string(spec.points) + " seed=" + std::to_string(spec.seed));
  std::string indices =
      "year=" + std::to_string(spec.index_year) + " region=" + spec.index_region + " metrics=";
  for (const auto& m : spec.index_metrics) indices += m + ",";
  f.add("indices", indices);
  close_fingerprint(f, with.params.seed, spec.replications, scale, overrides);
  return f;
}

namespace {

/// DIR.partial/, the finished points of an unfinished sweep, kept across calls for --resume:
/// checked (povsim's own, the same sweep if resumed, not holding finished points if not) and
/// claimed for this call, so a second sweep into the same --out is refused before it simulates.
void open_partial(const fs::path& out, const fs::path& partial, const Fingerprint& fp, bool resume,
                  std::size_t n_points, DirClaim& claim) {
  const TargetLock lock(out);
  auto refuse = [&](const std::string& why) {
    throw InputError(partial.string() + ": error: " + why + "\n");
  };
  std::error_code ec;
  if (fs::exists(fs::symlink_status(partial, ec))) {
    if (!is_povsim_working_dir(partial))
      refuse("exists without povsim's " + std::string(kOutputMarker) +
             " marker: not povsim's, or left by an older povsim whose points cannot be checked "
             "against this sweep. povsim keeps a sweep's finished points there: move it away or "
             "choose another --out");
    if (fs::exists(partial / kOutputMarker) && !claim.claim(partial))
      refuse("another povsim is running a sweep into " + out.string() +
             " now (this directory is in use); wait for it or choose another --out");
    std::size_t finished = 0;
    for (std::size_t p = 0; p < n_points; ++p)
      if (finished_point(partial / point_file(p), p)) ++finished;
    if (finished > 0 && !resume)
      refuse("holds " + std::to_string(finished) +
             " finished points of an earlier call; pass --resume to continue that sweep, or "
             "choose another --out (povsim does not discard finished points)");
    if (finished > 0) {
      nlohmann::json marker =
          nlohmann::json::parse(read_file(partial / kOutputMarker), nullptr, false);
      const Fingerprint earlier = Fingerprint::from_json(
          marker.is_object() ? marker.value("fingerprint", nlohmann::json()) : nlohmann::json());
      std::string diff = earlier.components.empty()
                             ? std::string("the earlier call recorded no fingerprint")
                             : fp.differences_from(earlier);
      if (!diff.empty())
        refuse("--resume: the finished points are of a different sweep: " + diff +
               ". Resuming would mix two configurations: run without --resume into another "
               "--out");
    }
  } else {
    fs::create_directories(partial, ec);
    if (ec)
      throw InputError(out.string() + ": error: --out: cannot create " + partial.string() + ": " +
                       ec.message() + "\n");
  }
  nlohmann::ordered_json extra;
  extra["fingerprint"] = fp.json();
  write_file_checked(partial / kOutputMarker, marker_json("sweep", extra.dump()));
  if (!claim.claim(partial))  // (re)taken under the lock: nobody else can hold it now
    refuse("another povsim is running a sweep into " + out.string() + " now");
  // Temporaries of a point cut short by an earlier kill.
  for (const auto& e : fs::directory_iterator(partial, ec))
    if (e.path().extension() == ".tmp") fs::remove(e.path(), ec);
}

}  // namespace

std::vector<std::string> sweep_point_overrides(const SweepSpec& spec, const Design& design,
                                               std::size_t p,
                                               const std::vector<std::string>& overrides) {
  std::vector<std::string> o = overrides;
  o.push_back("replications=" + std::to_string(spec.replications));
  for (std::size_t j = 0; j < spec.axes.size(); ++j)
    o.push_back(
        spec.axes[j].key + "=" +
        format_value(design.points(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(j))));
  return o;
}

SweepOutcome run_sweep(const SweepSpec& spec, const fs::path& sweep_file,
                       const SweepSettings& settings) {
  const auto start = std::chrono::steady_clock::now();
  const Design design = make_design(spec);
  const auto n_points = static_cast<std::size_t>(design.points.rows());
  const OutputDirOptions options{"sweep", {sweep_file, spec.base}};
  check_output_target(settings.out, options);
  const fs::path out = normalised_target(settings.out);
  const fs::path partial = out.parent_path() / (out.filename().string() + ".partial");
  std::error_code ec;
  fs::create_directories(out.parent_path(), ec);
  const Fingerprint fingerprint = sweep_fingerprint(spec, settings.overrides, settings.scale);
  DirClaim claim;
  open_partial(out, partial, fingerprint, settings.resume, n_points, claim);
  // The result's directory, checked and prepared before any point runs.
  OutputDir dir(settings.out, options);

  // Each point: the base scenario with the axes' values (and --set) applied.
  auto overrides_of = [&](std::size_t p) {
    return sweep_point_overrides(spec, design, p, settings.overrides);
  };

  SweepOutcome outcome;
  outcome.points = n_points;
  std::vector<std::size_t> pending;
  std::size_t shard_points = 0;
  for (std::size_t p = 0; p < n_points; ++p) {
    if (p % static_cast<std::size_t>(settings.shards) != static_cast<std::size_t>(settings.shard))
      continue;
    ++shard_points;
    if (finished_point(partial / point_file(p), p)) {
      ++outcome.resumed;
    } else {
      fs::remove(partial / point_file(p), ec);  // not whole: it is run again
      pending.push_back(p);
    }
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
      // Written in full, synced and size-checked under a temporary name, then renamed: a point
      // file is whole or absent, and a failed write (a full disk) ends the sweep with exit 1.
      const fs::path tmp = partial / (point_file(p) + ".tmp");
      try {
        write_file_checked(tmp, point_rows(p, sc.params, run));
        fs::rename(tmp, partial / point_file(p));
      } catch (...) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw;
      }
      const std::size_t now = ++done;
      if (settings.progress) settings.progress(now, n_points);
    });
    outcome.interrupted = stop_requested;
  }
  for (std::size_t p : pending)
    if (fs::exists(partial / point_file(p))) ++outcome.run_now;
  const bool all_done = outcome.resumed + outcome.run_now == shard_points;
  if (!all_done) return outcome;

  if (settings.shards > 1) {
    // A shard's output: its point files and shard.json, which povsim merge checks and joins.
    std::vector<std::size_t> mine;
    for (std::size_t p = static_cast<std::size_t>(settings.shard); p < n_points;
         p += static_cast<std::size_t>(settings.shards)) {
      dir.write(point_file(p), read_file(partial / point_file(p)));
      mine.push_back(p);
    }
    nlohmann::ordered_json j;
    j["schema"] = "povsim-sweep-shard/1";
    j["engine_version"] = kVersion;
    j["git_commit"] = kGitCommit;
    j["sweep"] = spec.name;
    j["sweep_file"] = sweep_file.string();
    j["sweep_file_absolute"] = fs::absolute(sweep_file).lexically_normal().string();
    j["base"] = spec.base.string();
    j["overrides"] = settings.overrides;
    j["scale"] = settings.scale;
    j["replications"] = spec.replications;
    j["points"] = n_points;
    j["shard"] = settings.shard + 1;  // as on the command line: 1..shards
    j["shards"] = settings.shards;
    j["shard_points"] = mine;
    j["resumed_points"] = outcome.resumed;
    j["threads"] = threads;
    j["fingerprint"] = fingerprint.json();
    dir.write("shard.json", j.dump(2) + "\n");
    dir.commit();
    remove_owned(partial);
    outcome.complete = true;
    return outcome;
  }
  outcome.warnings = write_sweep_outputs(
      spec, design, {sweep_file.string(), spec.base.string()},
      [&](std::size_t p) { return partial / point_file(p); }, dir, settings.command_line, threads,
      settings.scale, outcome.resumed, start, fingerprint);
  remove_owned(partial);
  outcome.complete = true;
  return outcome;
}

namespace {

std::vector<std::string> write_sweep_outputs(const SweepSpec& spec, const Design& design,
                                             const ManifestPaths& paths,
                                             const std::function<fs::path(std::size_t)>& point_path,
                                             OutputDir& dir, const std::string& command_line,
                                             int threads, double scale, std::size_t resumed,
                                             std::chrono::steady_clock::time_point start,
                                             const Fingerprint& fingerprint) {
  const auto n_points = static_cast<std::size_t>(design.points.rows());
  // Assemble the outputs in point order.
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
    const std::string rows = read_file(point_path(p));
    results += rows;
    if (outputs.empty()) continue;
    // Cells as csv_field wrote them (core/csv.hpp unquotes; csv_text undoes the rest), so a
    // region whose name holds a comma or a quote is matched too.
    for (auto& rec : parse_csv_records(rows, point_path(p).string())) {
      if (rec.cells.size() < 5) continue;
      for (auto& cell : rec.cells) cell = csv_text(cell);
      if (rec.cells[1] != year_text || rec.cells[2] != spec.index_region) continue;
      if (auto it = outputs.find(rec.cells[3]); it != outputs.end())
        it->second(static_cast<Eigen::Index>(p)) = point_number(rec, 4, point_path(p), "mean");
    }
  }
  dir.write("results.csv", results);

  std::vector<std::string> warnings;
  if (spec.method == SweepMethod::kSobol) {
    std::string sobol =
        "metric,year,region,axis,first_order,first_lo,first_hi,total,total_lo,total_hi\n";
    const int k = static_cast<int>(spec.axes.size());
    std::vector<std::string> axis_keys;
    for (const auto& a : spec.axes) axis_keys.push_back(a.key);
    // Resampled with the design's seed, so a resumed or merged sweep gets the same intervals.
    BootstrapOptions boot;
    boot.seed = static_cast<std::uint32_t>(spec.seed);
    for (const auto& m : spec.index_metrics) {
      const auto indices = sobol_indices_with_intervals(outputs[m], design.base_points, k, boot);
      for (int i = 0; i < k; ++i) {
        const SobolIndex& s = indices[static_cast<std::size_t>(i)];
        sobol += m + "," + year_text + "," + csv_field(spec.index_region) + "," +
                 csv_field(axis_keys[static_cast<std::size_t>(i)]) + "," +
                 format_value(s.first_order) + "," + format_value(s.first_lo) + "," +
                 format_value(s.first_hi) + "," + format_value(s.total) + "," +
                 format_value(s.total_lo) + "," + format_value(s.total_hi) + "\n";
      }
      for (auto& w : sobol_warnings(m, axis_keys, indices, design.base_points))
        warnings.push_back(std::move(w));
    }
    dir.write("sobol.csv", sobol);
  }

  nlohmann::ordered_json j = manifest_head(command_line);
  j["sweep"] = spec.name;
  j["sweep_file"] = paths.sweep_file;
  j["base"] = paths.base;
  j["method"] = method_name(spec.method);
  j["points"] = n_points;
  j["base_points"] = design.base_points;
  j["replications"] = spec.replications;
  j["threads"] = threads;
  j["scale"] = scale;
  j["resumed_points"] = resumed;
  j["fingerprint"] = fingerprint.json();
  j["wall_seconds_this_call"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  dir.write("manifest.json", j.dump(2) + "\n");
  dir.write("report.html", report_html(dir.file(""), ReportLang::zh));
  dir.commit();
  return warnings;
}

int parse_int(const std::string& text, std::size_t& pos) {
  std::size_t start = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  if (pos == start || pos - start > 6) return -1;
  return std::stoi(text.substr(start, pos - start));
}

/// Every key merge reads, of the type it reads it as: a shard.json that was edited or written by
/// something else is bad input naming the key, never a JSON library exception.
void check_shard_json(const nlohmann::json& j, const fs::path& file) {
  const auto bad = [&](const char* key, const char* expected) {
    throw InputError(file.string() + ": error: " + key + ": expected " + expected + ", found " +
                     (j.is_object() && j.contains(key) ? j[key].dump() : std::string("nothing")) +
                     " (expected the shard.json written by povsim sweep --shard)\n");
  };
  if (!j.is_object()) bad("(top level)", "a JSON object");
  for (const char* key : {"sweep", "sweep_file", "sweep_file_absolute", "base"})
    if (!j.contains(key) || !j[key].is_string()) bad(key, "a string");
  for (const char* key : {"shard", "shards", "points", "replications"})
    if (!j.contains(key) || !j[key].is_number_unsigned()) bad(key, "a whole number");
  if (j["shards"].get<std::uint64_t>() < 1 || j["shards"].get<std::uint64_t>() > 1'000'000)
    bad("shards", "a number of shards in [1, 1000000]");
  if (j["points"].get<std::uint64_t>() > kMaxSweepPoints) bad("points", "at most 1000000 points");
  if (j["replications"].get<std::uint64_t>() < 1 || j["replications"].get<std::uint64_t>() > 100000)
    bad("replications", "a number in [1, 100000]");
  if (j["shard"].get<std::uint64_t>() > 1'000'000) bad("shard", "a shard number");
  if (!j.contains("scale") || !j["scale"].is_number()) bad("scale", "a number");
  if (!j.contains("overrides") || !j["overrides"].is_array()) bad("overrides", "a list of strings");
  for (const auto& o : j["overrides"])
    if (!o.is_string()) bad("overrides", "a list of strings");
  if (j.contains("resumed_points") && !j["resumed_points"].is_number_unsigned())
    bad("resumed_points", "a whole number");
}

}  // namespace

void parse_shard(const std::string& text, int& shard, int& shards) {
  std::size_t pos = 0;
  const int i = parse_int(text, pos);
  bool ok = i >= 0 && pos < text.size() && text[pos] == '/';
  int n = -1;
  if (ok) {
    ++pos;
    n = parse_int(text, pos);
    ok = n >= 1 && pos == text.size();
  }
  if (!ok)
    throw InputError("povsim: error: --shard: expected i/N (shard i of N, 1 <= i <= N), found \"" +
                     text + "\"\n");
  if (i < 1 || i > n)
    throw InputError("povsim: error: --shard " + text + ": shard " + std::to_string(i) +
                     " is out of range; the " + std::to_string(n) + " shards are numbered 1 to " +
                     std::to_string(n) + "\n");
  shard = i - 1;  // 0-based from here on
  shards = n;
}

SweepOutcome merge_sweep_shards(const std::vector<fs::path>& shard_dirs,
                                const MergeSettings& settings) {
  const auto start = std::chrono::steady_clock::now();
  if (shard_dirs.empty()) throw InputError("povsim merge: error: no shard directories given\n");
  // Every shard must come from the same sweep file with the same settings, and together they
  // must hold every shard 0..N-1 exactly once with all of its points.
  std::vector<nlohmann::json> info;
  for (const auto& d : shard_dirs) {
    const fs::path f = d / "shard.json";
    if (!fs::is_regular_file(f))
      throw InputError(d.string() + ": error: not a finished sweep shard (no shard.json; " +
                       (fs::exists(d.string() + ".partial")
                            ? "the shard is unfinished, run it again with --resume"
                            : "expected the --out directory of povsim sweep --shard i/N") +
                       ")\n");
    try {
      info.push_back(nlohmann::json::parse(read_input_file(f, "shard.json")));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(f.string() + ": error: expected JSON, " + e.what() + "\n");
    }
    check_shard_json(info.back(), f);
  }
  const auto& first = info.front();
  for (std::size_t k = 1; k < info.size(); ++k)
    for (const char* key : {"sweep", "sweep_file", "sweep_file_absolute", "overrides", "scale",
                            "replications", "points", "shards", "engine_version", "git_commit"})
      if (info[k].value(key, nlohmann::json()) != first.value(key, nlohmann::json()))
        throw InputError((shard_dirs[k] / "shard.json").string() + ": error: " + key + " is " +
                         info[k].value(key, nlohmann::json()).dump() + " but " +
                         (shard_dirs[0] / "shard.json").string() + " has " +
                         first.value(key, nlohmann::json()).dump() +
                         ": the shards are not of the same sweep\n");
  const int shards = first.at("shards").get<int>();
  const auto n_points = first.at("points").get<std::size_t>();
  std::vector<int> owner(static_cast<std::size_t>(shards), -1);
  for (std::size_t k = 0; k < info.size(); ++k) {
    const int s = info[k].at("shard").get<int>() - 1;
    if (s < 0 || s >= shards) throw InputError(shard_dirs[k].string() + ": error: bad shard\n");
    if (owner[static_cast<std::size_t>(s)] >= 0)
      throw InputError(
          "povsim merge: error: shard " + std::to_string(s) + "/" + std::to_string(shards) +
          " given twice: " +
          shard_dirs[static_cast<std::size_t>(owner[static_cast<std::size_t>(s)])].string() +
          " and " + shard_dirs[k].string() + "\n");
    owner[static_cast<std::size_t>(s)] = static_cast<int>(k);
  }
  std::string missing;
  for (int s = 0; s < shards; ++s)
    if (owner[static_cast<std::size_t>(s)] < 0)
      missing +=
          (missing.empty() ? "" : ", ") + std::to_string(s + 1) + "/" + std::to_string(shards);
  if (!missing.empty())
    throw InputError("povsim merge: error: missing shard(s) " + missing + " of sweep \"" +
                     first.at("sweep").get<std::string>() + "\"\n");

  const SweepSpec spec =
      load_sweep(first.at("sweep_file_absolute").get<std::string>(),
                 first.at("overrides").get<std::vector<std::string>>(), first.at("scale"));
  SweepSpec adjusted = spec;
  adjusted.replications = first.at("replications").get<int>();
  const Design design = make_design(adjusted);
  if (static_cast<std::size_t>(design.points.rows()) != n_points)
    throw InputError(first.at("sweep_file_absolute").get<std::string>() +
                     ": error: the sweep file now has " + std::to_string(design.points.rows()) +
                     " points, the shards " + std::to_string(n_points) +
                     ": it changed after the shards ran\n");
  // Every shard must be of the same sweep (fingerprint), and that sweep must still be what the
  // sweep file and its base scenario say — else points.csv would describe other values.
  const Fingerprint now =
      sweep_fingerprint(adjusted, first.at("overrides").get<std::vector<std::string>>(),
                        first.at("scale").get<double>());
  std::vector<Fingerprint> prints;
  for (std::size_t k = 0; k < info.size(); ++k) {
    prints.push_back(Fingerprint::from_json(info[k].value("fingerprint", nlohmann::json())));
    if (prints[k].components.empty())
      throw InputError((shard_dirs[k] / "shard.json").string() +
                       ": error: no fingerprint (written by an older povsim); run the shard "
                       "again\n");
    if (const std::string d = prints[k].differences_from(prints[0]); !d.empty())
      throw InputError((shard_dirs[k] / "shard.json").string() + ": error: not the same sweep as " +
                       (shard_dirs[0] / "shard.json").string() + ": " + d + "\n");
  }
  if (const std::string d = now.differences_from(prints[0]); !d.empty())
    throw InputError(first.at("sweep_file_absolute").get<std::string>() +
                     ": error: the sweep changed since the shards ran (it and its base scenario "
                     "now give another fingerprint): " +
                     d + ". Run the shards again\n");

  std::vector<fs::path> inputs(shard_dirs.begin(), shard_dirs.end());
  inputs.emplace_back(first.at("sweep_file_absolute").get<std::string>());
  OutputDir dir(settings.out, {"merge", inputs});
  std::size_t resumed = 0;
  for (std::size_t p = 0; p < n_points; ++p) {
    const std::size_t k = static_cast<std::size_t>(owner[p % static_cast<std::size_t>(shards)]);
    const fs::path f = shard_dirs[k] / point_file(p);
    if (!fs::is_regular_file(f))
      throw InputError(shard_dirs[k].string() + ": error: point " + std::to_string(p) +
                       " is missing (" + point_file(p) + ")\n");
  }
  for (const auto& i : info) resumed += i.value("resumed_points", std::size_t{0});
  const int threads = settings.threads > 0 ? settings.threads
                                           : static_cast<int>(std::thread::hardware_concurrency());
  SweepOutcome o;
  o.warnings = write_sweep_outputs(
      adjusted, design,
      {first.at("sweep_file").get<std::string>(), first.at("base").get<std::string>()},
      [&](std::size_t p) {
        return shard_dirs[static_cast<std::size_t>(owner[p % static_cast<std::size_t>(shards)])] /
               point_file(p);
      },
      dir, settings.command_line, threads, first.at("scale").get<double>(), resumed, start, now);
  o.points = n_points;
  o.resumed = n_points;
  o.complete = true;
  return o;
}

}  // namespace povsim
