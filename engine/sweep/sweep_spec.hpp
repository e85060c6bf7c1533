#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/design.hpp"

namespace povsim {

/// The most runs one sweep may have (grid: the product of the axes' value counts; lhs: points;
/// sobol: points × (axes + 2)). docs/sweeps.md, "Limits".
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

/// A sweep file (schema povsim-sweep/1), validated.
struct SweepSpec {
  std::string name;
  std::filesystem::path base;  // resolved relative to the sweep file
  SweepMethod method = SweepMethod::kGrid;
  int points = 0;         // lhs: points; sobol: base points N (N × (axes + 2) runs)
  std::int64_t seed = 0;  // of the design (lhs); runs use the base scenario's seed
  int replications = 0;   // per point
  std::vector<Axis> axes;
  std::vector<std::string> index_metrics;  // sobol: outputs whose indices are computed
  int index_year = 0;
  std::string index_region;
};

/// Loads and checks a sweep file: keys, types, ranges, every axis key valid in the base scenario
/// at both ends of its range. Throws InputError listing every problem (file:line:col).
SweepSpec load_sweep(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                     double scale);

/// The design of a sweep: its points in the axes' units.
Design make_design(const SweepSpec& spec);

}  // namespace povsim
