#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>

namespace povsim {

/// Deviates from one 32-bit word by table lookup: a quantile function tabulated at 1,024 cell
/// boundaries and linearly interpolated with the word's low 22 bits. Several times cheaper than
/// Box-Muller or exp() on the hot path, and small enough (8 KiB) to stay in L1 cache; the ends
/// are cut at ±3.3 sd (probability 1e-3), which is immaterial for the monthly income noise
/// these tables serve.
class QuantileTable {
 public:
  static constexpr int kBits = 10;
  static constexpr int kCells = 1 << kBits;

  /// Standard normal.
  static QuantileTable normal();
  /// Lognormal factor exp(sigma·Z − sigma²/2), rescaled so that its mean is exactly 1.
  static QuantileTable lognormal_unit_mean(double sigma);

  float operator()(std::uint32_t word) const {
    const Cell& c = cells_[word >> (32 - kBits)];
    const float frac = static_cast<float>(word & ((1u << (32 - kBits)) - 1)) * 0x1p-22f;
    return c.base + frac * c.slope;
  }
  /// The exact mean of the tabulated distribution (uniform words).
  double mean() const;

 private:
  struct Cell {
    float base;
    float slope;
  };
  QuantileTable() = default;
  std::array<Cell, kCells> cells_{};
};

/// Lognormal tables by sigma, built on first use. One per simulation: no global state.
class LognormalTables {
 public:
  const QuantileTable& get(double sigma);

 private:
  std::map<double, std::unique_ptr<QuantileTable>> tables_;
};

}  // namespace povsim
