#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include <cmath>
#include <cstring>
#include <set>

namespace povsim {
namespace {

TEST(Rng, SameKeyAndCounterGiveTheSameNumbers) {
  const Rng a(42, 3);
  const Rng b(42, 3);
  EXPECT_EQ(a.words(7, 11, 5, Stream::kIllness, 2), b.words(7, 11, 5, Stream::kIllness, 2));
  EXPECT_EQ(a.uniforms(7, 11, 5, Stream::kIllness, 2), b.uniforms(7, 11, 5, Stream::kIllness, 2));
}

TEST(Rng, OrderOfRequestsDoesNotMatter) {
  const Rng rng(42, 0);
  const auto first = rng.words(1, 2, 3, Stream::kDibao);
  for (std::uint32_t e = 0; e < 100; ++e) rng.words(e, 2, 3, Stream::kDibao);
  EXPECT_EQ(rng.words(1, 2, 3, Stream::kDibao), first);
}

TEST(Rng, DifferentStreamsGiveDifferentNumbers) {
  const Rng rng(42, 0);
  EXPECT_NE(rng.words(1, 2, 3, Stream::kIllness), rng.words(1, 2, 3, Stream::kAccident));
  EXPECT_NE(rng.words(1, 2, 3, Stream::kPopulation), rng.words(1, 2, 3, Stream::kIncomeMonthly));
}

TEST(Rng, DifferentEntitiesRegionsMonthsAndDrawsGiveDifferentNumbers) {
  const Rng rng(42, 0);
  const auto base = rng.words(1, 2, 3, Stream::kIllness, 0);
  EXPECT_NE(rng.words(2, 2, 3, Stream::kIllness, 0), base);
  EXPECT_NE(rng.words(1, 3, 3, Stream::kIllness, 0), base);
  EXPECT_NE(rng.words(1, 2, 4, Stream::kIllness, 0), base);
  EXPECT_NE(rng.words(1, 2, 3, Stream::kIllness, 1), base);
}

TEST(Rng, DifferentSeedsAndReplicationsGiveDifferentNumbers) {
  const auto base = Rng(42, 0).words(1, 2, 3, Stream::kIllness);
  EXPECT_NE(Rng(43, 0).words(1, 2, 3, Stream::kIllness), base);
  EXPECT_NE(Rng(42, 1).words(1, 2, 3, Stream::kIllness), base);
}

TEST(Rng, ManyEntitiesGiveDistinctWords) {
  const Rng rng(7, 0);
  std::set<std::uint32_t> seen;
  for (std::uint32_t e = 0; e < 10000; ++e) seen.insert(rng.words(e, 0, 0, Stream::kPopulation)[0]);
  EXPECT_GE(seen.size(), 9990u);  // 32-bit collisions among 10,000 draws are rare, not impossible
}

TEST(Rng, UniformsLieInTheOpenUnitInterval) {
  EXPECT_GT(Rng::to_unit(0u), 0.0);
  EXPECT_LT(Rng::to_unit(0xFFFFFFFFu), 1.0);
  const Rng rng(1, 0);
  double sum = 0;
  const int n = 20000;
  for (int e = 0; e < n; ++e) {
    for (double u : rng.uniforms(static_cast<std::uint32_t>(e), 0, 0, Stream::kPrice)) {
      ASSERT_GT(u, 0.0);
      ASSERT_LT(u, 1.0);
      sum += u;
    }
  }
  // Mean of 80,000 uniforms: sd 0.001.
  EXPECT_NEAR(sum / (4.0 * n), 0.5, 0.005);
}

TEST(LognormalUnitMean, HasMeanOneAndTheRequestedSpread) {
  const Rng rng(5, 0);
  const double cv = 0.8;
  double sum = 0, sum_sq = 0;
  const int n = 100000;
  for (int e = 0; e < n; ++e) {
    const auto u = rng.uniforms(static_cast<std::uint32_t>(e), 0, 0, Stream::kPopulation);
    const double x = lognormal_unit_mean(Rng::normals(u[0], u[1])[0], cv);
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / n;
  const double sd = std::sqrt(sum_sq / n - mean * mean);
  EXPECT_NEAR(mean, 1.0, 0.01);
  EXPECT_NEAR(sd, cv, 0.05);
  EXPECT_EQ(lognormal_unit_mean(1.5, 0.0), 1.0);
}

TEST(StableId, DependsOnlyOnTheName) {
  const char* name = "沁县";
  EXPECT_EQ(stable_id(name, std::strlen(name)), stable_id("沁县", std::strlen("沁县")));
  EXPECT_NE(stable_id("a", 1), stable_id("b", 1));
  EXPECT_EQ(stable_id("a", 1), 0xe40c292cu);  // FNV-1a reference value
}

TEST(Rng, WordsBelowIsTheSameTestAsToUnit) {
  // Near each threshold (where the two tests could part), and at the ends of the range.
  std::vector<double> ps{0.0,       -1.0, 1e-12, 0.5 * 0x1p-32, 1.5 * 0x1p-32, 0.01, 0.3, 0.5,
                         0.9999999, 1.0,  2.0};
  const Rng rng(5, 0);
  for (std::uint32_t k = 0; k < 200; ++k)
    ps.push_back(Rng::to_unit(rng.words(k, 0, 0, Stream::kSweep)[0]));
  for (double p : ps) {
    const std::uint64_t below = Rng::words_below(p);
    const double t = p * 0x1p32;
    const auto centre = static_cast<std::int64_t>(std::clamp(t, 0.0, 0x1p32));
    for (std::int64_t w = centre - 3; w <= centre + 3; ++w) {
      if (w < 0 || w > 0xFFFFFFFFll) continue;
      const auto word = static_cast<std::uint32_t>(w);
      EXPECT_EQ(word < below, Rng::to_unit(word) < p) << "p=" << p << " w=" << w;
    }
    EXPECT_EQ(0u < below, Rng::to_unit(0) < p);
    EXPECT_EQ(0xFFFFFFFFull < below, Rng::to_unit(0xFFFFFFFFu) < p);
  }
}

}  // namespace
}  // namespace povsim
