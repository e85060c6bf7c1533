// Checkpoints in process: a simulation saved mid-run and loaded into a fresh one continues with
// the same numbers; damaged or foreign files are refused with a clear message.
#include "sim/checkpoint.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "core/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;
using testing::TempDir;

Params multi_region() { return load_scenario(data_file("multi-region.yaml")).params; }

CheckpointIdentity identity_of(const Params& p, std::uint32_t replication) {
  CheckpointIdentity id;
  id.scenario_sha256 = "abc";
  id.seed = static_cast<std::uint64_t>(p.seed);
  id.replication = replication;
  id.region_end = p.regions.size();
  for (const auto& r : p.regions) id.households += static_cast<std::uint64_t>(r.households);
  id.months = p.months();
  return id;
}

ReplicationResult run_to_end(Simulation& sim) {
  while (!sim.done()) sim.step_month();
  return sim.take_result();
}

void expect_same(const ReplicationResult& a, const ReplicationResult& b) {
  ASSERT_EQ(a.years, b.years);
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t y = 0; y < a.values.size(); ++y) {
    ASSERT_EQ(a.values[y].size(), b.values[y].size());
    for (std::size_t r = 0; r < a.values[y].size(); ++r)
      EXPECT_EQ(std::memcmp(a.values[y][r].data(), b.values[y][r].data(), sizeof(MetricValues)), 0)
          << "year " << a.years[y] << " region " << r;
  }
}

class CheckpointAt : public ::testing::TestWithParam<int> {};

TEST_P(CheckpointAt, ResumedRunEqualsTheUninterruptedOneBitForBit) {
  const Params p = multi_region();
  TempDir dir;
  Simulation whole(p, 1);
  const ReplicationResult expected = run_to_end(whole);

  Simulation first(p, 1);
  while (first.month() < GetParam()) first.step_month();
  const auto file = dir / "c.ckpt";
  save_checkpoint(file, identity_of(p, 1), first);
  Simulation resumed(p, 1, single_process(), Simulation::Unbuilt{});
  load_checkpoint(file, identity_of(p, 1), resumed);
  EXPECT_EQ(resumed.month(), GetParam());
  expect_same(run_to_end(resumed), expected);
}

// January (after a year end), mid-year, and a December (just before the year closes).
INSTANTIATE_TEST_SUITE_P(Months, CheckpointAt, ::testing::Values(0, 12, 17, 35));

TEST(Checkpoint, SavesEveryHouseholdColumn) {
  // A Households column missing from serialize() would make the file smaller than this.
  const Params p = multi_region();
  TempDir dir;
  Simulation sim(p, 0);
  save_checkpoint(dir / "c.ckpt", identity_of(p, 0), sim);
  const auto n = sim.households().n();
  const auto size = std::filesystem::file_size(dir / "c.ckpt");
  EXPECT_GE(size, n * Households::bytes_per_household());
  EXPECT_LT(size, n * Households::bytes_per_household() + 200'000) << "links and enterprises";
}

class Damaged : public ::testing::Test {
 protected:
  void SetUp() override {
    Simulation sim(p, 0);
    sim.step_month();
    save_checkpoint(file, identity_of(p, 0), sim);
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  void write(const std::string& b) const { std::ofstream(file, std::ios::binary) << b; }
  std::string refusal(const CheckpointIdentity& id) const {
    Simulation sim(p, 0, single_process(), Simulation::Unbuilt{});
    try {
      load_checkpoint(file, id, sim);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
  Params p = multi_region();
  TempDir dir;
  std::filesystem::path file = dir / "c.ckpt";
  std::string bytes;
};

TEST_F(Damaged, FlippedByteIsCorrupt) {
  std::string b = bytes;
  b[b.size() / 2] = static_cast<char>(b[b.size() / 2] ^ 0x10);
  write(b);
  EXPECT_NE(refusal(identity_of(p, 0)).find("corrupt"), std::string::npos);
}

TEST_F(Damaged, CutFileIsTruncated) {
  write(bytes.substr(0, bytes.size() / 3));
  EXPECT_NE(refusal(identity_of(p, 0)).find("truncated"), std::string::npos);
  write(bytes.substr(0, 10));
  EXPECT_NE(refusal(identity_of(p, 0)).find("truncated"), std::string::npos);
}

TEST_F(Damaged, OtherFileIsNotACheckpoint) {
  write(std::string(100, 'x'));
  EXPECT_NE(refusal(identity_of(p, 0)).find("not a povsim checkpoint"), std::string::npos);
}

TEST_F(Damaged, AnotherScenarioSeedOrReplicationIsRefused) {
  CheckpointIdentity other = identity_of(p, 0);
  other.scenario_sha256 = "def";
  EXPECT_NE(refusal(other).find("scenario"), std::string::npos);
  other = identity_of(p, 0);
  other.seed += 1;
  EXPECT_NE(refusal(other).find("seed"), std::string::npos);
  other = identity_of(p, 0);
  other.replication = 1;
  EXPECT_NE(refusal(other).find("replication"), std::string::npos);
  other = identity_of(p, 0);
  other.ranks = 2;
  EXPECT_NE(refusal(other).find("same number of ranks"), std::string::npos);
  EXPECT_EQ(refusal(identity_of(p, 0)), "");
}

TEST_F(Damaged, LinksPointingNowhereAreCorruptEvenWithAGoodChecksum) {
  // Found by fuzz/checkpoint_fuzz.cpp: a file with a matching SHA-256 (crafted, or written by a
  // buggy build) whose links name an enterprise or household that does not exist made the
  // graph rebuild index past its vectors.
  for (const bool household : {false, true}) {
    Simulation sim(p, 0);
    sim.step_month();
    auto& ent = sim.enterprises();
    auto region = std::find_if(ent.begin(), ent.end(), [](auto& e) { return e.n_graph_links > 0; });
    ASSERT_NE(region, ent.end());
    if (household)
      region->links[0].household = region->n_households;
    else
      region->links[0].enterprise = static_cast<std::uint32_t>(region->n());
    save_checkpoint(file, identity_of(p, 0), sim);
    EXPECT_NE(refusal(identity_of(p, 0)).find("corrupt: enterprise links out of range"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace povsim
