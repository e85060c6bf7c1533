// GCC 12's avx512fintrin.h seeds _mm512_mul_epu32 and the shifts from _mm512_undefined_epi32(),
// which -Wmaybe-uninitialized reports once inlined (GCC bug 105593, fixed in GCC 13). The
// diagnostic points into the header, so it is silenced before anything includes it.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "core/philox_batch.hpp"

#include <immintrin.h>

#include <algorithm>

namespace povsim {

namespace {

// Random123's Philox4x32 constants (Random123/philox.h: PHILOX_M4x32_*, PHILOX_W32_*).
constexpr std::uint32_t kM0 = 0xD2511F53u;
constexpr std::uint32_t kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u;
constexpr std::uint32_t kW1 = 0xBB67AE85u;

/// 32x32->64 products of eight lanes: low and high halves back in their lanes.
__attribute__((target("avx2"))) inline void mulhilo8(__m256i x, __m256i m, __m256i& lo,
                                                     __m256i& hi) {
  const __m256i even = _mm256_mul_epu32(x, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0b10101010);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0b10101010);
}

/// Philox4x32-10 rounds on G groups of eight counters at once (independent multiplies overlap).
template <int G>
__attribute__((target("avx2"), always_inline)) inline void rounds_avx2(
    std::uint32_t k0, std::uint32_t k1, __m256i (&x0)[G], __m256i (&x1)[G], __m256i (&x2)[G],
    __m256i (&x3)[G]) {
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kW0;
      k1 += kW1;
    }
    const __m256i a = _mm256_set1_epi32(static_cast<int>(k0));
    const __m256i b = _mm256_set1_epi32(static_cast<int>(k1));
    for (int g = 0; g < G; ++g) {
      __m256i lo0, hi0, lo1, hi1;
      mulhilo8(x0[g], m0, lo0, hi0);
      mulhilo8(x2[g], m1, lo1, hi1);
      x0[g] = _mm256_xor_si256(_mm256_xor_si256(hi1, x1[g]), a);
      x2[g] = _mm256_xor_si256(_mm256_xor_si256(hi0, x3[g]), b);
      x1[g] = lo1;
      x3[g] = lo0;
    }
  }
}

__attribute__((target("avx2"), always_inline)) inline void store4(
    std::size_t j, __m256i a, __m256i b, __m256i c, __m256i d, std::uint32_t* out0,
    std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out0 + j), a);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out1 + j), b);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out2 + j), c);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out3 + j), d);
}

/// Eight (G·8) counters at a time through the rounds; `entity(j)` loads the first counter words
/// of entities j … j+7 (consecutive, or gathered from a list).
template <typename Entities>
__attribute__((target("avx2"))) void batch_avx2(std::uint32_t k0, std::uint32_t k1, std::size_t n,
                                                std::uint32_t c1, std::uint32_t c2,
                                                std::uint32_t c3, Entities entity,
                                                std::uint32_t* out0, std::uint32_t* out1,
                                                std::uint32_t* out2, std::uint32_t* out3) {
  constexpr int G = 2;
  std::size_t j = 0;
  for (; j + 8 * G <= n; j += 8 * G) {
    __m256i x0[G], x1[G], x2[G], x3[G];
    for (int g = 0; g < G; ++g) {
      x0[g] = entity(j + 8 * static_cast<std::size_t>(g));
      x1[g] = _mm256_set1_epi32(static_cast<int>(c1));
      x2[g] = _mm256_set1_epi32(static_cast<int>(c2));
      x3[g] = _mm256_set1_epi32(static_cast<int>(c3));
    }
    rounds_avx2<G>(k0, k1, x0, x1, x2, x3);
    for (int g = 0; g < G; ++g)
      store4(j + 8 * static_cast<std::size_t>(g), x0[g], x1[g], x2[g], x3[g], out0, out1, out2,
             out3);
  }
  for (; j + 8 <= n; j += 8) {
    __m256i x0[1] = {entity(j)};
    __m256i x1[1] = {_mm256_set1_epi32(static_cast<int>(c1))};
    __m256i x2[1] = {_mm256_set1_epi32(static_cast<int>(c2))};
    __m256i x3[1] = {_mm256_set1_epi32(static_cast<int>(c3))};
    rounds_avx2<1>(k0, k1, x0, x1, x2, x3);
    store4(j, x0[0], x1[0], x2[0], x3[0], out0, out1, out2, out3);
  }
}

/// The same rounds on sixteen lanes (AVX-512F): the multiplies, shifts and blends of mulhilo8
/// on zmm registers, the odd lanes picked by mask.
__attribute__((target("avx512f"))) inline void mulhilo16(__m512i x, __m512i m, __m512i& lo,
                                                         __m512i& hi) {
  const __m512i even = _mm512_mul_epu32(x, m);
  const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), m);
  lo = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
}

template <int G>
__attribute__((target("avx512f"), always_inline)) inline void rounds_avx512(
    std::uint32_t k0, std::uint32_t k1, __m512i (&x0)[G], __m512i (&x1)[G], __m512i (&x2)[G],
    __m512i (&x3)[G]) {
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kM0));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(kM1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kW0;
      k1 += kW1;
    }
    const __m512i a = _mm512_set1_epi32(static_cast<int>(k0));
    const __m512i b = _mm512_set1_epi32(static_cast<int>(k1));
    for (int g = 0; g < G; ++g) {
      __m512i lo0, hi0, lo1, hi1;
      mulhilo16(x0[g], m0, lo0, hi0);
      mulhilo16(x2[g], m1, lo1, hi1);
      x0[g] = _mm512_xor_si512(_mm512_xor_si512(hi1, x1[g]), a);
      x2[g] = _mm512_xor_si512(_mm512_xor_si512(hi0, x3[g]), b);
      x1[g] = lo1;
      x3[g] = lo0;
    }
  }
}

/// Sixteen (G·16) counters at a time; n must be a multiple of 16.
template <typename Entities>
__attribute__((target("avx512f"))) void batch_avx512(std::uint32_t k0, std::uint32_t k1,
                                                     std::size_t n, std::uint32_t c1,
                                                     std::uint32_t c2, std::uint32_t c3,
                                                     Entities entity, std::uint32_t* out0,
                                                     std::uint32_t* out1, std::uint32_t* out2,
                                                     std::uint32_t* out3) {
  constexpr int G = 2;
  auto store = [&](std::size_t j, const __m512i(&w)[4]) __attribute__((target("avx512f"))) {
    _mm512_storeu_si512(out0 + j, w[0]);
    _mm512_storeu_si512(out1 + j, w[1]);
    _mm512_storeu_si512(out2 + j, w[2]);
    _mm512_storeu_si512(out3 + j, w[3]);
  };
  std::size_t j = 0;
  for (; j + 16 * G <= n; j += 16 * G) {
    __m512i x0[G], x1[G], x2[G], x3[G];
    for (int g = 0; g < G; ++g) {
      x0[g] = entity.load16(j + 16 * static_cast<std::size_t>(g));
      x1[g] = _mm512_set1_epi32(static_cast<int>(c1));
      x2[g] = _mm512_set1_epi32(static_cast<int>(c2));
      x3[g] = _mm512_set1_epi32(static_cast<int>(c3));
    }
    rounds_avx512<G>(k0, k1, x0, x1, x2, x3);
    for (int g = 0; g < G; ++g)
      store(j + 16 * static_cast<std::size_t>(g), {x0[g], x1[g], x2[g], x3[g]});
  }
  for (; j + 16 <= n; j += 16) {
    __m512i x0[1] = {entity.load16(j)};
    __m512i x1[1] = {_mm512_set1_epi32(static_cast<int>(c1))};
    __m512i x2[1] = {_mm512_set1_epi32(static_cast<int>(c2))};
    __m512i x3[1] = {_mm512_set1_epi32(static_cast<int>(c3))};
    rounds_avx512<1>(k0, k1, x0, x1, x2, x3);
    store(j, {x0[0], x1[0], x2[0], x3[0]});
  }
}

/// Entities first+j (the AVX2 path loads eight at once).
struct Consecutive {
  std::uint32_t first;
  __attribute__((target("avx2"), always_inline)) __m256i operator()(std::size_t j) const {
    return _mm256_add_epi32(
        _mm256_set1_epi32(static_cast<int>(first + static_cast<std::uint32_t>(j))),
        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  __attribute__((target("avx512f"), always_inline)) __m512i load16(std::size_t j) const {
    return _mm512_add_epi32(
        _mm512_set1_epi32(static_cast<int>(first + static_cast<std::uint32_t>(j))),
        _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  }
  std::uint32_t at(std::size_t j) const { return first + static_cast<std::uint32_t>(j); }
  Consecutive from(std::size_t j) const { return {first + static_cast<std::uint32_t>(j)}; }
};

/// Entities entities[j].
struct Listed {
  const std::uint32_t* entities;
  __attribute__((target("avx2"), always_inline)) __m256i operator()(std::size_t j) const {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(entities + j));
  }
  __attribute__((target("avx512f"), always_inline)) __m512i load16(std::size_t j) const {
    return _mm512_loadu_si512(entities + j);
  }
  std::uint32_t at(std::size_t j) const { return entities[j]; }
  Listed from(std::size_t j) const { return {entities + j}; }
};

PhiloxPath detect_path() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return PhiloxPath::kAvx512;
  if (__builtin_cpu_supports("avx2")) return PhiloxPath::kAvx2;
  return PhiloxPath::kScalar;
}

}  // namespace

PhiloxPath philox_batch_path() {
  static const PhiloxPath path = detect_path();
  return path;
}

namespace {

/// Words of n entities: sixteen at a time with AVX-512, eight with AVX2, the rest (and CPUs
/// with neither) with Random123 itself.
template <typename Entities>
void generate(PhiloxPath path, const Rng& rng, Entities entities, std::size_t n,
              std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t draw,
              std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3) {
  const std::uint32_t c3 = (static_cast<std::uint32_t>(stream) << 24) ^ draw;
  std::size_t done = 0;
  if (path == PhiloxPath::kAvx512) {
    done = n - n % 16;
    batch_avx512(rng.key_word(0), rng.key_word(1), done, region, month, c3, entities, out0, out1,
                 out2, out3);
  }
  if (path != PhiloxPath::kScalar) {
    const std::size_t left = (n - done) - (n - done) % 8;
    const auto shift = [done](std::uint32_t* out) { return out + done; };
    batch_avx2(rng.key_word(0), rng.key_word(1), left, region, month, c3, entities.from(done),
               shift(out0), shift(out1), shift(out2), shift(out3));
    done += left;
  }
  for (std::size_t j = done; j < n; ++j) {
    const auto w = rng.words(entities.at(j), region, month, stream, draw);
    out0[j] = w[0];
    out1[j] = w[1];
    out2[j] = w[2];
    out3[j] = w[3];
  }
}

}  // namespace

void philox_batch(const Rng& rng, std::uint32_t first, std::size_t n, std::uint32_t region,
                  std::uint32_t month, Stream stream, std::uint32_t* out0, std::uint32_t* out1,
                  std::uint32_t* out2, std::uint32_t* out3) {
  generate(philox_batch_path(), rng, Consecutive{first}, n, region, month, stream, 0, out0, out1,
           out2, out3);
}

void philox_batch(const Rng& rng, const std::uint32_t* entities, std::size_t n,
                  std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t draw,
                  std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                  std::uint32_t* out3) {
  generate(philox_batch_path(), rng, Listed{entities}, n, region, month, stream, draw, out0, out1,
           out2, out3);
}

void philox_batch_via(PhiloxPath path, const Rng& rng, std::uint32_t first, std::size_t n,
                      std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t* out0,
                      std::uint32_t* out1, std::uint32_t* out2, std::uint32_t* out3) {
  generate(std::min(path, philox_batch_path()), rng, Consecutive{first}, n, region, month, stream,
           0, out0, out1, out2, out3);
}

void philox_batch_via(PhiloxPath path, const Rng& rng, const std::uint32_t* entities, std::size_t n,
                      std::uint32_t region, std::uint32_t month, Stream stream, std::uint32_t draw,
                      std::uint32_t* out0, std::uint32_t* out1, std::uint32_t* out2,
                      std::uint32_t* out3) {
  generate(std::min(path, philox_batch_path()), rng, Listed{entities}, n, region, month, stream,
           draw, out0, out1, out2, out3);
}

}  // namespace povsim
