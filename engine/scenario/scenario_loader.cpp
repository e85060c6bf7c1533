#include "scenario/scenario_loader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string_view>

#include "core/rng.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "funds/fund_state.hpp"
#include "scenario/config_tree.hpp"
#include "scenario/regions_table.hpp"
#include "scenario/schema_reader.hpp"

namespace povsim {

namespace fs = std::filesystem;

bool is_region_block(std::string_view key) {
  const auto& blocks = region_block_keys();
  return std::find(blocks.begin(), blocks.end(), key) != blocks.end();
}

std::string set_target(const std::string& key) {
  const std::string first = key.substr(0, key.find('.'));
  return is_region_block(first) ? "overrides." + key : key;
}

const std::vector<std::string>& region_block_keys() {
  static const std::vector<std::string> keys{
      "population", "demography", "economy",     "shocks", "transfers", "lines",
      "monitoring", "assistance", "enterprises", "labour", "funds"};
  return keys;
}

namespace {

constexpr const char* kSchema = "povsim/1";

/// A region without a `demography` block keeps its members as synthesised: no one ages, dies or
/// is born (the baseline switches demography on with the rates of docs/parameters.md).
constexpr const char* kDemographyDefaults = R"(demography:
  enabled: false
  elderly_mortality: 0
  worker_ageing: 0
  birth_rate: 0
  school_entry: 0
  school_leaving: 0
  school_leaver_moves_out: 0
  entry_wage: 0
)";

/// A region without a `funds` block keeps the programme budgets as its one source of money (the
/// ledger still records it); these are the values every `funds` key takes unless set.
constexpr const char* kFundDefaults = R"(funds:
  enabled: false
  sources:
    central: {yuan: 0, per_household: 0}
    provincial: {yuan: 0, per_household: 0}
    county: {yuan: 0, per_household: 0}
    paired: {yuan: 0, per_household: 0}
    donations: {yuan: 0, per_household: 0}
  accounts:
    industry: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    employment: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    infrastructure: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    risk_relief: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    public_jobs: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    training: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    medical: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    dibao: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    microcredit_subsidy: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    consumption: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
    risk_compensation: {share: 0, fixed: 0, fixed_per_household: 0, min_share_of_central: 0, carry_over: false}
  enterprise_share_of_industry: 0
  enterprise_extra_jobs: 0
  consumption_per_household: 0
  microcredit:
    enabled: false
    new_loans_per_1000_households: 0
    loan: 0
    term_months: 36
    interest_rate: 0
    interest_subsidy_share: 0
    return_rate: 0
    default_probability: 0
    shock_default_multiplier: 1
    compensation_share: 0
    leverage: 0
    arrears_repayment_share: 0
    arrears_max_months: 0
    extension_months: 0
)";

/// `regions_table: FILE.csv` (relative to the scenario) stands for the `regions:` list it holds.
void expand_regions_table(ConfigNode& root, const fs::path& file, Diagnostics& diags,
                          const FileReader& read) {
  const ConfigNode* table = root.find("regions_table");
  if (!table) return;
  if (root.find("regions")) {
    diags.error(table->key_origin, "regions_table",
                "expected either `regions` or `regions_table` in one file, found both");
  } else if (!table->is_scalar()) {
    diags.error(table->origin, "regions_table",
                "expected a path to a CSV file (county, province, households, profile), found " +
                    table->describe());
  } else {
    ConfigNode regions =
        read_regions_table(file.parent_path() / table->scalar, table->origin, diags, read);
    regions.key_origin = table->key_origin;
    root.map.emplace_back("regions", std::move(regions));
  }
  root.erase("regions_table");
}

/// Loads a scenario file and the chain of files it `extends`, merged base-first. `named_at` is
/// the `extends` value that led here (none for the scenario itself).
ConfigNode load_with_extends(const fs::path& file, Diagnostics& diags, std::vector<fs::path>& chain,
                             const FileReader& read, const Origin& named_at = {}) {
  const fs::path canonical = fs::weakly_canonical(file);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& f : chain) cycle += f.filename().string() + " → ";
    diags.error(named_at, "extends",
                "circular `extends` chain: " + cycle + canonical.filename().string());
    return {};
  }
  chain.push_back(canonical);
  ConfigNode root = load_yaml_file(file, diags, "scenario", read);
  if (root.kind == ConfigNode::Kind::kNull) return root;
  if (!root.is_map()) {
    diags.error(root.origin, "", "expected a mapping of scenario keys, found " + root.describe());
    return {};
  }
  expand_regions_table(root, file, diags, read);
  const ConfigNode* extends = root.find("extends");
  if (!extends) return root;
  if (!extends->is_scalar()) {
    diags.error(extends->origin, "extends",
                "expected a path to a scenario file, found " + extends->describe());
    return {};
  }
  const fs::path base_file = file.parent_path() / extends->scalar;
  if (!input_exists(base_file, read)) {
    diags.error(extends->origin, "extends",
                "expected an existing scenario file, found \"" + extends->scalar +
                    "\" (looked for " + base_file.string() + ")");
    return {};
  }
  ConfigNode base = load_with_extends(base_file, diags, chain, read, extends->origin);
  root.erase("extends");
  if (base.kind == ConfigNode::Kind::kNull) return root;
  merge_into(base, root);
  return base;
}

/// The region-level path (`monitoring.…`) a --set path sets, for comparison with policy entries;
/// empty for a path outside the region layers.
std::string region_path_of(const std::string& key) {
  const std::string target = set_target(key);
  for (const char* layer : {"overrides.", "defaults."})
    if (target.rfind(layer, 0) == 0) return target.substr(std::string_view(layer).size());
  return {};
}

void apply_overrides(ConfigNode& root, const std::vector<std::string>& overrides,
                     Diagnostics& diags) {
  for (const auto& text : overrides) {
    const Origin origin{"--set " + text, 0, 0};
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      diags.error(origin, "",
                  "expected KEY=VALUE (e.g. economy.trend_growth=0.05), found \"" + text + "\"");
      continue;
    }
    const std::string key = set_target(text.substr(0, eq));
    Diagnostics local;
    ConfigNode value = parse_yaml_text(text.substr(eq + 1), "--set " + text, local);
    if (!local.empty()) {
      for (const auto& d : local.items()) diags.error(origin, key, d.message);
      continue;
    }
    if (value.kind == ConfigNode::Kind::kNull) {
      diags.error(origin, key, "expected a value after `=`, found nothing");
      continue;
    }
    // Values set on the command line report the --set argument as their place.
    std::vector<ConfigNode*> stack{&value};
    while (!stack.empty()) {
      ConfigNode* n = stack.back();
      stack.pop_back();
      n->origin = origin;
      n->key_origin = origin;
      for (auto& kv : n->map) stack.push_back(&kv.second);
      for (auto& item : n->seq) stack.push_back(&item);
    }
    set_path(root, key, std::move(value), origin, diags);
  }
}

/// Adds the keys of `defaults` that `node` lacks (recursively), keeping what `node` has and
/// where it came from.
void fill_missing(ConfigNode& node, const ConfigNode& defaults) {
  if (!node.is_map() || !defaults.is_map()) return;
  for (const auto& [key, value] : defaults.map) {
    if (ConfigNode* have = node.find(key))
      fill_missing(*have, value);
    else
      node.map.emplace_back(key, value);
  }
}

struct PolicyEntry {
  int from = 0;      // month offset, inclusive
  int until = 0;     // month offset, inclusive
  std::string span;  // "YYYY-MM to YYYY-MM", for messages
  Origin origin;
  ConfigNode set;
  std::vector<std::string> regions;  // empty = all
};

/// A region as read from `regions:`. Its merged tree (defaults, profile, scenario blocks,
/// overrides) is not kept: at a few hundred nodes it would cost ~150 KB per region, so a national
/// table of counties would hold every county's full copy at once. region_tree() rebuilds it from
/// these pointers (into the scenario tree and the profile cache, both alive while loading) when it
/// is checked, one region at a time.
struct RegionInput {
  RegionSpec spec;
  const ConfigNode* profile = nullptr;    // in the profile cache
  const ConfigNode* overrides = nullptr;  // the region's `overrides` mapping, if it is one
  Origin origin;
  bool has_profile = false;  // false after a problem with it: its keys would all seem missing
};

/// Keys of `funds` and `demography` left unset take these defaults (each text keeps its own name
/// in the nodes' origins); parsed once, not once per region.
const ConfigNode& builtin_defaults() {
  static const ConfigNode tree = [] {
    Diagnostics quiet;
    ConfigNode t = parse_yaml_text(kFundDefaults, "(built-in funds defaults)", quiet);
    const ConfigNode demography =
        parse_yaml_text(kDemographyDefaults, "(built-in demography defaults)", quiet);
    t.map.insert(t.map.end(), demography.map.begin(), demography.map.end());
    return t;
  }();
  return tree;
}

/// Profiles are cached by their canonical path: a table of counties names a few profiles many
/// times. The reference stays valid while `cache` lives (std::map does not move its nodes).
const ConfigNode& load_profile(const fs::path& path, Diagnostics& diags,
                               std::map<std::string, ConfigNode>& cache, const FileReader& read) {
  const std::string key = fs::weakly_canonical(path).string();
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  ConfigNode profile = load_yaml_file(path, diags, "region profile", read);
  if (profile.is_map()) {
    // Profiles may carry prose about their sources; it is not a parameter.
    for (const char* prose : {"description", "sources"}) {
      if (const ConfigNode* d = profile.find(prose)) {
        if (d->is_map()) diags.error(d->origin, prose, "expected text or a list of text");
        profile.erase(prose);
      }
    }
  } else if (profile.kind != ConfigNode::Kind::kNull) {
    diags.error(profile.origin, "",
                "expected a mapping of region keys, found " + profile.describe());
    profile = {};
  }
  return cache[key] = std::move(profile);
}

/// The node at dotted `path` under `root`, or nullptr.
const ConfigNode* node_at(const ConfigNode& root, const std::string& path) {
  const ConfigNode* n = &root;
  for (const auto& part : split_path(path)) {
    n = n->find(part);
    if (!n) return nullptr;
  }
  return n;
}

std::string yuan_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

/// Valid values that are probably not what was meant (docs/scenarios.md, "Warnings"): a
/// monitoring line below the poverty line, a yearly amount that looks monthly, per-household
/// budgets that add up to more than a household could use, a programme whose budget at this
/// --scale cannot pay for a single unit.
void warn_implausible(const RegionParams& rp, const RegionSpec& spec, const ConfigNode& tree,
                      const Origin& region_origin, int first_year, int last_year, double scale,
                      Diagnostics& diags) {
  const auto at = [&](const std::string& path, const Origin& fallback) {
    const ConfigNode* n = node_at(tree, path);
    return n ? n->origin : fallback;
  };
  // A series merged from several files keeps the place of each year's value.
  const auto at_year_of = [&](const std::string& path, int year) {
    const ConfigNode* n = node_at(tree, path);
    if (n && n->is_map())
      if (const ConfigNode* v = n->find(std::to_string(year))) return v->origin;
    return n ? n->origin : region_origin;
  };
  for (int y = first_year; y <= last_year; ++y) {
    const double poverty = at_year(rp.lines.poverty, y);
    const double monitoring = at_year(rp.lines.monitoring, y);
    if (monitoring < poverty) {
      diags.warning(at_year_of("lines.monitoring", y), "lines.monitoring",
                    "the monitoring line of " + std::to_string(y) + " (" + yuan_text(monitoring) +
                        " yuan/person/year) is below the poverty line (" + yuan_text(poverty) +
                        "): households between the two are poor but never monitored");
      break;
    }
  }
  // Lines and the 低保 standard are yuan per person per year; the 2020 line was 4,000.
  const std::pair<const char*, const YearSeries*> yearly[] = {
      {"lines.poverty", &rp.lines.poverty},
      {"lines.monitoring", &rp.lines.monitoring},
      {"transfers.dibao.standard", &rp.transfers.dibao.standard}};
  for (const auto& [path, series] : yearly) {
    for (const auto& [year, value] : *series) {
      if (value > 0 && value < 1000) {
        diags.warning(at_year_of(path, year), path,
                      yuan_text(value) + " yuan/person/year in " + std::to_string(year) +
                          " looks like a monthly amount (the 2020 poverty line was 4000 a year): "
                          "multiply by 12 if it is one");
        break;
      }
    }
  }
  const auto& a = rp.assistance;
  struct Programme {
    const char* key;
    double budget_per_household;
    double unit_cost;  // yuan of one placement, trainee, household or post; 0 = no unit
    const char* unit;
  };
  const Programme programmes[] = {
      {"employment", a.employment.budget_per_household, a.employment.cost_per_placement,
       "placement"},
      {"training", a.training.budget_per_household, a.training.cost_per_trainee, "trainee"},
      {"industry", a.industry.budget_per_household, a.industry.cost_per_household, "household"},
      {"public_jobs", a.public_jobs.budget_per_household,
       a.public_jobs.monthly_wage * a.public_jobs.term_months, "post"},
      {"social_assistance", a.social_assistance.budget_per_household, 0, ""},
      {"medical", a.medical.budget_per_household, 0, ""},
      // max_payout caps a payout; a smaller one is possible: no unit.
      {"risk_relief", a.risk_relief.budget_per_household, 0, ""}};
  double per_household = 0;
  const Programme* largest = &programmes[0];
  for (const auto& pr : programmes) {
    per_household += pr.budget_per_household;
    if (pr.budget_per_household > largest->budget_per_household) largest = &pr;
  }
  // More than ten years of a poor household's income, every year: a total written as a
  // per-household amount, most likely.
  constexpr double kAbsurdPerHousehold = 50000;
  if (per_household > kAbsurdPerHousehold)
    diags.warning(
        at(std::string("assistance.") + largest->key + ".budget_per_household", region_origin),
        "assistance",
        "programme budgets add up to " + yuan_text(per_household) + " yuan per household a year (" +
            yuan_text(per_household * static_cast<double>(spec.households) / scale) +
            " yuan for the region's households): is a total written as a "
            "budget_per_household?");
  if (!rp.funds.enabled) {
    for (const auto& pr : programmes) {
      const double budget = pr.budget_per_household * static_cast<double>(spec.households);
      if (pr.unit_cost > 0 && budget > 0 && budget < pr.unit_cost)
        diags.warning(
            at(std::string("assistance.") + pr.key + ".budget_per_household", region_origin),
            std::string("assistance.") + pr.key + ".budget_per_household",
            "region " + spec.name + " has " + std::to_string(spec.households) +
                " households at --scale " + yuan_text(scale) + ": its budget of " +
                yuan_text(budget) + " yuan a year buys less than one " + pr.unit + " (" +
                yuan_text(pr.unit_cost) +
                " yuan): the programme cannot pay for one in a year; run at a larger --scale");
    }
  }
}

/// A --set whose key a policy entry also sets holds only outside that entry's months.
void warn_shadowed_overrides(const std::vector<std::string>& overrides,
                             const std::vector<PolicyEntry>& policy, Diagnostics& diags) {
  for (const auto& text : overrides) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    const std::string key = region_path_of(text.substr(0, eq));
    if (key.empty()) continue;
    for (std::size_t i = 0; i < policy.size(); ++i)
      if (node_at(policy[i].set, key))
        diags.warning({"--set " + text, 0, 0}, key,
                      "policy[" + std::to_string(i) + "] (" + policy[i].origin.file + ":" +
                          std::to_string(policy[i].origin.line) + ") sets the same key from " +
                          policy[i].span + ", replacing this value during those months");
  }
}

/// The region-level blocks under `layer` (`defaults` or `overrides`) of the scenario, as one
/// mapping; anything else under it is an error.
ConfigNode region_layer(const ConfigNode& root, const char* layer, Diagnostics& diags) {
  ConfigNode blocks;
  blocks.kind = ConfigNode::Kind::kMap;
  const ConfigNode* d = root.find(layer);
  if (!d || d->kind == ConfigNode::Kind::kNull) return blocks;
  if (!d->is_map()) {
    diags.error(d->origin, layer,
                "expected a mapping of region-level blocks, found " + d->describe());
    return blocks;
  }
  std::string names;
  for (const auto& b : region_block_keys()) names += (names.empty() ? "" : ", ") + b;
  for (const auto& [k, v] : d->map) {
    if (!is_region_block(k)) {
      diags.error(v.origin, std::string(layer) + "." + k,
                  "expected a region-level block (" + names + "), found `" + k + "`");
      continue;
    }
    blocks.map.emplace_back(k, v);
  }
  return blocks;
}

/// A region-level block at the top level of a scenario once meant "over every profile"; read
/// either way it would silently change what some scenario meant, so it is refused with the two
/// places it can go.
void refuse_top_level_blocks(const ConfigNode& root, Diagnostics& diags) {
  for (const auto& [k, v] : root.map)
    if (is_region_block(k))
      diags.error(v.key_origin, k,
                  "expected region-level blocks under `defaults:` (used where a region's profile "
                  "does not set the key) or `overrides:` (over every region's profile), found `" +
                      k + "` at the top level: move it to `defaults." + k + "` or `overrides." + k +
                      "` (docs/scenarios.md, \"Layers\")");
}

}  // namespace

LoadedScenario load_scenario(const fs::path& file, const LoadOptions& options) {
  Diagnostics diags;
  std::vector<fs::path> chain;
  ConfigNode root = load_with_extends(file, diags, chain, options.read_file);
  diags.throw_if_any();
  refuse_top_level_blocks(root, diags);
  diags.throw_if_any();
  apply_overrides(root, options.overrides, diags);
  diags.throw_if_any();

  LoadedScenario out;
  out.file = file.string();
  Params& p = out.params;

  // Scenario-level keys. The period is read first: year schedules are checked against it.
  bool period_ok = false;
  {
    const ConfigNode* period = root.find("period");
    if (period && period->is_map()) {
      const std::size_t before = diags.reported();
      SchemaReader r(*period, "period", diags, 0, 0);
      r.field("start", p.start, Doc{"YYYY-MM", "first simulated month"});
      r.field("end", p.end, Doc{"YYYY-MM", "last simulated month"});
      r.finish();
      if (diags.reported() == before && p.end < p.start)
        diags.error(period->find("end")->origin, "period.end",
                    "expected a month not before period.start (" + p.start.str() + "), found " +
                        p.end.str());
      period_ok = diags.reported() == before;
    }
  }
  const int first_year = p.start.year;
  const int last_year = p.end.year;
  {
    SchemaReader r(root, "", diags, first_year, last_year);
    r.field("schema", p.schema, Doc{"", "schema version"});
    r.field("name", p.name, Doc{"", "scenario name"});
    r.field("description", p.description, Doc{"", "what the scenario asks"});
    r.skip("period");
    if (const ConfigNode* period = root.find("period"); !period)
      diags.error(root.origin, "(top level)", "missing required key `period`");
    else if (!period->is_map())
      diags.error(period->origin, "period",
                  "expected a mapping {start, end}, found " + period->describe());
    r.field("seed", p.seed, Range{0, 4294967295.0}, Doc{"", "random seed"});
    r.field("replications", p.replications, Range{1, 100000}, Doc{"", "replications"});
    r.section("outputs", p.outputs, "outputs");
    // Optional: written by `povsim calibrate`, read by the report's status line.
    if (root.find("calibration")) {
      p.calibration.emplace();
      r.section("calibration", *p.calibration, "calibration");
    }
    for (const char* k : {"regions", "policy", "defaults", "overrides"}) r.skip(k);
    r.finish();
    if (const ConfigNode* n = root.find("name"); n && n->is_scalar())
      if (const std::string problem = name_problem(n->scalar); !problem.empty())
        diags.error(n->origin, "name", problem);
    if (const ConfigNode* s = root.find("schema"); s && s->is_scalar() && s->scalar != kSchema)
      diags.error(s->origin, "schema",
                  std::string("expected \"") + kSchema + "\", found \"" + s->scalar + "\"");
  }

  // Two layers of region-level blocks for every region: `defaults` under each profile (a place's
  // own values win), `overrides` over it (the scenario says explicitly that its value wins).
  const ConfigNode defaults = region_layer(root, "defaults", diags);
  const ConfigNode overrides = region_layer(root, "overrides", diags);

  // Regions and their profiles.
  std::vector<RegionInput> regions;
  std::map<std::string, ConfigNode> profile_cache;
  const ConfigNode* regions_node = root.find("regions");
  if (!regions_node) {
    diags.error(root.origin, "(top level)", "missing required key `regions`");
  } else if (!regions_node->is_seq() || regions_node->seq.empty()) {
    diags.error(regions_node->origin, "regions",
                "expected a non-empty list of regions, found " + regions_node->describe());
  } else {
    std::map<std::string, std::size_t> names;      // NFKC form -> first region
    std::map<std::uint32_t, std::size_t> streams;  // random stream -> first region
    for (std::size_t i = 0; i < regions_node->seq.size(); ++i) {
      const ConfigNode& item = regions_node->seq[i];
      const std::string path = "regions[" + std::to_string(i) + "]";
      if (!item.is_map()) {
        diags.error(item.origin, path,
                    "expected a mapping with name, households, profile, found " + item.describe());
        continue;
      }
      RegionInput in;
      in.origin = item.origin;
      SchemaReader r(item, path, diags, first_year, last_year);
      r.field("name", in.spec.name, Doc{"", "region name"});
      r.field("households", in.spec.households, Range{1, 1e9}, Doc{"households", "households"});
      r.field("profile", in.spec.profile, Doc{"path", "region profile"});
      r.skip("overrides");
      r.skip("stream");
      r.skip("province");
      r.finish();
      if (const ConfigNode* province = item.find("province")) {
        if (!province->is_scalar() || province->scalar.empty())
          diags.error(province->origin, path + ".province",
                      "expected the name of the province the region belongs to, found " +
                          province->describe());
        else if (const std::string problem = name_problem(province->scalar); !problem.empty())
          diags.error(province->origin, path + ".province", problem);
        else
          in.spec.province = province->scalar;
      }
      const ConfigNode* name_node = item.find("name");
      const Origin name_at = name_node ? name_node->origin : item.origin;
      bool name_ok = false;  // valid and not a duplicate: worth checking its stream against others
      if (name_node && name_node->is_scalar()) {
        if (const std::string problem = name_problem(in.spec.name); !problem.empty()) {
          diags.error(name_at, path + ".name", problem);
        } else if (const auto [seen, fresh] = names.emplace(nfkc(in.spec.name), i); !fresh) {
          // Names that differ only in Unicode form (composed or not, full-width or not) print
          // alike in a table: one of them would be taken for the other.
          const ConfigNode& other = *regions_node->seq[seen->second].find("name");
          diags.error(
              name_at, path + ".name",
              "duplicate region name \"" + in.spec.name + "\"" +
                  (other.scalar == in.spec.name ? std::string()
                                                : " (the same as \"" + other.scalar +
                                                      "\" after Unicode NFKC normalisation)") +
                  "; region names must be unique (first at " + other.origin.file + ":" +
                  std::to_string(other.origin.line) + ")");
        } else {
          name_ok = true;
        }
      }
      if (in.spec.name == "all")
        diags.error(name_at, path + ".name",
                    "\"all\" is reserved for the aggregate of all regions");
      in.spec.stable_id = stable_id(in.spec.name.data(), in.spec.name.size());
      if (const ConfigNode* stream = item.find("stream")) {
        std::int64_t id = -1;
        if (!stream->is_scalar() || !SchemaReader::parse_int(stream->scalar, id) || id < 0 ||
            id > 4294967295LL)
          diags.error(stream->origin, path + ".stream",
                      "expected a whole number in [0, 4294967295] (the region's random stream), "
                      "found " +
                          stream->describe());
        else
          in.spec.stable_id = static_cast<std::uint32_t>(id);
      }
      if (const auto [seen, fresh] = streams.emplace(in.spec.stable_id, i); !fresh && name_ok) {
        const ConfigNode& first = regions_node->seq[seen->second];
        const ConfigNode* first_name = first.find("name");
        diags.error(item.find("stream") ? item.find("stream")->origin : name_at, path,
                    "region \"" + in.spec.name +
                        "\" would draw the same random numbers as region \"" +
                        (first_name ? first_name->scalar : std::string()) + "\" (" +
                        first.origin.file + ":" + std::to_string(first.origin.line) +
                        "): both have random stream " + std::to_string(in.spec.stable_id) +
                        "; give one of them a `stream:` key with another number (any whole "
                        "number in [0, 4294967295] that no other region uses)");
      }
      if (options.scale != 1.0 && in.spec.households > 0)
        in.spec.households = std::max<std::int64_t>(
            1, std::llround(static_cast<double>(in.spec.households) * options.scale));
      if (!in.spec.profile.empty()) {
        const ConfigNode* pn = item.find("profile");
        // Relative to the file that names the profile; a --set value has no file: the cwd.
        const fs::path base_dir =
            pn->origin.line > 0 ? fs::path(pn->origin.file).parent_path() : fs::path();
        const fs::path profile_path = base_dir / in.spec.profile;
        if (!input_exists(profile_path, options.read_file)) {
          diags.error(pn->origin, path + ".profile",
                      "expected an existing region profile file, found \"" + in.spec.profile +
                          "\" (looked for " + profile_path.string() + ")");
        } else {
          const ConfigNode& profile =
              load_profile(profile_path, diags, profile_cache, options.read_file);
          in.has_profile = profile.kind != ConfigNode::Kind::kNull;
          in.profile = &profile;
        }
      }
      if (const ConfigNode* ov = item.find("overrides")) {
        if (!ov->is_map())
          diags.error(ov->origin, path + ".overrides",
                      "expected a mapping of region keys, found " + ov->describe());
        else
          in.overrides = ov;
      }
      regions.push_back(std::move(in));
    }
  }

  // Policy schedule: entries that override region keys for a span of months.
  std::vector<PolicyEntry> policy;
  if (const ConfigNode* pol = root.find("policy"); pol && pol->kind != ConfigNode::Kind::kNull) {
    if (!pol->is_seq()) {
      diags.error(pol->origin, "policy",
                  "expected a list of {from, until, set}, found " + pol->describe());
    } else {
      for (std::size_t i = 0; i < pol->seq.size(); ++i) {
        const ConfigNode& item = pol->seq[i];
        const std::string path = "policy[" + std::to_string(i) + "]";
        if (!item.is_map()) {
          diags.error(item.origin, path,
                      "expected a mapping {from, until, set}, found " + item.describe());
          continue;
        }
        YearMonth from, until;
        std::string ignored_description;
        SchemaReader r(item, path, diags, first_year, last_year);
        r.field("from", from, Doc{"YYYY-MM", ""});
        r.field("until", until, Doc{"YYYY-MM", ""});
        r.skip("set");
        r.skip("regions");
        r.skip("description");
        r.finish();
        PolicyEntry e;
        e.from = from.index() - p.start.index();
        e.until = until.index() - p.start.index();
        e.span = from.str() + " to " + until.str();
        e.origin = item.origin;
        if (from.year > 0 && until.year > 0 && until < from)
          diags.error(
              item.find("until")->origin, path + ".until",
              "expected a month not before `from` (" + from.str() + "), found " + until.str());
        const ConfigNode* set = item.find("set");
        if (!set || !set->is_map()) {
          diags.error(set ? set->origin : item.origin, path + ".set",
                      "expected a mapping of region keys to override, found " +
                          (set ? set->describe() : std::string("nothing")));
          continue;
        }
        if (const ConfigNode* pop = set->find("population"))
          diags.error(pop->key_origin, path + ".set.population",
                      "the population is drawn once at the start; a policy cannot change it");
        e.set = *set;
        if (const ConfigNode* rn = item.find("regions")) {
          if (!rn->is_seq()) {
            diags.error(rn->origin, path + ".regions", "expected a list of region names");
          } else if (rn->seq.empty()) {
            // Read as "all regions", an empty list would change every region when the author
            // meant none: refuse it rather than guess.
            diags.error(rn->origin, path + ".regions",
                        "expected at least one region name, found an empty list (leave out "
                        "`regions` for a policy that applies to every region)");
            continue;
          } else {
            for (const auto& n : rn->seq) {
              const bool known = std::any_of(regions.begin(), regions.end(),
                                             [&](auto& reg) { return reg.spec.name == n.scalar; });
              if (!known)
                diags.error(n.origin, path + ".regions", "unknown region \"" + n.scalar + "\"");
              e.regions.push_back(n.scalar);
            }
          }
        }
        policy.push_back(std::move(e));
      }
    }
  }
  // Region blocks are checked even after problems above, so that one run reports every problem;
  // without a valid period there are no years to check their schedules against.
  if (!period_ok) diags.throw_if_any();

  // Epoch boundaries: every month at which the set of active policy entries changes.
  const int months = p.months();
  std::set<int> cuts{0};
  for (const auto& e : policy) {
    if (e.from > 0 && e.from < months) cuts.insert(e.from);
    if (e.until + 1 > 0 && e.until + 1 < months) cuts.insert(e.until + 1);
  }
  p.epoch_start.assign(cuts.begin(), cuts.end());
  for (const auto& reg : regions) p.regions.push_back(reg.spec);

  // A region's parameters before policies: the scenario's defaults, then its profile, the
  // scenario's overrides and the region's own overrides, each layer over the ones before.
  const auto region_tree = [&](const RegionInput& in) {
    ConfigNode tree = defaults;
    if (in.profile && in.profile->is_map()) merge_into(tree, *in.profile);
    merge_into(tree, overrides);
    if (in.overrides) merge_into(tree, *in.overrides);
    // Keys of `funds` and `demography` left unset take their defaults (after every layer has been
    // merged, so that each key keeps the place it was written).
    fill_missing(tree, builtin_defaults());
    return tree;
  };

  // The scenario's fingerprint: the merged scenario, then every region's parameters in every
  // epoch, hashed as they are produced rather than first gathered into one text.
  Sha256 fingerprint;
  fingerprint.add(to_canonical_string(root));
  fingerprint.add("\n");
  for (std::size_t e = 0; e < p.epoch_start.size(); ++e) {
    const int month = p.epoch_start[e];
    std::vector<RegionParams> epoch_params(regions.size());
    for (std::size_t r = 0; r < regions.size(); ++r) {
      if (!regions[r].has_profile) continue;
      ConfigNode tree = region_tree(regions[r]);
      for (const auto& entry : policy) {
        const bool active = entry.from <= month && month <= entry.until;
        const bool applies =
            entry.regions.empty() || std::find(entry.regions.begin(), entry.regions.end(),
                                               regions[r].spec.name) != entry.regions.end();
        if (active && applies) merge_into(tree, entry.set);
      }
      const std::size_t before = diags.reported();
      SchemaReader reader(tree, "", diags, first_year, last_year);
      describe(reader, epoch_params[r]);
      reader.finish();
      if (diags.reported() == before) {
        // Fund rules against the sources they allocate (a minimum that cannot be met, shares
        // that leave money without an account): errors, never silent fixes.
        const ConfigNode* funds = tree.find("funds");
        for (const auto& [key, message] : check_fund_rules(
                 epoch_params[r].funds, regions[r].spec.households, first_year, last_year)) {
          const ConfigNode* at = funds;
          std::size_t from = 0;
          while (at && from <= key.size()) {
            const std::size_t dot = std::min(key.find('.', from), key.size());
            const ConfigNode* next = at->find(key.substr(from, dot - from));
            if (!next) break;
            at = next;
            from = dot + 1;
          }
          diags.error(at ? at->origin : regions[r].origin, "funds." + key,
                      message + " (region " + regions[r].spec.name + ")");
        }
        warn_implausible(epoch_params[r], regions[r].spec, tree, regions[r].origin, first_year,
                         last_year, options.scale, diags);
      }
      fingerprint.add("{\"epoch\":" + std::to_string(e) + ",\"region\":\"" + regions[r].spec.name +
                      "\",\"params\":" + to_canonical_string(tree) + "}\n");
    }
    p.region_params.push_back(std::move(epoch_params));
  }
  warn_shadowed_overrides(options.overrides, policy, diags);
  diags.throw_if_any();
  for (const auto& w : diags.warnings()) {
    Diagnostic d = w;
    d.warning = !options.strict;
    out.warnings.push_back(d.render());
  }
  if (options.strict && !out.warnings.empty()) {
    std::string text;
    for (const auto& w : out.warnings) text += w + " (a warning; an error under --strict)\n";
    throw InputError(text);
  }

  out.resolved_sha256 = fingerprint.hex();
  return out;
}

std::optional<LoadedScenario> try_load_scenario(const fs::path& file, const LoadOptions& options,
                                                std::string& problem) {
  try {
    return load_scenario(file, options);
  } catch (const InputError& e) {
    problem = e.what();
    problem = problem.substr(0, problem.find('\n'));
    return std::nullopt;
  }
}

}  // namespace povsim
