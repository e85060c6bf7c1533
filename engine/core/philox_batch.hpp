#pragma once
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"

namespace povsim {

/// Philox4x32-10 words for entities first … first+n-1 with the same (region, month, stream):
/// out_k[j] is word k of Rng::words(first + j, region, month, stream). The result is identical
/// to Random123's; on CPUs with AVX-512F sixteen counters go through the rounds at once, with
/// AVX2 eight (Random123 itself offers no SIMD Philox), elsewhere the library's scalar code runs.
void philox_batch(const Rng& rng, std::uint32_t first, std::size_t n, std::uint32_t region,
                  std::uint32_t month, Stream stream, std::uint32_t* out0, std::uint32_t* out1,
                  std::uint32_t* out2, std::uint32_t* out3);

/// The same for a list of entities: out_k[j] is word k of
/// Rng::words(entities[j], region, month, stream, draw).
void philox_batch(const Rng& rng, const std::uint32_t* entities, std::size_t n,
                  std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t draw,
                  std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                  std::uint32_t* out3);

/// The lanes philox_batch puts through the rounds at once, the widest this CPU supports.
enum class PhiloxPath : int { kScalar = 0, kAvx2 = 1, kAvx512 = 2 };
PhiloxPath philox_batch_path();

/// philox_batch through `path` or, if this CPU lacks it, the widest it has (for tests: every
/// path must give Random123's words).
void philox_batch_via(PhiloxPath path, const Rng& rng, std::uint32_t first, std::size_t n,
                      std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t* out0,
                      std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3);
void philox_batch_via(PhiloxPath path, const Rng& rng, const std::uint32_t* entities, std::size_t n,
                      std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t draw,
                      std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                      std::uint32_t* out3);

}  // namespace povsim
