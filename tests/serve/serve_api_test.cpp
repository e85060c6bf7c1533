// The HTTP API of `povsim serve`, through the real program: it is started on a free port of the
// loopback address with a workspace of its own, and driven with cpp-httplib's client.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "support/process.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using testing::read_file;
using testing::run_povsim;
using testing::Spawned;
using testing::TempDir;

/// povsim serve on tests/data (small scenarios) with a fresh workspace; stopped with SIGINT.
class Server {
 public:
  explicit Server(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"serve",
                                     "--port",
                                     "0",
                                     "--scenarios",
                                     data_dir(),
                                     "--workspace",
                                     (dir_ / "ws").string(),
                                     "--threads",
                                     "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    process_ = std::make_unique<Spawned>(args);
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    for (int k = 0; k < 300 && port_ == 0; ++k) {
      std::smatch m;
      const std::string out = process_->stdout_so_far();
      if (std::regex_search(out, m, listening)) port_ = std::stoi(m[1].str());
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (port_ == 0) ADD_FAILURE() << "povsim serve did not start:\n" << process_->wait().err;
  }
  ~Server() {
    if (port_ != 0) {
      process_->kill(SIGINT);
      const auto r = process_->wait();
      EXPECT_EQ(r.exit_code, 0) << r.err;
    }
  }
  static std::string data_dir() { return std::string(POVSIM_SOURCE_DIR) + "/tests/data"; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60, 0);
    return c;
  }
  fs::path workspace() const { return dir_ / "ws"; }
  /// Polls run `id` until it is no longer queued or running (at most `seconds`).
  json wait_for(int id, double seconds) const {
    auto c = client();
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    json j;
    do {
      const auto res = c.Get("/api/runs/" + std::to_string(id));
      if (!res) return j;
      j = json::parse(res->body);
      if (j["status"] != "queued" && j["status"] != "running") return j;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < until);
    return j;
  }

 private:
  TempDir dir_;
  std::unique_ptr<Spawned> process_;
  int port_ = 0;
};

json post(const Server& s, const std::string& path, const std::string& body, int* status) {
  auto c = s.client();
  const auto res = c.Post(path.c_str(), body, "application/json");
  if (!res) {
    *status = -1;
    return {};
  }
  *status = res->status;
  return json::parse(res->body, nullptr, false);
}

TEST(ServeApi, ServesTheFrontEndAndTheChartLibrariesItEmbeds) {
  Server s;
  auto c = s.client();
  const auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("povsim serve"), std::string::npos);
  const auto vega = c.Get("/vendor/vega-lite.min.js");
  ASSERT_TRUE(vega);
  EXPECT_EQ(vega->status, 200);
  EXPECT_GT(vega->body.size(), 100000u);
  const auto list = c.Get("/api/scenarios");
  ASSERT_TRUE(list);
  const json j = json::parse(list->body);
  bool small = false;
  for (const auto& sc : j["scenarios"])
    if (sc["file"] == "small.yaml") small = sc["regions"].size() == 2;
  EXPECT_TRUE(small) << list->body.substr(0, 500);
}

TEST(ServeApi, TheSchemaCarriesEveryDescriptionInChineseBesideTheEnglish) {
  Server s;
  auto c = s.client();
  const auto res = c.Get("/api/schema?scenario=small.yaml");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 500);
  const json j = json::parse(res->body);
  bool found = false;
  for (const auto& r : j["rows"]) {
    ASSERT_TRUE(r.contains("text_zh")) << r.dump();
    EXPECT_FALSE(r["text_zh"].get<std::string>().empty()) << r["key"];
    if (r["key"] == "monitoring.grid.workers_per_1000_households") {
      found = true;
      EXPECT_EQ(r["text"], "grid workers and village cadres who screen households");
      EXPECT_EQ(r["text_zh"], "入户排查的网格员和村干部人数");
    }
  }
  EXPECT_TRUE(found) << res->body.substr(0, 500);
}

TEST(ServeApi, ValidationErrorsNameTheFieldAndItsKeyPath) {
  Server s;
  int status = 0;
  json j = post(s, "/api/runs",
                R"({"scenario":"small.yaml","set":{"monitoring.grid.workers_per_1000_households":-3,
                    "monitoring.bogus":1}})",
                &status);
  EXPECT_EQ(status, 400);
  ASSERT_EQ(j["errors"].size(), 2u) << j.dump();
  EXPECT_EQ(j["errors"][0]["key"], "monitoring.bogus");
  EXPECT_NE(j["errors"][0]["message"].get<std::string>().find("unknown key"), std::string::npos);
  EXPECT_EQ(j["errors"][1]["key"], "monitoring.grid.workers_per_1000_households");
  EXPECT_NE(j["errors"][1]["message"].get<std::string>().find("expected a number in [0, 1000]"),
            std::string::npos)
      << j.dump();

  j = post(s, "/api/runs", R"({"scenario":"small.yaml","region":"nowhere"})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(j["errors"][0]["key"], "region");
  j = post(s, "/api/runs", R"({"scenario":"../../scenarios/baseline.yaml"})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(j["errors"][0]["key"], "scenario");
  j = post(s, "/api/runs", R"({"scenario":"small.yaml","replication":3})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_NE(j["errors"][0]["message"].get<std::string>().find("unknown field `replication`"),
            std::string::npos);
  j = post(s, "/api/runs", R"({"scenario":"small.yaml","scale":0})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(j["errors"][0]["key"], "scale");
  j = post(s, "/api/runs", "{not json", &status);
  EXPECT_EQ(status, 400);
  // /api/validate answers the same without queueing anything.
  j = post(s, "/api/validate", R"({"scenario":"small.yaml","set":{"monitoring.bogus":1}})",
           &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(j["errors"][0]["key"], "monitoring.bogus");
  EXPECT_FALSE(fs::exists(s.workspace() / "runs" / "1"));
}

TEST(ServeApi, RequestBodiesAreBounded) {
  Server s({"--max-body", "2048"});
  int status = 0;
  std::string big = R"({"scenario":"small.yaml","set":{"x":")" + std::string(4000, 'a') + "\"}}";
  post(s, "/api/runs", big, &status);
  EXPECT_EQ(status, 413);
  post(s, "/api/validate", R"({"scenario":"small.yaml"})", &status);
  EXPECT_EQ(status, 200);
}

TEST(ServeApi, RequestsForAnotherHostAreRefused) {
  // DNS rebinding: a page of evil.example resolving its name to 127.0.0.1 gets nothing.
  Server s;
  httplib::Client c = s.client();
  const auto refused = c.Get("/api/scenarios", {{"Host", "evil.example"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("evil.example"), std::string::npos);
  for (const char* host : {"localhost:8765", "127.0.0.1", "[::1]:80"}) {
    const auto ok = c.Get("/api/scenarios", {{"Host", host}});
    ASSERT_TRUE(ok) << host;
    EXPECT_EQ(ok->status, 200) << host;
  }
}

TEST(ServeApi, HouseholdMonthsPerCompareAreBounded) {
  Server s({"--max-household-months", "1000000"});
  int status = 0;
  // small.yaml: 2 × 2,000 households × 60 months × 10 replications = 2.4 M household-months.
  const json j = post(s, "/api/runs", R"({"scenario":"small.yaml","replications":10})", &status);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(j["errors"][0]["key"], "replications") << j.dump();
}

TEST(ServeApi, APairedCompareEqualsPovsimCompareOfTheSavedScenario) {
  Server s;
  int status = 0;
  const json sub = post(s, "/api/runs",
                        R"({"scenario":"small.yaml","replications":3,
                            "set":{"monitoring.grid.workers_per_1000_households":5}})",
                        &status);
  ASSERT_EQ(status, 202) << sub.dump();
  const int id = sub["id"];
  const json run = s.wait_for(id, 120);
  ASSERT_EQ(run["status"], "done") << run.dump().substr(0, 2000);
  const json& r = run["result"];
  ASSERT_EQ(r["changes"].size(), 1u);
  EXPECT_EQ(r["changes"][0]["key"], "monitoring.grid.workers_per_1000_households");
  EXPECT_EQ(r["changes"][0]["variant"], "5");
  // Kept in the workspace, as a povsim result.
  const fs::path kept = s.workspace() / "runs" / std::to_string(id);
  EXPECT_TRUE(fs::exists(kept / ".povsim-output"));
  EXPECT_EQ(read_file(kept / "compare.csv"), r["compare"].get<std::string>());

  // The saved YAML, next to the scenario it extends, run through povsim compare on the CLI,
  // gives the same paired differences.
  auto c = s.client();
  const auto yaml = c.Get("/api/runs/" + std::to_string(id) + "/scenario.yaml");
  ASSERT_TRUE(yaml);
  ASSERT_EQ(yaml->status, 200);
  TempDir dir;
  std::string text = yaml->body;
  const std::string from = "extends: \"small.yaml\"";
  ASSERT_NE(text.find(from), std::string::npos) << text;
  text.replace(text.find(from), from.size(), "extends: \"" + Server::data_dir() + "/small.yaml\"");
  const fs::path variant = dir.write("variant.yaml", text);
  const auto cli =
      run_povsim({"compare", Server::data_dir() + "/small.yaml", variant.string(), "--replications",
                  "3", "--threads", "2", "--out", (dir / "cmp").string()});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  // Same rows after the two scenario-name columns.
  auto tails = [](const std::string& csv) {
    std::string out;
    std::size_t at = csv.find('\n') + 1;
    while (at < csv.size()) {
      const std::size_t end = csv.find('\n', at);
      const std::string line = csv.substr(at, end - at);
      out += line.substr(line.find(',', line.find(',') + 1)) + "\n";
      at = end + 1;
    }
    return out;
  };
  EXPECT_EQ(tails(read_file(dir / "cmp" / "compare.csv")), tails(r["compare"].get<std::string>()));
}

TEST(ServeApi, ARunningCompareCanBeCancelled) {
  Server s;
  int status = 0;
  // About 50 M household-months: minutes of work, so it is still running when cancelled.
  const json sub = post(s, "/api/runs", R"({"scenario":"small.yaml","replications":200})", &status);
  ASSERT_EQ(status, 202) << sub.dump();
  const int id = sub["id"];
  // A second run waits in the queue (one run at a time) and is cancelled there.
  const json queued = post(s, "/api/runs", R"({"scenario":"small.yaml"})", &status);
  ASSERT_EQ(status, 202);
  auto c = s.client();
  for (int k = 0; k < 200; ++k) {
    const json j = json::parse(c.Get("/api/runs/" + std::to_string(id))->body);
    if (j["status"] == "running" && j["progress"].get<double>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.Delete("/api/runs/" + std::to_string(queued["id"].get<int>())));
  ASSERT_TRUE(c.Delete("/api/runs/" + std::to_string(id)));
  const json j = s.wait_for(id, 30);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(j["status"], "cancelled") << j.dump();
  EXPECT_LT(j["progress"].get<double>(), 0.9);
  EXPECT_LT(seconds, 10.0);
  EXPECT_EQ(s.wait_for(queued["id"], 5)["status"], "cancelled");
  EXPECT_FALSE(fs::exists(s.workspace() / "runs" / std::to_string(id)));
  EXPECT_EQ(c.Delete("/api/runs/999")->status, 404);
}

TEST(ServeApi, ItsOwnWorkspaceIsOpenedAgainWithTheRunsKept) {
  TempDir dir;
  const std::string ws = (dir / "ws").string();
  const std::vector<std::string> args = {
      "serve", "--port", "0", "--scenarios", Server::data_dir(), "--workspace", ws};
  for (int session = 0; session < 2; ++session) {
    Spawned p(args);
    for (int k = 0; k < 200 && p.stdout_so_far().find("listening") == std::string::npos; ++k)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (session == 0) fs::create_directories(dir / "ws" / "runs" / "7");  // as a finished run
    p.kill(SIGINT);
    const auto r = p.wait();
    EXPECT_EQ(r.exit_code, 0) << "session " << session << ": " << r.err;
  }
  EXPECT_TRUE(fs::exists(dir / "ws" / "runs" / "7"));
}

TEST(ServeApi, AWorkspaceNotOwnedByPovsimIsRefused) {
  TempDir dir;
  dir.write("mine/notes.txt", "a planner's own file\n");
  const auto r = run_povsim({"serve", "--port", "0", "--scenarios", Server::data_dir(),
                             "--workspace", (dir / "mine").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("mine"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "mine" / "notes.txt"), "a planner's own file\n");
  EXPECT_FALSE(fs::exists(dir / "mine" / ".povsim-output"));
}

}  // namespace
}  // namespace povsim
