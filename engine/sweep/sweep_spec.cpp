#include "sweep/sweep_spec.hpp"

#include <algorithm>

#include "output/tables.hpp"
#include "phases/metrics.hpp"
#include "scenario/config_tree.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/schema_reader.hpp"

namespace povsim {

namespace fs = std::filesystem;

SweepSpec load_sweep(const fs::path& file, const std::vector<std::string>& overrides,
                     double scale) {
  Diagnostics diags;
  const ConfigNode root = load_yaml_file(file, diags, "sweep file");
  diags.throw_if_any();
  if (!root.is_map())
    throw InputError(file.string() + ": error: expected a mapping of sweep keys\n");
  SweepSpec s;
  std::string schema, method, base;
  {
    SchemaReader r(root, "", diags, 0, 0);
    r.field("schema", schema, Doc{"", ""});
    r.field("name", s.name, Doc{"", ""});
    r.field("base", base, Doc{"path", ""});
    r.field("method", method, Doc{"", ""});
    r.field("seed", s.seed, Range{0, 4294967295.0}, Doc{"", ""});
    r.field("replications", s.replications, Range{1, 100000}, Doc{"", ""});
    if (root.find("points") || method != "grid")
      r.field("points", s.points, Range{1, 1000000}, Doc{"", ""});
    else
      r.skip("points");
    r.skip("axes");
    r.skip("indices");
    r.finish();
  }
  auto at = [&](const char* key) {
    const ConfigNode* n = root.find(key);
    return n ? n->origin : root.origin;
  };
  if (!schema.empty() && schema != "povsim-sweep/1")
    diags.error(at("schema"), "schema", "expected \"povsim-sweep/1\", found \"" + schema + "\"");
  if (method == "grid")
    s.method = SweepMethod::kGrid;
  else if (method == "lhs")
    s.method = SweepMethod::kLhs;
  else if (method == "sobol")
    s.method = SweepMethod::kSobol;
  else if (!method.empty())
    diags.error(at("method"), "method", "expected grid, lhs or sobol, found \"" + method + "\"");
  if (!base.empty()) {
    s.base = file.parent_path() / base;
    if (!fs::exists(s.base))
      diags.error(at("base"), "base",
                  "expected an existing scenario file, found \"" + base + "\" (looked for " +
                      s.base.string() + ")");
  }

  const ConfigNode* axes = root.find("axes");
  if (!axes || !axes->is_seq() || axes->seq.empty()) {
    diags.error(axes ? axes->origin : root.origin, "axes", "expected a non-empty list of axes");
  } else {
    for (std::size_t i = 0; i < axes->seq.size(); ++i) {
      const ConfigNode& item = axes->seq[i];
      const std::string path = "axes[" + std::to_string(i) + "]";
      if (!item.is_map()) {
        diags.error(item.origin, path, "expected a mapping {key, values} or {key, min, max}");
        continue;
      }
      Axis a;
      SchemaReader r(item, path, diags, 0, 0);
      r.field("key", a.key, Doc{"", ""});
      if (s.method == SweepMethod::kGrid) {
        r.field("values", a.values, Range{-1e12, 1e12}, Doc{"", ""});
      } else {
        r.field("min", a.min, Range{-1e12, 1e12}, Doc{"", ""});
        r.field("max", a.max, Range{-1e12, 1e12}, Doc{"", ""});
        if (a.max < a.min)
          diags.error(item.find("max") ? item.find("max")->origin : item.origin, path + ".max",
                      "expected a value not below min (" + format_value(a.min) + "), found " +
                          format_value(a.max));
      }
      if (item.find("integer"))
        r.field("integer", a.integer, Doc{"", ""});
      else
        r.skip("integer");
      r.finish();
      s.axes.push_back(a);
    }
  }
  if (const ConfigNode* idx = root.find("indices")) {
    if (s.method != SweepMethod::kSobol) {
      diags.error(idx->key_origin, "indices", "Sobol indices need method: sobol");
    } else if (idx->is_map()) {
      SchemaReader r(*idx, "indices", diags, 0, 0);
      r.field("year", s.index_year, Range{1900, 2200}, Doc{"", ""});
      r.field("region", s.index_region, Doc{"", ""});
      r.skip("metrics");
      r.finish();
      const ConfigNode* m = idx->find("metrics");
      if (!m || !m->is_seq() || m->seq.empty()) {
        diags.error(m ? m->origin : idx->origin, "indices.metrics",
                    "expected a list of metric names");
      } else {
        for (const auto& name : m->seq) {
          const auto& table = metric_table();
          const bool known = std::any_of(table.begin(), table.end(), [&](const MetricInfo& mi) {
            return mi.name == name.scalar;
          });
          if (!known) {
            std::vector<std::string> names;
            for (const auto& mi : table) names.emplace_back(mi.name);
            const std::string hint = did_you_mean(name.scalar, names);
            diags.error(name.origin, "indices.metrics",
                        "unknown metric \"" + name.scalar + "\"" +
                            (hint.empty() ? "" : " (did you mean `" + hint + "`?)"));
          }
          s.index_metrics.push_back(name.scalar);
        }
      }
    }
  } else if (s.method == SweepMethod::kSobol) {
    diags.error(root.origin, "(top level)", "missing required key `indices` (method: sobol)");
  }
  // The design's size, counted without overflow (64 axes of 2 values wrapped to 0 points) and
  // refused above kMaxSweepPoints before anything is allocated.
  if (axes && axes->is_seq() && !s.axes.empty()) {
    std::size_t n = 1;
    bool over = false;
    std::string product;
    if (s.method == SweepMethod::kGrid) {
      for (const Axis& a : s.axes) {
        over = over || __builtin_mul_overflow(n, a.values.size(), &n);
        product += (product.empty() ? "" : " × ") + std::to_string(a.values.size());
      }
    } else if (s.method == SweepMethod::kSobol) {
      // Saltelli's design: points × (axes + 2) runs.
      over = __builtin_mul_overflow(static_cast<std::size_t>(std::max(0, s.points)),
                                    s.axes.size() + 2, &n);
      product =
          std::to_string(s.points) + " points × (" + std::to_string(s.axes.size()) + " axes + 2)";
    } else {
      n = static_cast<std::size_t>(std::max(0, s.points));
    }
    if (over || n > kMaxSweepPoints)
      diags.error(axes->origin, "axes",
                  "the design has " + (over ? std::string("more than 2^64") : std::to_string(n)) +
                      " points (" + product + "), more than povsim's limit of " +
                      std::to_string(kMaxSweepPoints) +
                      " per sweep: use fewer axes or values, or split the sweep");
  }
  diags.throw_if_any();

  // Every axis must be a valid scenario key over its whole range: load the base at both ends.
  for (std::size_t i = 0; i < s.axes.size(); ++i) {
    const Axis& a = s.axes[i];
    const ConfigNode& item = axes->seq[i];
    std::vector<double> ends = a.values;
    if (ends.empty()) ends = {a.min, a.max};
    for (double x : {*std::min_element(ends.begin(), ends.end()),
                     *std::max_element(ends.begin(), ends.end())}) {
      std::vector<std::string> o = overrides;
      o.push_back(a.key + "=" + format_value(x));
      std::string problem;
      const auto sc = try_load_scenario(s.base, {o, scale}, problem);
      if (!sc) {
        diags.error(item.origin, "axes[" + std::to_string(i) + "]",
                    "axis " + a.key + " at " + format_value(x) +
                        " is not a valid scenario value: " + problem);
        break;
      }
      if (i == 0 && x == ends.front() && s.index_year > 0 &&
          (s.index_year < sc->params.start.year || s.index_year > sc->params.end.year))
        diags.error(root.find("indices")->origin, "indices.year",
                    "expected a year of the base scenario's period");
      // Indices of a region the results do not hold would all be 0.
      if (i == 0 && x == ends.front() && s.method == SweepMethod::kSobol &&
          s.index_region != "all" &&
          std::none_of(sc->params.regions.begin(), sc->params.regions.end(),
                       [&](const RegionSpec& r) { return r.name == s.index_region; })) {
        std::vector<std::string> names{"all"};
        for (const auto& r : sc->params.regions) names.push_back(r.name);
        const std::string hint = did_you_mean(s.index_region, names);
        const ConfigNode* rn = root.find("indices")->find("region");
        diags.error(rn ? rn->origin : root.find("indices")->origin, "indices.region",
                    "expected `all` or a region of the base scenario, found \"" + s.index_region +
                        "\"" + (hint.empty() ? "" : " (did you mean `" + hint + "`?)"));
      }
    }
  }
  diags.throw_if_any();
  return s;
}

Design make_design(const SweepSpec& spec) {
  switch (spec.method) {
    case SweepMethod::kGrid:
      return grid_design(spec.axes);
    case SweepMethod::kLhs:
      return lhs_design(spec.axes, spec.points, static_cast<std::uint32_t>(spec.seed));
    case SweepMethod::kSobol:
      return sobol_design(spec.axes, spec.points);
  }
  return {};
}

}  // namespace povsim
