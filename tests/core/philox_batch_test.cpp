#include "core/philox_batch.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace povsim {
namespace {

// Every path this CPU has (scalar, AVX2, AVX-512), on lengths that leave every kind of tail:
// sixteen-lane groups, an eight-lane rest and a scalar rest.
const PhiloxPath kPaths[] = {PhiloxPath::kScalar, PhiloxPath::kAvx2, PhiloxPath::kAvx512};

TEST(PhiloxBatch, SameWordsAsRandom123ForEveryLengthAndOffset) {
  const Rng rng(20210101, 3);
  for (const PhiloxPath path : kPaths)
    for (std::size_t n :
         {0u, 1u, 7u, 8u, 9u, 15u, 16u, 17u, 24u, 31u, 32u, 33u, 56u, 256u, 1003u}) {
      std::vector<std::uint32_t> a(n), b(n), c(n), d(n);
      philox_batch_via(path, rng, 4000000000u, n, 0xABCDEF01u, 59, Stream::kIncomeMonthly, a.data(),
                       b.data(), c.data(), d.data());
      for (std::size_t j = 0; j < n; ++j) {
        const auto w = rng.words(4000000000u + static_cast<std::uint32_t>(j), 0xABCDEF01u, 59,
                                 Stream::kIncomeMonthly);
        ASSERT_EQ(w[0], a[j]) << "path=" << static_cast<int>(path) << " n=" << n << " j=" << j;
        ASSERT_EQ(w[1], b[j]);
        ASSERT_EQ(w[2], c[j]);
        ASSERT_EQ(w[3], d[j]);
      }
    }
}

TEST(PhiloxBatch, ListedEntitiesGiveRandom123sWordsWithTheirDraw) {
  const Rng rng(7, 1);
  for (const PhiloxPath path : kPaths)
    for (std::size_t n : {0u, 1u, 8u, 15u, 16u, 17u, 40u, 301u}) {
      std::vector<std::uint32_t> entities(n), a(n), b(n), c(n), d(n);
      for (std::size_t j = 0; j < n; ++j)  // scattered, repeated and extreme ids
        entities[j] = j % 5 == 0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(j * 2654435761u % 977u);
      philox_batch_via(path, rng, entities.data(), n, 12, 30, Stream::kFunds, 2u << 20, a.data(),
                       b.data(), c.data(), d.data());
      for (std::size_t j = 0; j < n; ++j) {
        const auto w = rng.words(entities[j], 12, 30, Stream::kFunds, 2u << 20);
        ASSERT_EQ(w[0], a[j]) << "path=" << static_cast<int>(path) << " n=" << n << " j=" << j;
        ASSERT_EQ(w[1], b[j]);
        ASSERT_EQ(w[2], c[j]);
        ASSERT_EQ(w[3], d[j]);
      }
    }
}

// The public entry points use the widest path: the same words as Random123.
TEST(PhiloxBatch, DefaultPathIsTheWidestThisCpuHas) {
  const Rng rng(11, 2);
  std::vector<std::uint32_t> a(100), b(100), c(100), d(100);
  philox_batch(rng, 5u, 100, 3, 4, Stream::kIncomeMonthly, a.data(), b.data(), c.data(), d.data());
  for (std::size_t j = 0; j < 100; ++j)
    ASSERT_EQ(rng.words(5u + static_cast<std::uint32_t>(j), 3, 4, Stream::kIncomeMonthly)[3], d[j]);
  std::printf("philox_batch path on this CPU: %d\n", static_cast<int>(philox_batch_path()));
}

}  // namespace
}  // namespace povsim
