#pragma once
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"

namespace povsim {

/// Philox4x32-10 words for entities first … first+n-1 with the same (region, month, stream):
/// out_k[j] is word k of Rng::words(first + j, region, month, stream). The result is identical
/// to Random123's; on CPUs with AVX2 eight counters go through the rounds at once (Random123
/// itself offers no SIMD Philox), elsewhere the library's scalar code runs.
void philox_batch(const Rng& rng, std::uint32_t first, std::size_t n, std::uint32_t region,
                  std::uint32_t month, Stream stream, std::uint32_t* out0, std::uint32_t* out1,
                  std::uint32_t* out2, std::uint32_t* out3);

/// The same for a list of entities: out_k[j] is word k of
/// Rng::words(entities[j], region, month, stream, draw).
void philox_batch(const Rng& rng, const std::uint32_t* entities, std::size_t n,
                  std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t draw,
                  std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                  std::uint32_t* out3);

/// Whether philox_batch uses its AVX2 path on this CPU.
bool philox_batch_uses_avx2();

}  // namespace povsim
