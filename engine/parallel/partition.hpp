#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "scenario/params.hpp"

namespace povsim {

/// Contiguous blocks of regions, in order, one per rank, balanced by households: boundary k is put
/// where the running household count comes closest to k/R of the total (each rank keeps at least
/// one region). Returns R + 1 region indices; rank k holds [bounds[k], bounds[k+1]).
/// Deterministic: integers only. Needs 1 <= ranks <= regions.
std::vector<std::size_t> partition_regions(const std::vector<std::int64_t>& households, int ranks);

/// The scenario restricted to regions [begin, end): every region keeps its name and stable id, so
/// its random streams (keyed by region id and row within the region) are those of the full run.
Params slice_regions(const Params& params, std::size_t begin, std::size_t end);

}  // namespace povsim
