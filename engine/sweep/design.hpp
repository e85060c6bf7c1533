#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace povsim {

/// One swept scenario key with its range (lhs, sobol) or its values (grid).
struct Axis {
  std::string key;
  std::vector<double> values;  // grid
  double min = 0;
  double max = 0;
  bool integer = false;  // round drawn values (e.g. months, counts)
};

enum class SweepMethod { kGrid, kLhs, kSobol };

/// Where each design point comes from in a Saltelli design (A, B, or A with column i from B).
struct PointOrigin {
  char block = 'P';  // 'P' plain (grid, lhs), 'A', 'B', or 'C' for AB_i
  int axis = -1;     // i for 'C'
  int row = 0;       // base row
};

struct Design {
  Eigen::MatrixXd points;  // one row per point, one column per axis (scenario values)
  std::vector<PointOrigin> origin;
  int base_points = 0;  // N for sobol
};

/// Cartesian product of the axes' values, the last axis varying fastest.
Design grid_design(const std::vector<Axis>& axes);
/// Latin hypercube: each axis cut into n equal strata, each used once, order shuffled.
Design lhs_design(const std::vector<Axis>& axes, int n, std::uint32_t seed);
/// Saltelli (2010) design on a Sobol' sequence (Boost.Random): matrices A and B (n × k) and the
/// k matrices AB_i, n(k + 2) points in all, ordered A, B, AB_1, …, AB_k.
Design sobol_design(const std::vector<Axis>& axes, int n);

/// Maps unit-cube coordinates to the axes' ranges (rounding integer axes).
Eigen::MatrixXd scale_to_axes(const Eigen::MatrixXd& unit, const std::vector<Axis>& axes);

}  // namespace povsim
