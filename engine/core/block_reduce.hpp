#pragma once
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace povsim {

/// Rows per reduction block. Fixed, so partial results and their order of combination never
/// depend on the number of threads: floating-point sums come out bit-identical.
inline constexpr std::size_t kReduceBlock = 8192;

/// Reduces [begin, end) in fixed blocks (in parallel), then combines the block results in order.
/// `T` needs a default constructor and `add(const T&)`; `body(b, e)` returns the T of [b, e).
template <class T, class Body>
T block_reduce(std::size_t begin, std::size_t end, Body&& body) {
  const std::size_t n_blocks = end > begin ? (end - begin + kReduceBlock - 1) / kReduceBlock : 0;
  std::vector<T> partial(n_blocks);
  tbb::parallel_for(std::size_t{0}, n_blocks, [&](std::size_t k) {
    const std::size_t b = begin + k * kReduceBlock;
    partial[k] = body(b, std::min(end, b + kReduceBlock));
  });
  T total{};
  for (const T& p : partial) total.add(p);
  return total;
}

}  // namespace povsim
