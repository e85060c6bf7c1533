// povsim serve: cpp-httplib (Debian's libcpp-httplib-dev) serves the embedded front-end (web/)
// and a small JSON API. Every request goes through the loader the CLI uses (load_paired, the
// same as `povsim compare`), runs wait in a bounded queue and are simulated by a fixed number of
// workers, and results are written only below the workspace, which povsim owns like an --out
// directory (engine/output/output_dir.hpp). See docs/serve.md.
#include "serve/server.hpp"

#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/input_file.hpp"
#include "output/compare.hpp"
#include "output/output_dir.hpp"
#include "output/report_assets.hpp"
#include "phases/metrics.hpp"
#include "scenario/paired_load.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/schema_table.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// Thrown from the progress callback of a cancelled run: it unwinds the simulation (TBB passes
/// it on from the replication that threw) at the end of the month being simulated.
struct Cancelled {};

struct FieldError {
  std::string key;  // the form field: a scenario key path, or scenario/region/replications/scale
  std::string message;
};

struct RunRequest {
  std::string scenario;  // a file name in the scenarios directory
  std::string region;    // "" or "all": every region of the scenario
  int replications = 0;  // 0: the scenario's own
  double scale = 1.0;
  std::vector<std::pair<std::string, std::string>> set;  // key path, value (as --set)
};

struct ScenarioInfo {
  std::string file;
  json summary;  // name, description, regions, replications, seed, period (or problem)
};

struct Job {
  int id = 0;
  RunRequest request;
  std::atomic<bool> cancel{false};
  std::atomic<std::uint64_t> done{0};
  std::uint64_t total = 1;
  // Guarded by Server::mutex_.
  std::string status = "queued";  // queued, running, done, failed, cancelled
  std::string error;
  json result;
};

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

/// A JSON scalar of the request as the text --set takes.
std::optional<std::string> override_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return format_number(v.get<double>());
  return std::nullopt;
}

/// The request's fields; unknown fields and wrong types are errors, as in a scenario file.
RunRequest parse_request(const std::string& body, std::vector<FieldError>& errors) {
  RunRequest r;
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    errors.push_back({"", std::string("request: expected a JSON object, found invalid JSON (") +
                              e.what() + ")"});
    return r;
  }
  if (!j.is_object()) {
    errors.push_back({"", "request: expected a JSON object"});
    return r;
  }
  for (const auto& [key, v] : j.items()) {
    if (key == "scenario" && v.is_string()) {
      r.scenario = v.get<std::string>();
    } else if (key == "region" && v.is_string()) {
      r.region = v.get<std::string>();
    } else if (key == "replications" && v.is_number_integer()) {
      const long long n = v.get<long long>();
      if (n < 0 || n > 100000)
        errors.push_back({key, "replications: expected 1 .. 100000, found " + std::to_string(n)});
      else
        r.replications = static_cast<int>(n);
    } else if (key == "scale" && v.is_number()) {
      r.scale = v.get<double>();
      // The range --scale accepts (engine/cli/main.cpp).
      if (!(r.scale >= 1e-6 && r.scale <= 1e4))
        errors.push_back({key, "scale: expected 1e-06 .. 10000, found " + format_number(r.scale)});
    } else if (key == "set" && v.is_object()) {
      if (v.size() > 500) errors.push_back({key, "set: expected at most 500 keys"});
      for (const auto& [path, value] : v.items()) {
        const auto text = override_text(value);
        if (!text || text->find('\n') != std::string::npos || path.empty() ||
            path.find('=') != std::string::npos)
          errors.push_back({path, path + ": expected a single-line value (number, text or "
                                         "true/false)"});
        else
          r.set.emplace_back(path, *text);
      }
    } else if (key == "scenario" || key == "region" || key == "replications" || key == "scale" ||
               key == "set") {
      errors.push_back({key, key + ": wrong type (found " + std::string(v.type_name()) + ")"});
    } else {
      errors.push_back({key, "request: unknown field `" + key +
                                 "` (expected scenario, region, replications, scale, set)"});
    }
  }
  if (r.scenario.empty() && errors.empty())
    errors.push_back({"scenario", "scenario: required (a file of the scenarios directory)"});
  return r;
}

json errors_json(const std::vector<FieldError>& errors) {
  json a = json::array();
  for (const auto& e : errors) a.push_back({{"key", e.key}, {"message", trim_newline(e.message)}});
  return json{{"errors", a}};
}

std::int64_t households_of(const Params& p) {
  std::int64_t n = 0;
  for (const auto& r : p.regions) n += r.households;
  return n;
}

/// Keeps region `r` alone, so a planner's county runs in seconds; the region keeps its stable
/// id and so its random streams (base and variant stay paired).
void keep_region(Params& p, std::size_t r) {
  p.regions = {p.regions[r]};
  for (auto& epoch : p.region_params) epoch = {epoch[r]};
}

/// YAML that reproduces the variant: extends the scenario file and sets the changed keys.
std::string scenario_yaml(const RunRequest& r, const LoadedScenario& base, int id) {
  std::string y = "# Written by povsim serve (run " + std::to_string(id) + "): " + r.scenario +
                  " with the levers changed in the form.\n# Keep it next to " + r.scenario +
                  " (extends is relative) and compare: povsim compare " + r.scenario +
                  " THIS.yaml\n";
  if (!r.region.empty() && r.region != "all")
    y += "# The served comparison simulated region " + r.region + " alone.\n";
  y += "schema: povsim/1\nextends: " + json(r.scenario).dump() + "\n";
  y += "name: " + json(base.params.name + "-serve-" + std::to_string(id)).dump() + "\n";
  y += "description: " + json("Served variant of " + base.params.name).dump() + "\n";
  if (r.replications > 0) y += "replications: " + std::to_string(r.replications) + "\n";
  // Nested mappings from the dotted paths, in path order.
  // A lever written as --set would write it: region-level keys go under `overrides:`, so they
  // beat every profile as they did in the served compare.
  std::vector<std::pair<std::string, std::string>> set;
  for (const auto& [path, value] : r.set) set.emplace_back(set_target(path), value);
  std::sort(set.begin(), set.end());
  std::vector<std::string> open;  // the mapping keys of the previous path
  for (const auto& [path, value] : set) {
    std::vector<std::string> parts;
    for (std::size_t at = 0;;) {
      const std::size_t dot = path.find('.', at);
      parts.push_back(path.substr(at, dot == std::string::npos ? dot : dot - at));
      if (dot == std::string::npos) break;
      at = dot + 1;
    }
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common])
      ++common;
    open.resize(common);
    for (std::size_t k = common; k < parts.size(); ++k) {
      y += std::string(2 * k, ' ') + parts[k] + ":";
      if (k + 1 < parts.size()) {
        y += "\n";
        open.push_back(parts[k]);
      }
    }
    // Numbers, booleans and flow collections as written; anything else as a quoted string.
    const bool plain = json::accept(value) && !value.empty() && value.front() != '"';
    const bool flow = !value.empty() && (value.front() == '{' || value.front() == '[');
    y += " " + ((plain || flow) ? value : json(value).dump()) + "\n";
  }
  return y;
}

class Server {
 public:
  explicit Server(const ServeOptions& o) : opts_(o) {
    if (opts_.max_household_months <= 0) opts_.max_household_months = 2'000'000'000LL;
    if (opts_.max_runs < 1) opts_.max_runs = 1;
  }

  int run();

 private:
  void claim_workspace();
  void list_scenarios();
  const ScenarioInfo* find_scenario(const std::string& file) const;
  /// Loads base and variant as `povsim compare` would, with field errors; empty on success.
  std::vector<FieldError> load(const RunRequest& r, std::vector<LoadedScenario>& loaded) const;
  void worker();
  void simulate(Job& job);
  json job_json(const Job& job) const;
  void routes();

  ServeOptions opts_;
  fs::path scenarios_dir_;
  fs::path workspace_;
  std::vector<ScenarioInfo> scenarios_;
  httplib::Server http_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<int, std::shared_ptr<Job>> jobs_;
  int next_id_ = 1;
  bool stopping_ = false;
};

void Server::claim_workspace() {
  workspace_ = normalised_target(opts_.workspace);
  // The --out rules: not /, the working directory or an ancestor, nor above the scenarios;
  // an existing directory must be empty or carry povsim's marker.
  // A workspace of an earlier `povsim serve` (its marker says so) is opened again as it is; the
  // files it holds are serve's own runs, which check_output_target would take for foreign ones.
  bool reopened = false;
  if (fs::is_directory(fs::symlink_status(workspace_)) && fs::exists(workspace_ / kOutputMarker)) {
    try {
      reopened =
          json::parse(read_input_file(workspace_ / kOutputMarker, "marker"))["command"] == "serve";
    } catch (const std::exception&) {
      reopened = false;
    }
  }
  if (!reopened) check_output_target(workspace_, {"serve", {scenarios_dir_}});
  fs::create_directories(workspace_);
  if (!fs::exists(workspace_ / kOutputMarker))
    write_file_checked(workspace_ / kOutputMarker, marker_json("serve"));
  fs::create_directories(workspace_ / "runs");
  // Runs of an earlier session stay: number new ones after them.
  for (const auto& e : fs::directory_iterator(workspace_ / "runs")) {
    const std::string n = e.path().filename().string();
    if (!n.empty() && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
      next_id_ = std::max(next_id_, std::stoi(n.substr(0, 9)) + 1);
  }
}

void Server::list_scenarios() {
  if (!fs::is_directory(opts_.scenarios))
    throw InputError("povsim serve: error: --scenarios " + opts_.scenarios.string() +
                     ": no such directory (of scenario YAML files)\n");
  scenarios_dir_ = fs::absolute(opts_.scenarios);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(scenarios_dir_))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    ScenarioInfo info;
    info.file = f.filename().string();
    std::string problem;
    const auto loaded = try_load_scenario(f, {}, problem);
    if (!loaded) {
      info.summary = {{"file", info.file}, {"problem", trim_newline(problem)}};
    } else {
      const Params& p = loaded->params;
      json regions = json::array();
      for (const auto& r : p.regions)
        regions.push_back({{"name", r.name}, {"households", r.households}});
      info.summary = {{"file", info.file},
                      {"name", p.name},
                      {"description", p.description},
                      {"regions", regions},
                      {"replications", p.replications},
                      {"seed", p.seed},
                      {"start", p.start.str()},
                      {"end", p.end.str()},
                      {"epochs", p.epoch_start.size()}};
    }
    scenarios_.push_back(std::move(info));
  }
  if (scenarios_.empty())
    throw InputError("povsim serve: error: --scenarios " + opts_.scenarios.string() +
                     ": no .yaml files in it\n");
}

const ScenarioInfo* Server::find_scenario(const std::string& file) const {
  for (const auto& s : scenarios_)
    if (s.file == file) return &s;
  return nullptr;
}

std::vector<FieldError> Server::load(const RunRequest& r,
                                     std::vector<LoadedScenario>& loaded) const {
  const ScenarioInfo* info = find_scenario(r.scenario);
  if (info == nullptr)
    return {{"scenario", "scenario: no file `" + r.scenario + "` in " + scenarios_dir_.string()}};
  const fs::path file = scenarios_dir_ / info->file;
  LoadOptions common;
  common.scale = r.scale;
  if (r.replications > 0)
    common.overrides.push_back("replications=" + std::to_string(r.replications));
  std::vector<std::string> set;
  for (const auto& [k, v] : r.set) set.push_back(k + "=" + v);
  try {
    loaded = load_paired({{file, {}}, {file, set}}, common);
  } catch (const InputError& e) {
    // Which field: the base alone (scenario, replications, scale), else each changed key alone.
    std::string problem;
    if (!try_load_scenario(file, common, problem))
      return {{r.replications > 0 ? "replications" : "scenario", e.what()}};
    std::vector<FieldError> errors;
    for (const auto& [k, v] : r.set) {
      LoadOptions one = common;
      one.overrides.push_back(k + "=" + v);
      try {
        load_scenario(file, one);
      } catch (const InputError& field) {
        errors.push_back({k, field.what()});
      }
    }
    if (errors.empty()) errors.push_back({"", e.what()});  // only the keys together fail
    return errors;
  }
  const Params& base = loaded.front().params;
  if (!r.region.empty() && r.region != "all") {
    std::size_t idx = base.regions.size();
    std::string names;
    for (std::size_t k = 0; k < base.regions.size(); ++k) {
      if (base.regions[k].name == r.region) idx = k;
      names += (k ? ", " : "") + base.regions[k].name;
    }
    if (idx == base.regions.size())
      return {{"region", "region: expected all or one of " + names + ", found " + r.region}};
    for (auto& l : loaded) keep_region(l.params, idx);
  }
  const double hm = 2.0 * static_cast<double>(households_of(loaded.front().params)) *
                    loaded.front().params.months() * loaded.front().params.replications;
  if (hm > static_cast<double>(opts_.max_household_months))
    return {{"replications",
             "replications: this compare simulates " + format_number(hm) +
                 " household-months, more than this server's bound of " +
                 std::to_string(opts_.max_household_months) +
                 " (--max-household-months): choose one region, fewer replications or a "
                 "smaller scale"}};
  return {};
}

void Server::simulate(Job& job) {
  std::vector<LoadedScenario> loaded;
  if (auto errors = load(job.request, loaded); !errors.empty())
    throw InputError(errors.front().message);
  const auto start = std::chrono::steady_clock::now();
  const Params& a = loaded[0].params;
  const std::uint64_t each =
      static_cast<std::uint64_t>(households_of(a)) * a.months() * a.replications;
  std::vector<RunResult> runs;
  for (std::size_t s = 0; s < loaded.size(); ++s) {
    RunSettings settings;
    settings.threads = opts_.threads;
    const std::uint64_t offset = each * s;
    settings.progress = [&job, offset](std::uint64_t done, std::uint64_t) {
      if (job.cancel.load(std::memory_order_relaxed)) throw Cancelled{};
      job.done.store(offset + done, std::memory_order_relaxed);
    };
    runs.push_back(run_scenario(loaded[s].params, settings));
  }
  const std::vector<NamedRun> named = {{"base", &loaded[0].params, &runs[0]},
                                       {"variant", &loaded[1].params, &runs[1]}};
  const std::string compare = compare_csv(named);
  const std::string cost = cost_csv(named);
  // What changed: every key whose value differs between base and variant, in every region and
  // every policy epoch (a --set can differ by region, and a policy entry's own values hold during
  // its months). A change that is the same in several regions of an epoch is one row naming them.
  const Params& pb_all = loaded[1].params;
  json changes = json::array();
  const std::size_t n_epochs = std::min(a.region_params.size(), pb_all.region_params.size());
  for (std::size_t e = 0; e < n_epochs; ++e) {
    const std::string from = YearMonth::from_index(a.start.index() + a.epoch_start[e]).str();
    std::map<std::array<std::string, 3>, std::vector<std::string>> where;  // key, base, variant
    std::vector<std::array<std::string, 4>> order;                         // + unit, first seen
    for (std::size_t r = 0; r < a.regions.size() && r < pb_all.regions.size(); ++r) {
      RegionParams pa = a.region(static_cast<int>(e), r);
      RegionParams pb = pb_all.region(static_cast<int>(e), r);
      SchemaTable ta, tb;
      describe(ta, pa);
      describe(tb, pb);
      for (std::size_t k = 0; k < ta.rows().size() && k < tb.rows().size(); ++k) {
        const auto& ra = ta.rows()[k];
        const auto& rb = tb.rows()[k];
        if (ra.value == rb.value) continue;
        auto& regions = where[{ra.path, ra.value, rb.value}];
        if (regions.empty()) order.push_back({ra.path, ra.value, rb.value, ra.unit});
        regions.push_back(a.regions[r].name);
      }
    }
    for (const auto& [key, base_value, variant_value, unit] : order) {
      const auto& regions = where[{key, base_value, variant_value}];
      changes.push_back({{"key", key},
                         {"unit", unit},
                         {"base", base_value},
                         {"variant", variant_value},
                         {"from", from},
                         {"regions", regions.size() == a.regions.size() && a.regions.size() > 1
                                         ? json("all")
                                         : json(regions)}});
    }
  }
  const std::string yaml = scenario_yaml(job.request, loaded[0], job.id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  json result = {{"compare", compare},
                 {"cost", cost},
                 {"changes", changes},
                 {"seed", a.seed},
                 {"replications", a.replications},
                 {"households", households_of(a)},
                 {"months", a.months()},
                 {"seconds", seconds},
                 {"region", job.request.region.empty() ? "all" : job.request.region}};
  // Kept in the workspace (runs/ID), written atomically like any povsim result.
  OutputDir out(workspace_ / "runs" / std::to_string(job.id),
                {"serve", {scenarios_dir_ / job.request.scenario}});
  out.write("compare.csv", compare);
  out.write("cost.csv", cost);
  out.write("scenario.yaml", yaml);
  out.write("result.json", result.dump(1) + "\n");
  out.commit();
  result["yaml"] = yaml;
  std::lock_guard lock(mutex_);
  job.result = std::move(result);
}

void Server::worker() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      if (job->cancel) continue;  // cancelled while queued (status set then)
      job->status = "running";
    }
    std::string status = "done", error;
    try {
      simulate(*job);
    } catch (const Cancelled&) {
      status = "cancelled";
    } catch (const std::exception& e) {
      status = "failed";
      error = trim_newline(e.what());
    }
    std::lock_guard lock(mutex_);
    job->status = status;
    job->error = error;
  }
}

json Server::job_json(const Job& job) const {
  json j = {
      {"id", job.id},
      {"status", job.status},
      {"progress", std::min(1.0, static_cast<double>(job.done.load()) /
                                     static_cast<double>(std::max<std::uint64_t>(job.total, 1)))},
      {"scenario", job.request.scenario},
      {"region", job.request.region}};
  if (!job.error.empty()) j["error"] = job.error;
  if (job.status == "done") j["result"] = job.result;
  return j;
}

void Server::routes() {
  for (const auto& f : web_files()) {
    const std::string name(f.name);
    const std::string type = name.ends_with(".html")  ? "text/html; charset=utf-8"
                             : name.ends_with(".css") ? "text/css; charset=utf-8"
                                                      : "text/javascript; charset=utf-8";
    const std::string text(f.text);
    http_.Get(name == "index.html" ? "/" : "/" + name,
              [text, type](const httplib::Request&, httplib::Response& res) {
                res.set_content(text, type.c_str());
              });
  }
  for (const auto& a : report_assets()) {
    const std::string text(a.text);
    http_.Get("/vendor/" + std::string(a.name),
              [text](const httplib::Request&, httplib::Response& res) {
                res.set_header("Cache-Control", "max-age=86400");
                res.set_content(text, "text/javascript; charset=utf-8");
              });
  }
  http_.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
    json a = json::array();
    for (const auto& s : scenarios_) a.push_back(s.summary);
    res.set_content(json{{"scenarios", a}}.dump(), "application/json");
  });
  // Browsers ask for it on their own; an empty answer keeps their console free of 404s.
  http_.Get("/favicon.ico",
            [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
  http_.Get("/api/metrics", [](const httplib::Request&, httplib::Response& res) {
    json a = json::array();
    for (const auto& m : metric_table())
      a.push_back({{"name", m.name}, {"unit", m.unit}, {"definition", m.definition}});
    res.set_content(json{{"metrics", a}}.dump(), "application/json");
  });
  http_.Get("/api/schema", [this](const httplib::Request& req, httplib::Response& res) {
    const ScenarioInfo* info = find_scenario(req.get_param_value("scenario"));
    if (info == nullptr) {
      res.status = 404;
      res.set_content(
          errors_json({{"scenario", "scenario: not in the scenarios directory"}}).dump(),
          "application/json");
      return;
    }
    std::string problem;
    const auto loaded = try_load_scenario(scenarios_dir_ / info->file, {}, problem);
    if (!loaded) {
      res.status = 400;
      res.set_content(errors_json({{"scenario", problem}}).dump(), "application/json");
      return;
    }
    std::size_t idx = 0;
    const std::string region = req.get_param_value("region");
    for (std::size_t k = 0; k < loaded->params.regions.size(); ++k)
      if (loaded->params.regions[k].name == region) idx = k;
    RegionParams values = loaded->params.region(0, idx);
    SchemaTable table;
    describe(table, values);
    json rows = json::array();
    for (const auto& r : table.rows())
      rows.push_back({{"key", r.path},
                      {"type", r.type},
                      {"unit", r.unit},
                      {"range", r.range},
                      {"value", r.value},
                      {"text", r.text},
                      {"text_zh", r.text_zh},
                      {"lever", r.lever}});
    res.set_content(json{{"rows", rows}}.dump(), "application/json");
  });
  http_.Post("/api/validate", [this](const httplib::Request& req, httplib::Response& res) {
    std::vector<FieldError> errors;
    const RunRequest r = parse_request(req.body, errors);
    std::vector<LoadedScenario> loaded;
    if (errors.empty()) errors = load(r, loaded);
    res.set_content(errors_json(errors).dump(), "application/json");
  });
  http_.Post("/api/runs", [this](const httplib::Request& req, httplib::Response& res) {
    std::vector<FieldError> errors;
    RunRequest r = parse_request(req.body, errors);
    std::vector<LoadedScenario> loaded;
    if (errors.empty()) errors = load(r, loaded);
    if (!errors.empty()) {
      res.status = 400;
      res.set_content(errors_json(errors).dump(), "application/json");
      return;
    }
    auto job = std::make_shared<Job>();
    job->request = std::move(r);
    const Params& a = loaded.front().params;
    job->total = 2 * static_cast<std::uint64_t>(households_of(a)) * a.months() * a.replications;
    std::lock_guard lock(mutex_);
    if (static_cast<int>(queue_.size()) >= opts_.max_queued) {
      res.status = 429;
      res.set_content(errors_json({{"", "the queue is full (" + std::to_string(opts_.max_queued) +
                                            " runs waiting): cancel one or wait"}})
                          .dump(),
                      "application/json");
      return;
    }
    job->id = next_id_++;
    jobs_[job->id] = job;
    // Finished runs beyond the last 200 are forgotten here (their files stay in the workspace).
    while (jobs_.size() > 200 && jobs_.begin()->second->status != "queued" &&
           jobs_.begin()->second->status != "running")
      jobs_.erase(jobs_.begin());
    queue_.push_back(job);
    wake_.notify_one();
    res.status = 202;
    res.set_content(json{{"id", job->id}}.dump(), "application/json");
  });
  http_.Get("/api/runs", [this](const httplib::Request&, httplib::Response& res) {
    json a = json::array();
    std::lock_guard lock(mutex_);
    for (const auto& [id, job] : jobs_) {
      json j = job_json(*job);
      j.erase("result");
      a.push_back(j);
    }
    res.set_content(json{{"runs", a}}.dump(), "application/json");
  });
  auto with_job = [this](const httplib::Request& req, httplib::Response& res,
                         const std::function<void(Job&)>& f) {
    int id = 0;
    try {
      id = std::stoi(req.matches[1].str());
    } catch (const std::exception&) {
    }
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) {
      res.status = 404;
      res.set_content(errors_json({{"", "no run " + req.matches[1].str()}}).dump(),
                      "application/json");
      return;
    }
    f(*it->second);
  };
  http_.Get(
      R"(/api/runs/(\d+))", [with_job, this](const httplib::Request& req, httplib::Response& res) {
        with_job(req, res,
                 [&](Job& job) { res.set_content(job_json(job).dump(), "application/json"); });
      });
  http_.Delete(R"(/api/runs/(\d+))",
               [with_job, this](const httplib::Request& req, httplib::Response& res) {
                 with_job(req, res, [&](Job& job) {
                   job.cancel = true;
                   if (job.status == "queued") job.status = "cancelled";
                   res.set_content(job_json(job).dump(), "application/json");
                 });
               });
  http_.Get(R"(/api/runs/(\d+)/scenario\.yaml)", [with_job](const httplib::Request& req,
                                                            httplib::Response& res) {
    with_job(req, res, [&](Job& job) {
      if (job.status != "done") {
        res.status = 409;
        res.set_content(
            errors_json({{"", "run " + std::to_string(job.id) + " is " + job.status}}).dump(),
            "application/json");
        return;
      }
      res.set_header("Content-Disposition",
                     "attachment; filename=\"serve-" + std::to_string(job.id) + ".yaml\"");
      res.set_content(job.result["yaml"].get<std::string>(), "text/yaml; charset=utf-8");
    });
  });
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

/// Whether a Host header names this machine: localhost, 127.x.y.z or [::1], with any port.
bool names_this_machine(std::string host) {
  if (host.starts_with("[")) {
    const std::size_t close = host.find(']');
    return close != std::string::npos && host.substr(1, close - 1) == "::1";
  }
  if (const std::size_t colon = host.rfind(':'); colon != std::string::npos) host.resize(colon);
  return host == "localhost" || host.starts_with("127.");
}

int Server::run() {
  list_scenarios();
  claim_workspace();
  routes();
  // DNS rebinding: a page from another site can make the browser send requests to 127.0.0.1
  // under its own name. On a loopback address only requests naming this machine are answered.
  if (is_loopback(opts_.host))
    http_.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!req.has_header("Host") || names_this_machine(req.get_header_value("Host")))
        return httplib::Server::HandlerResponse::Unhandled;
      res.status = 403;
      res.set_content(json{{"error",
                            "povsim serve answers only requests for localhost or "
                            "127.0.0.1 (Host: " +
                                req.get_header_value("Host") + ")"}}
                          .dump(),
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    });
  http_.set_payload_max_length(opts_.max_body);
  // A browser opens up to six connections to the server and keeps each alive while idle, and a
  // kept-alive connection holds its worker: with fewer workers than that, the page's last script
  // waited out another connection's keep-alive (5 s of a 5.1 s first load). Sixteen workers serve
  // two open tabs at once; an idle connection is let go after 2 s. Runs have their own workers.
  http_.new_task_queue = [] { return new httplib::ThreadPool(16); };
  http_.set_keep_alive_timeout(2);
  // SIGINT/SIGTERM are taken by a thread of their own (blocked here before any thread starts),
  // which stops the server outside of a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int port = opts_.port;
  if (port == 0) {
    port = http_.bind_to_any_port(opts_.host);
  } else if (!http_.bind_to_port(opts_.host, port)) {
    port = -1;
  }
  if (port < 0)
    throw InputError("povsim serve: error: cannot listen on " + opts_.host + ":" +
                     std::to_string(opts_.port) + " (in use, or not an address of this machine)\n");
  std::vector<std::thread> workers;
  for (int k = 0; k < opts_.max_runs; ++k) workers.emplace_back([this] { worker(); });
  std::thread waiter([this, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    http_.stop();
  });
  std::printf("povsim serve: listening on http://%s:%d/ (workspace %s, %zu scenarios)\n",
              opts_.host.c_str(), port, workspace_.c_str(), scenarios_.size());
  std::fflush(stdout);
  http_.listen_after_bind();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->cancel = true;
  }
  wake_.notify_all();
  for (auto& w : workers) w.join();
  // The waiter still blocks in sigwait if the server stopped for another reason: wake it.
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
  std::printf("povsim serve: stopped\n");
  return 0;
}

}  // namespace

int serve(const ServeOptions& options) {
  Server server(options);
  return server.run();
}

}  // namespace povsim
