#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <memory>

namespace povsim {

/// Deviates from one 32-bit word by table lookup: a quantile function tabulated at 4,096 cell
/// boundaries and linearly interpolated with the word's low 20 bits. Several times cheaper than
/// Box-Muller or exp() on the hot path; the ends are cut at ±3.6 sd (probability 3e-4), which is
/// immaterial for the monthly income noise these tables serve.
class QuantileTable {
 public:
  static constexpr int kBits = 12;
  static constexpr int kCells = 1 << kBits;

  /// Standard normal.
  static QuantileTable normal();
  /// Lognormal factor exp(sigma·Z − sigma²/2), rescaled so that its mean is exactly 1.
  static QuantileTable lognormal_unit_mean(double sigma);

  double operator()(std::uint32_t word) const {
    const std::uint32_t cell = word >> (32 - kBits);
    const double frac = static_cast<double>(word & ((1u << (32 - kBits)) - 1)) * 0x1p-20;
    return base_[cell] + frac * slope_[cell];
  }
  /// The exact mean of the tabulated distribution (uniform words).
  double mean() const;

 private:
  QuantileTable() = default;
  std::array<double, kCells> base_{};
  std::array<double, kCells> slope_{};
};

/// Lognormal tables by sigma, built on first use. One per simulation: no global state.
class LognormalTables {
 public:
  const QuantileTable& get(double sigma);

 private:
  std::map<double, std::unique_ptr<QuantileTable>> tables_;
};

}  // namespace povsim
