#include "calibrate/calibration.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "calibrate/ensemble.hpp"
#include "core/diagnostics.hpp"
#include "core/sha256.hpp"
#include "core/version.hpp"
#include "output/compare.hpp"
#include "output/manifest.hpp"
#include "output/output_dir.hpp"
#include "output/tables.hpp"
#include "phases/metrics.hpp"
#include "scenario/config_tree.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/schema_reader.hpp"
#include "sim/runner.hpp"
#include "sweep/design.hpp"

namespace povsim {

namespace fs = std::filesystem;

namespace {

int metric_index(const std::string& name) {
  for (const auto& m : metric_table())
    if (m.name == name) return static_cast<int>(m.id);
  return -1;
}

// The populations a published figure can count; see CalibrationTarget::population.
constexpr const char* kTargetPopulations[] = {"formerly_poor", "monitored", "rural_residents",
                                              "model_population"};

// "formerly poor, 2024-09": the population and date of the published figure, for fit.md.
std::string counts(const CalibrationTarget& t) {
  std::string out = t.population.empty() ? std::string("—") : t.population;
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (!t.observed_at.empty()) out += ", " + t.observed_at;
  return out;
}

bool valid_observed_at(const std::string& d) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(d.begin() + static_cast<std::ptrdiff_t>(from),
                       d.begin() + static_cast<std::ptrdiff_t>(from + n),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (d.size() == 4) return digits(0, 4);
  if (d.size() != 7 || d[4] != '-' || !digits(0, 4) || !digits(5, 2)) return false;
  const int month = std::stoi(d.substr(5, 2));
  return month >= 1 && month <= 12;
}

}  // namespace

CalibrationSpec load_calibration(const fs::path& file, const std::vector<std::string>& overrides,
                                 double scale) {
  Diagnostics diags;
  const ConfigNode root = load_yaml_file(file, diags, "calibration file");
  diags.throw_if_any();
  if (!root.is_map())
    throw InputError(file.string() + ": error: expected a mapping of calibration keys\n");
  CalibrationSpec s;
  std::string schema, base;
  {
    SchemaReader r(root, "", diags, 0, 0);
    r.field("schema", schema, Doc{"", ""});
    r.field("name", s.name, Doc{"", ""});
    r.field("base", base, Doc{"", ""});
    r.field("replications", s.replications, Range{1, 10000}, Doc{"", ""});
    r.field("starts", s.starts, Range{1, 1000}, Doc{"", ""});
    r.field("seed", s.seed, Range{0, 4294967295.0}, Doc{"", ""});
    r.field("max_iterations", s.max_iterations, Range{0, 10000}, Doc{"", ""});
    r.field("finite_difference_step", s.finite_difference_step, Range{1e-6, 0.5}, Doc{"", ""});
    if (root.find("ensemble_draws"))
      r.field("ensemble_draws", s.ensemble_draws, Range{0, 100000}, Doc{"", ""});
    else
      r.skip("ensemble_draws");
    r.skip("parameters");
    r.skip("targets");
    r.finish();
  }
  if (!schema.empty() && schema != "povsim-calibration/1")
    diags.error(root.find("schema")->origin, "schema",
                "expected \"povsim-calibration/1\", found \"" + schema + "\"");
  if (!base.empty()) {
    s.base = file.parent_path() / base;
    if (!fs::exists(s.base))
      diags.error(root.find("base")->origin, "base",
                  "expected an existing scenario file, found \"" + base + "\"");
  }
  // max_iterations: 0 evaluates the base (with the parameters at their starts, if any) without
  // fitting: validation files list only targets.
  const bool evaluate_only = s.max_iterations == 0;
  const ConfigNode* params = root.find("parameters");
  if (evaluate_only && (!params || (params->is_seq() && params->seq.empty()))) {
    // no free parameters
  } else if (!params || !params->is_seq() || params->seq.empty()) {
    diags.error(params ? params->origin : root.origin, "parameters",
                "expected a non-empty list of {key, min, max, start}");
  } else {
    for (std::size_t i = 0; i < params->seq.size(); ++i) {
      const ConfigNode& item = params->seq[i];
      const std::string path = "parameters[" + std::to_string(i) + "]";
      CalibrationParameter p;
      SchemaReader r(item, path, diags, 0, 0);
      r.field("key", p.key, Doc{"", ""});
      r.field("min", p.min, Range{-1e12, 1e12}, Doc{"", ""});
      r.field("max", p.max, Range{-1e12, 1e12}, Doc{"", ""});
      r.field("start", p.start, Range{-1e12, 1e12}, Doc{"", ""});
      r.finish();
      if (p.max <= p.min && item.find("max"))
        diags.error(item.find("max")->origin, path + ".max",
                    "expected a bound above min (" + format_value(p.min) + "), found " +
                        format_value(p.max));
      else if ((p.start < p.min || p.start > p.max) && item.find("start"))
        diags.error(item.find("start")->origin, path + ".start",
                    "expected a value in [" + format_value(p.min) + ", " + format_value(p.max) +
                        "], found " + format_value(p.start));
      if (p.key.rfind("regions", 0) == 0 && item.find("key"))
        diags.error(
            item.find("key")->origin, path + ".key",
            "expected a region-level key (applied to every region), found \"" + p.key + "\"");
      s.parameters.push_back(p);
    }
  }
  const ConfigNode* targets = root.find("targets");
  if (!targets || !targets->is_seq() || targets->seq.empty()) {
    diags.error(targets ? targets->origin : root.origin, "targets", "expected a non-empty list");
  } else {
    std::vector<std::string> names;
    for (const auto& m : metric_table()) names.emplace_back(m.name);
    for (std::size_t i = 0; i < targets->seq.size(); ++i) {
      const ConfigNode& item = targets->seq[i];
      const std::string path = "targets[" + std::to_string(i) + "]";
      CalibrationTarget t;
      std::string use;
      SchemaReader r(item, path, diags, 0, 0);
      r.field("metric", t.metric, Doc{"", ""});
      r.field("year", t.year, Range{1900, 2200}, Doc{"", ""});
      r.field("region", t.region, Doc{"", ""});
      r.field("observed", t.observed, Range{-1e12, 1e12}, Doc{"", ""});
      r.field("sd", t.sd, Range{1e-12, 1e12}, Doc{"", ""});
      r.field("weight", t.weight, Range{0, 1e6}, Doc{"", ""});
      r.field("use", use, Doc{"", ""});
      for (auto [key, value] :
           {std::pair{"source", &t.source}, std::pair{"population", &t.population},
            std::pair{"observed_at", &t.observed_at}}) {
        if (item.find(key))
          r.field(key, *value, Doc{"", ""});
        else
          r.skip(key);
      }
      r.finish();
      if (!t.population.empty() &&
          std::find(std::begin(kTargetPopulations), std::end(kTargetPopulations), t.population) ==
              std::end(kTargetPopulations))
        diags.error(item.find("population")->origin, path + ".population",
                    "expected one of formerly_poor, monitored, rural_residents, model_population, "
                    "found \"" +
                        t.population + "\"");
      if (!t.observed_at.empty() && !valid_observed_at(t.observed_at))
        diags.error(item.find("observed_at")->origin, path + ".observed_at",
                    "expected a date YYYY or YYYY-MM, found \"" + t.observed_at + "\"");
      if (!t.metric.empty() && metric_index(t.metric) < 0) {
        const std::string hint = did_you_mean(t.metric, names);
        diags.error(item.find("metric")->origin, path + ".metric",
                    "unknown metric \"" + t.metric + "\"" +
                        (hint.empty() ? "" : " (did you mean `" + hint + "`?)"));
      }
      if (use == "fit")
        t.fit = true;
      else if (use == "holdout")
        t.fit = false;
      else if (!use.empty())
        diags.error(item.find("use")->origin, path + ".use",
                    "expected fit or holdout, found \"" + use + "\"");
      s.targets.push_back(t);
    }
    if (diags.empty() && !evaluate_only &&
        std::none_of(s.targets.begin(), s.targets.end(),
                     [](const CalibrationTarget& t) { return t.fit; }))
      diags.error(targets->origin, "targets", "expected at least one target with use: fit");
  }
  diags.throw_if_any();

  // Every parameter must be a valid scenario key at both bounds; every target's year and region
  // must exist in the base scenario.
  auto check_targets = [&](const Params& base_params) {
    for (std::size_t t = 0; t < s.targets.size(); ++t) {
      const auto& tg = s.targets[t];
      const bool region_ok = tg.region == "all" ||
                             std::any_of(base_params.regions.begin(), base_params.regions.end(),
                                         [&](const RegionSpec& r) { return r.name == tg.region; });
      const ConfigNode& item = targets->seq[t];
      if (!region_ok)
        diags.error(item.find("region")->origin, "targets[" + std::to_string(t) + "].region",
                    "unknown region \"" + tg.region + "\" in the base scenario");
      if (tg.year < base_params.start.year || tg.year > base_params.end.year)
        diags.error(item.find("year")->origin, "targets[" + std::to_string(t) + "].year",
                    "expected a year of the base scenario's period");
    }
  };
  if (s.parameters.empty()) {
    std::string problem;
    const auto sc = try_load_scenario(s.base, {overrides, scale}, problem);
    if (!sc)
      diags.error(root.find("base")->origin, "base", "the base scenario does not load: " + problem);
    else
      check_targets(sc->params);
  }
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    for (double x : {s.parameters[i].min, s.parameters[i].max}) {
      std::vector<std::string> o = overrides;
      o.push_back(s.parameters[i].key + "=" + format_value(x));
      std::string problem;
      const auto sc = try_load_scenario(s.base, {o, scale}, problem);
      if (!sc) {
        diags.error(params->seq[i].origin, "parameters[" + std::to_string(i) + "]",
                    "parameter " + s.parameters[i].key + " at " + format_value(x) +
                        " is not a valid scenario value: " + problem);
        break;
      }
      if (i == 0 && x == s.parameters[i].min) check_targets(sc->params);
    }
  }
  diags.throw_if_any();
  return s;
}

namespace {

/// A figure for the markdown fit table: shares in per cent, larger values with thousands
/// separators.
std::string readable(double x, bool share) {
  char buf[64];
  if (share) {
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * x);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.0f", std::abs(x));
  std::string digits = buf, out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (x < 0 ? "−" : "") + out;
}

}  // namespace

Fingerprint calibration_fingerprint(const CalibrationSpec& spec,
                                    const std::vector<std::string>& overrides, double scale) {
  const LoadedScenario with = load_scenario(spec.base, {overrides, scale});
  Fingerprint f = open_fingerprint(spec.base, with);
  std::string parameters;
  for (const auto& p : spec.parameters)
    parameters += p.key + "=" + format_value(p.start) + " in " + format_value(p.min) + ".." +
                  format_value(p.max) + "; ";
  f.add("parameters", parameters);
  std::string targets;
  for (const auto& t : spec.targets)
    targets += t.metric + "," + std::to_string(t.year) + "," + t.region + "," +
               format_value(t.observed) + "," + format_value(t.sd) + "," + format_value(t.weight) +
               "," + (t.fit ? "fit" : "holdout") + "; ";
  f.add("targets", targets);
  f.add("method", "starts=" + std::to_string(spec.starts) + " seed=" + std::to_string(spec.seed) +
                      " max_iterations=" + std::to_string(spec.max_iterations) +
                      " step=" + format_value(spec.finite_difference_step));
  close_fingerprint(f, with.params.seed, spec.replications, scale, overrides);
  return f;
}

CalibrationOutcome run_calibration(const CalibrationSpec& spec, const fs::path& file,
                                   const CalibrationSettings& settings) {
  const auto k = static_cast<Eigen::Index>(spec.parameters.size());
  const int threads = settings.threads > 0 ? settings.threads
                                           : static_cast<int>(std::thread::hardware_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(std::max(1, threads)));
  std::atomic<std::size_t> evaluations{0};
  // The result's directory, checked and prepared before the first evaluation.
  OutputDir out(settings.out, {"calibrate", {file, spec.base}});

  // One model evaluation: every replication's value of every target.
  auto simulate = [&](const Eigen::VectorXd& theta) {
    std::vector<std::string> o = settings.overrides;
    o.push_back("replications=" + std::to_string(spec.replications));
    for (Eigen::Index j = 0; j < k; ++j)
      o.push_back(spec.parameters[static_cast<std::size_t>(j)].key + "=" + format_value(theta(j)));
    const LoadedScenario sc = load_scenario(spec.base, {o, settings.scale});
    RunSettings rs;
    rs.threads = threads;
    rs.nested = true;
    const RunResult run = run_scenario(sc.params, rs);
    std::vector<std::vector<double>> values(spec.targets.size());
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      const auto& tg = spec.targets[t];
      std::size_t region = sc.params.regions.size();
      for (std::size_t r = 0; r < sc.params.regions.size(); ++r)
        if (sc.params.regions[r].name == tg.region) region = r;
      for (const auto& rep : run.replications)
        for (std::size_t y = 0; y < rep.years.size(); ++y)
          if (rep.years[y] == tg.year)
            values[t].push_back(rep.values[y][region][metric_index(tg.metric)]);
    }
    const std::size_t n = ++evaluations;
    if (settings.progress) settings.progress(n);
    return values;
  };
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
  };
  auto residuals = [&](const std::vector<std::vector<double>>& values) {
    std::vector<double> r;
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      const auto& tg = spec.targets[t];
      if (!tg.fit) continue;
      r.push_back(std::sqrt(tg.weight) * (mean(values[t]) - tg.observed) / tg.sd);
    }
    return Eigen::Map<const Eigen::VectorXd>(r.data(), static_cast<Eigen::Index>(r.size())).eval();
  };
  const BatchResidualFunction batch = [&](const std::vector<Eigen::VectorXd>& thetas) {
    std::vector<Eigen::VectorXd> res(thetas.size());
    tbb::parallel_for(std::size_t{0}, thetas.size(), std::size_t{1},
                      [&](std::size_t i) { res[i] = residuals(simulate(thetas[i])); });
    return res;
  };

  Eigen::VectorXd lower(k), upper(k), start(k);
  std::vector<Axis> axes;
  for (Eigen::Index j = 0; j < k; ++j) {
    const auto& p = spec.parameters[static_cast<std::size_t>(j)];
    lower(j) = p.min;
    upper(j) = p.max;
    start(j) = p.start;
    Axis a;
    a.min = p.min;
    a.max = p.max;
    axes.push_back(a);
  }
  std::vector<Eigen::VectorXd> starts{start};
  if (spec.starts > 1) {
    const Design d = lhs_design(axes, spec.starts - 1, static_cast<std::uint32_t>(spec.seed));
    for (Eigen::Index r = 0; r < d.points.rows(); ++r)
      starts.push_back(d.points.row(r).transpose());
  }
  LmOptions options;
  options.max_iterations = spec.max_iterations;
  options.relative_step = spec.finite_difference_step;
  options.tolerance = 1e-6;

  CalibrationOutcome outcome;
  std::string trace = "start,iteration,objective,lambda";
  for (const auto& p : spec.parameters) trace += "," + csv_field(p.key);
  trace += "\n";
  if (spec.max_iterations == 0) {
    // Evaluation only: the start, its residuals and objective; no Jacobian, so no standard errors.
    outcome.best.theta = start;
    outcome.best.residuals = batch({start})[0];
    outcome.best.objective = outcome.best.residuals.squaredNorm();
    starts.resize(1);
  }
  for (std::size_t s = 0; s < starts.size() && spec.max_iterations > 0; ++s) {
    LmResult r = levenberg_marquardt(batch, starts[s], lower, upper, options);
    for (const auto& it : r.trace) {
      trace += std::to_string(s) + "," + std::to_string(it.iteration) + "," +
               format_value(it.objective) + "," + format_value(it.lambda);
      for (Eigen::Index j = 0; j < k; ++j) trace += "," + format_value(it.theta(j));
      trace += "\n";
    }
    if (s == 0 || r.objective < outcome.best.objective) {
      outcome.best = std::move(r);
      outcome.best_start = static_cast<int>(s);
    }
  }
  outcome.evaluations = evaluations;

  // Outputs.
  const LmResult& best = outcome.best;
  const Eigen::VectorXd se = best.standard_errors();
  std::string parameters = "key,start,fitted,se,min,max\n";
  for (Eigen::Index j = 0; j < k; ++j) {
    const auto& p = spec.parameters[static_cast<std::size_t>(j)];
    parameters += csv_field(p.key) + "," + format_value(p.start) + "," +
                  format_value(best.theta(j)) + "," +
                  (std::isnan(se(j)) ? std::string("") : format_value(se(j))) + "," +
                  format_value(p.min) + "," + format_value(p.max) + "\n";
  }
  out.write("parameters.csv", parameters);
  const auto values = simulate(best.theta);
  std::string fit =
      "metric,year,region,use,observed,sd,weight,simulated_mean,simulated_low,simulated_high,"
      "inside_band,source,population,observed_at\n";
  std::string table =
      "| target | year | region | use | counts | observed (band ± 2 sd) | simulated mean [95% "
      "interval] | inside? | source |\n|---|---|---|---|---|---|---|---|---|\n";
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    const auto& tg = spec.targets[t];
    const Difference d = paired_difference(std::vector<double>(values[t].size(), 0.0), values[t]);
    const bool inside = std::abs(d.mean - tg.observed) <= 2 * tg.sd;
    fit += tg.metric + "," + std::to_string(tg.year) + "," + csv_field(tg.region) + "," +
           (tg.fit ? "fit" : "holdout") + "," + format_value(tg.observed) + "," +
           format_value(tg.sd) + "," + format_value(tg.weight) + "," + format_value(d.mean) + "," +
           format_value(d.low) + "," + format_value(d.high) + "," + (inside ? "yes" : "no") + "," +
           csv_field(tg.source) + "," + tg.population + "," + tg.observed_at + "\n";
    const bool share = metric_table()[static_cast<std::size_t>(metric_index(tg.metric))].unit ==
                       std::string_view("share");
    std::string source = tg.source;
    for (std::size_t p = source.find('|'); p != std::string::npos; p = source.find('|', p + 2))
      source.replace(p, 1, "\\|");
    table += "| `" + tg.metric + "` | " + std::to_string(tg.year) + " | " + tg.region + " | " +
             (tg.fit ? "fit" : "holdout") + " | " + counts(tg) + " | " +
             readable(tg.observed, share) + " (± " + readable(2 * tg.sd, share) + ") | " +
             readable(d.mean, share) + " [" + readable(d.low, share) + ", " +
             readable(d.high, share) + "] | " + (inside ? "yes" : "**no**") + " | " + source +
             " |\n";
  }
  out.write("fit.csv", fit);
  out.write("fit.md", table);
  out.write("trace.csv", trace);

  // The Laplace approximation at the optimum, N(θ̂, (JᵀWJ)⁻¹), as draws for run/compare
  // --parameters: a local Gaussian, not a posterior.
  nlohmann::ordered_json ensemble;
  const Eigen::MatrixXd covariance = best.covariance();
  if (spec.ensemble_draws == 0) {
    ensemble["draws"] = 0;
    ensemble["why_none"] = "ensemble_draws: 0";
  } else if (covariance.size() == 0 || !covariance.allFinite()) {
    ensemble["draws"] = 0;
    ensemble["why_none"] = spec.max_iterations == 0
                               ? "evaluation only: no Jacobian, no covariance"
                               : "JᵀWJ is singular at the optimum: no covariance";
  } else {
    const EnsembleDraws draws =
        draw_ensemble(best.theta, covariance, lower, upper, spec.ensemble_draws,
                      static_cast<std::uint32_t>(spec.seed));
    std::vector<std::string> keys;
    for (const auto& p : spec.parameters) keys.push_back(p.key);
    const std::string csv = ensemble_csv(keys, draws.draws);
    out.write("ensemble.csv", csv);
    ensemble["file"] = "ensemble.csv";
    ensemble["draws"] = spec.ensemble_draws;
    ensemble["seed"] = spec.seed;  // with the fit, all that decides the draws
    ensemble["sha256"] = sha256_hex(csv);
    ensemble["method"] = "Laplace approximation N(fitted, (JᵀWJ)⁻¹), rejected to the bounds";
    ensemble["rejected_attempts"] = draws.rejected;
    ensemble["clipped_draws"] = draws.clipped;
  }

  // A scenario that extends the base with the fitted values.
  ConfigNode tree;
  tree.kind = ConfigNode::Kind::kMap;
  Diagnostics unused;
  for (Eigen::Index j = 0; j < k; ++j) {
    ConfigNode v;
    v.kind = ConfigNode::Kind::kScalar;
    v.scalar = format_value(best.theta(j));
    // Written where the key takes effect (`overrides.…` for a region-level key), as --set does.
    set_path(tree, set_target(spec.parameters[static_cast<std::size_t>(j)].key), v, {}, unused);
  }
  fs::path target = settings.out;
  if (target.filename().empty()) target = target.parent_path();
  std::error_code ec;
  const fs::path rel = fs::relative(fs::absolute(spec.base), fs::absolute(target), ec);
  // Written by yaml-cpp's emitter, which quotes what needs quoting: a name or key holding
  // ": ", "#", a newline or a leading "-" stays one value and cannot add keys.
  YAML::Emitter e;
  e << YAML::Comment("Written by povsim calibrate from " + file.string() +
                     ": the base scenario with the fitted parameters.")
    << YAML::Newline;
  e << YAML::BeginMap;
  e << YAML::Key << "schema" << YAML::Value << "povsim/1";
  e << YAML::Key << "extends" << YAML::Value
    << (ec ? fs::absolute(spec.base).string() : rel.string());
  e << YAML::Key << "name" << YAML::Value << spec.name + "-calibrated";
  // Which fit this is, for the report's status line: the fingerprint's first 12 hex digits are
  // the prefix of manifest.json's "fingerprint.sha256", so the id leads back to this directory.
  // No date: the same calibration writes the same bytes.
  const Fingerprint fingerprint = calibration_fingerprint(spec, settings.overrides, settings.scale);
  e << YAML::Key << "calibration" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "fit" << YAML::Value << fingerprint.sha256().substr(0, 12);
  e << YAML::Key << "spec" << YAML::Value << file.generic_string();
  e << YAML::Key << "objective" << YAML::Value << format_value(best.objective);
  e << YAML::Key << "engine" << YAML::Value << std::string(kVersion);
  e << YAML::EndMap;
  std::function<void(const ConfigNode&)> emit = [&](const ConfigNode& n) {
    for (const auto& [key, child] : n.map) {
      e << YAML::Key << key << YAML::Value;
      if (child.is_map()) {
        e << YAML::BeginMap;
        emit(child);
        e << YAML::EndMap;
      } else {
        e << child.scalar;
      }
    }
  };
  emit(tree);
  e << YAML::EndMap;
  if (!e.good())
    throw std::logic_error("calibrated.yaml: YAML emitter failed: " + e.GetLastError());
  const std::string yaml = std::string(e.c_str()) + "\n";
  out.write("calibrated.yaml", yaml);

  nlohmann::ordered_json j = manifest_head(settings.command_line);
  j["calibration"] = spec.name;
  j["calibration_file"] = file.string();
  j["base"] = spec.base.string();
  j["replications"] = spec.replications;
  j["starts"] = starts.size();
  j["best_start"] = outcome.best_start;
  j["objective"] = best.objective;
  j["iterations"] = best.iterations;
  j["converged"] = best.converged;
  j["evaluations"] = outcome.evaluations;
  j["threads"] = threads;
  j["scale"] = settings.scale;
  j["fingerprint"] = fingerprint.json();
  j["ensemble"] = ensemble;
  out.write("manifest.json", j.dump(2) + "\n");
  out.commit();
  return outcome;
}

}  // namespace povsim
