#include "core/philox_batch.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace povsim {
namespace {

TEST(PhiloxBatch, SameWordsAsRandom123ForEveryLengthAndOffset) {
  const Rng rng(20210101, 3);
  for (std::size_t n : {0u, 1u, 7u, 8u, 9u, 256u, 1003u}) {
    std::vector<std::uint32_t> a(n), b(n), c(n), d(n);
    philox_batch(rng, 4000000000u, n, 0xABCDEF01u, 59, Stream::kIncomeMonthly, a.data(), b.data(),
                 c.data(), d.data());
    for (std::size_t j = 0; j < n; ++j) {
      const auto w = rng.words(4000000000u + static_cast<std::uint32_t>(j), 0xABCDEF01u, 59,
                               Stream::kIncomeMonthly);
      ASSERT_EQ(w[0], a[j]) << "n=" << n << " j=" << j;
      ASSERT_EQ(w[1], b[j]);
      ASSERT_EQ(w[2], c[j]);
      ASSERT_EQ(w[3], d[j]);
    }
  }
}

TEST(PhiloxBatch, ListedEntitiesGiveRandom123sWordsWithTheirDraw) {
  const Rng rng(7, 1);
  for (std::size_t n : {0u, 1u, 8u, 15u, 16u, 17u, 301u}) {
    std::vector<std::uint32_t> entities(n), a(n), b(n), c(n), d(n);
    for (std::size_t j = 0; j < n; ++j)  // scattered, repeated and extreme ids
      entities[j] = j % 5 == 0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(j * 2654435761u % 977u);
    philox_batch(rng, entities.data(), n, 12, 30, Stream::kFunds, 2u << 20, a.data(), b.data(),
                 c.data(), d.data());
    for (std::size_t j = 0; j < n; ++j) {
      const auto w = rng.words(entities[j], 12, 30, Stream::kFunds, 2u << 20);
      ASSERT_EQ(w[0], a[j]) << "n=" << n << " j=" << j;
      ASSERT_EQ(w[1], b[j]);
      ASSERT_EQ(w[2], c[j]);
      ASSERT_EQ(w[3], d[j]);
    }
  }
}

}  // namespace
}  // namespace povsim
