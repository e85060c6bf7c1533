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

/// Fills a column's rows with a byte pattern of its own (`salt`, then incremented).
template <class T>
void fill_column(std::vector<T>& column, int& salt) {
  auto* bytes = reinterpret_cast<unsigned char*>(column.data());
  for (std::size_t k = 0; k < column.size() * sizeof(T); ++k)
    bytes[k] = static_cast<unsigned char>(k * 7 + static_cast<std::size_t>(salt) * 31);
  ++salt;
}
template <class T, std::size_t N>
void fill_column(std::array<std::vector<T>, N>& column, int& salt) {
  for (auto& slot : column) fill_column(slot, salt);
}

/// Byte equality (the patterns make NaNs of some floats, which compare unequal to themselves).
template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}
template <class T, std::size_t N>
bool same_bytes(const std::array<std::vector<T>, N>& a, const std::array<std::vector<T>, N>& b) {
  for (std::size_t k = 0; k < N; ++k)
    if (!same_bytes(a[k], b[k])) return false;
  return true;
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

TEST(Checkpoint, SavesEveryHouseholdColumnExactly) {
  // The households' part of a checkpoint is the region bounds and, per column vector, its length
  // and its rows: a column left out of serialize() (or saved twice) changes the size.
  const Params p = multi_region();
  TempDir dir;
  Simulation sim(p, 0);
  const Households& hh = sim.households();
  {
    CheckpointWriter w(dir / "h.ckpt");
    Households copy = hh;
    w(copy);
    w.finish();
  }
  const std::size_t n = hh.n();
  constexpr std::size_t kLength = sizeof(std::uint64_t), kHash = 32;
  EXPECT_EQ(Households::bytes_per_household(), 107u) << "a column added or removed: update this";
  EXPECT_EQ(std::filesystem::file_size(dir / "h.ckpt"),
            kLength + hh.region_begin.size() * sizeof(std::uint32_t) +
                Households::column_vectors() * kLength + n * Households::bytes_per_household() +
                kHash);
  // The whole state: households, then links and enterprises.
  save_checkpoint(dir / "c.ckpt", identity_of(p, 0), sim);
  const auto size = std::filesystem::file_size(dir / "c.ckpt");
  EXPECT_GT(size, n * Households::bytes_per_household());
  EXPECT_LT(size, n * Households::bytes_per_household() + 200'000) << "links and enterprises";
}

TEST(Checkpoint, LoadsEveryHouseholdColumnBack) {
  // Each column's rows hold a pattern of their own; a column saved or loaded in the wrong place
  // or not at all comes back different.
  const Params p = multi_region();
  TempDir dir;
  Simulation sim(p, 0);
  Households saved = sim.households();
  int salt = 1;
#define FILL_COLUMN(type, name, init, slots) fill_column(saved.name, salt);
  POVSIM_HOUSEHOLD_COLUMNS(FILL_COLUMN)
#undef FILL_COLUMN
  {
    CheckpointWriter w(dir / "h.ckpt");
    w(saved);
    w.finish();
  }
  Households loaded;
  CheckpointReader r(dir / "h.ckpt");
  r(loaded);
  r.finish();
  EXPECT_EQ(loaded.region_begin, saved.region_begin);
#define EXPECT_COLUMN(type, name, init, slots) \
  EXPECT_TRUE(same_bytes(loaded.name, saved.name)) << #name;
  POVSIM_HOUSEHOLD_COLUMNS(EXPECT_COLUMN)
#undef EXPECT_COLUMN
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

TEST_F(Damaged, ColumnOfAnotherLengthIsRefused) {
  // A file whose checksum is right but whose column lengths disagree with the households.
  Simulation sim(p, 0);
  sim.households().link_property.pop_back();
  save_checkpoint(file, identity_of(p, 0), sim);
  EXPECT_NE(refusal(identity_of(p, 0)).find("household column `link_property`"), std::string::npos)
      << refusal(identity_of(p, 0));
  sim.households().link_property.push_back(0);
  sim.households().month_income[4].push_back(0);
  save_checkpoint(file, identity_of(p, 0), sim);
  EXPECT_NE(refusal(identity_of(p, 0)).find("household column `month_income`"), std::string::npos);
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

TEST_F(Damaged, HouseholdCountOtherThanTheRegionsIsCorruptBeforeTheGraphIsBuilt) {
  // Found by fuzz/checkpoint_fuzz.cpp: with a matching checksum, a region's enterprises could
  // claim millions of households (and graph vertices), and loading allocated the graph for them
  // (1.6 GB for one 3.5 KB input) before any check.
  Simulation sim(p, 0);
  sim.step_month();
  auto& region = sim.enterprises().front();
  region.n_households = 1u << 20;  // the region has a few thousand
  region.build_graph(region.n_households + region.n());
  save_checkpoint(file, identity_of(p, 0), sim);
  EXPECT_NE(
      refusal(identity_of(p, 0)).find("corrupt: enterprises of a region of 1048576 households"),
      std::string::npos)
      << refusal(identity_of(p, 0));
  // Its own count loads (the checkpoint written in SetUp).
  write(bytes);
  EXPECT_EQ(refusal(identity_of(p, 0)), "");
}

TEST_F(Damaged, RegionBoundsOutOfOrderAreCorrupt) {
  Simulation sim(p, 0);
  sim.step_month();
  auto& bounds = sim.households().region_begin;
  ASSERT_GE(bounds.size(), 3u);
  std::swap(bounds[1], bounds[2]);
  save_checkpoint(file, identity_of(p, 0), sim);
  EXPECT_NE(refusal(identity_of(p, 0)).find("corrupt: household region bounds out of order"),
            std::string::npos)
      << refusal(identity_of(p, 0));
}

}  // namespace
}  // namespace povsim
