#pragma once
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <utility>
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

/// block_reduce over many ranges at once (e.g. every region's households): the same fixed blocks
/// per range and the same order of combination as block_reduce on each range (so the results are
/// bit-identical), but one parallel loop over all ranges' blocks, so that many small ranges (832
/// counties of ~36,000 households) keep every thread busy instead of synchronising per range.
/// `range(k)` returns range k's [begin, end); `body(k, b, e)` returns the T of [b, e) in range k.
template <class T, class Range, class Body>
std::vector<T> block_reduce_ranges(std::size_t n_ranges, Range&& range, Body&& body) {
  // A bound GCC 12 can see: without it, inlined into a caller, it may warn that n_ranges + 1
  // could wrap (-Walloc-size-larger-than), which -Werror turns into an error.
  if (n_ranges > (std::size_t{1} << 40)) std::abort();
  std::vector<std::size_t> first_block(n_ranges + 1, 0);
  std::vector<std::pair<std::size_t, std::size_t>> bounds(n_ranges);
  for (std::size_t k = 0; k < n_ranges; ++k) {
    bounds[k] = range(k);
    const auto [b, e] = bounds[k];
    first_block[k + 1] = first_block[k] + (e > b ? (e - b + kReduceBlock - 1) / kReduceBlock : 0);
  }
  std::vector<T> partial(first_block[n_ranges]);
  tbb::parallel_for(std::size_t{0}, partial.size(), [&](std::size_t j) {
    const auto k = static_cast<std::size_t>(
        std::upper_bound(first_block.begin(), first_block.end(), j) - first_block.begin() - 1);
    const std::size_t b = bounds[k].first + (j - first_block[k]) * kReduceBlock;
    partial[j] = body(k, b, std::min(bounds[k].second, b + kReduceBlock));
  });
  std::vector<T> total(n_ranges);
  for (std::size_t k = 0; k < n_ranges; ++k)
    for (std::size_t j = first_block[k]; j < first_block[k + 1]; ++j) total[k].add(partial[j]);
  return total;
}

}  // namespace povsim
