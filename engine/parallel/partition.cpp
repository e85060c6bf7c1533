#include "parallel/partition.hpp"

#include <stdexcept>
#include <string>

namespace povsim {

std::vector<std::size_t> partition_regions(const std::vector<std::int64_t>& households, int ranks) {
  const std::size_t n = households.size();
  const auto R = static_cast<std::size_t>(ranks);
  if (ranks < 1 || R > n)
    throw std::invalid_argument("cannot share " + std::to_string(n) + " regions among " +
                                std::to_string(ranks) + " ranks (at most one rank per region)");
  std::vector<std::int64_t> prefix(n + 1, 0);
  for (std::size_t r = 0; r < n; ++r) prefix[r + 1] = prefix[r] + households[r];
  const std::int64_t total = prefix[n];
  std::vector<std::size_t> bounds(R + 1, 0);
  bounds[R] = n;
  for (std::size_t k = 1; k < R; ++k) {
    // Target k·total/R, compared as prefix·R against k·total (exact).
    const auto target = static_cast<std::int64_t>(k) * total;
    const std::size_t lo = bounds[k - 1] + 1;
    const std::size_t hi = n - (R - k);
    std::size_t best = lo;
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::int64_t d = prefix[j] * static_cast<std::int64_t>(R) - target;
      const std::int64_t b = prefix[best] * static_cast<std::int64_t>(R) - target;
      if ((d < 0 ? -d : d) < (b < 0 ? -b : b)) best = j;
      if (d >= 0) break;  // further boundaries only move away from the target
    }
    bounds[k] = best;
  }
  return bounds;
}

Params slice_regions(const Params& params, std::size_t begin, std::size_t end) {
  Params out = params;
  auto b = static_cast<std::ptrdiff_t>(begin);
  auto e = static_cast<std::ptrdiff_t>(end);
  out.regions.assign(params.regions.begin() + b, params.regions.begin() + e);
  for (std::size_t k = 0; k < params.region_params.size(); ++k)
    out.region_params[k].assign(params.region_params[k].begin() + b,
                                params.region_params[k].begin() + e);
  return out;
}

}  // namespace povsim
