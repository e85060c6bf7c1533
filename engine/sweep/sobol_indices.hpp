#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace povsim {

struct SobolIndex {
  double first_order = 0;  // S_i: share of output variance explained by axis i alone
  double total = 0;        // ST_i: share involving axis i, interactions included
  // Bootstrap percentile interval of each (sobol_intervals; equal to the estimate without it).
  double first_lo = 0, first_hi = 0;
  double total_lo = 0, total_hi = 0;
};

/// Sobol' indices from the outputs of a Saltelli design ordered A, B, AB_1 … AB_k (n rows each):
/// S_i by Saltelli et al. (2010) with f(B) centred on the mean of f(A) and f(B), ST_i by Jansen
/// (1999), both over the variance of f(A) and f(B).
std::vector<SobolIndex> sobol_indices(const Eigen::VectorXd& y, int n, int k);

struct BootstrapOptions {
  int resamples = 1000;
  double confidence = 0.95;
  std::uint32_t seed = 0;  // of the resampling (Philox): the same seed gives the same intervals
};

/// sobol_indices with bootstrap percentile intervals: the n base points (row j of A, B and every
/// AB_i together, since the estimators pair them) are resampled with replacement `resamples`
/// times, the indices recomputed on each resample, and the (1 ± confidence)/2 quantiles kept.
std::vector<SobolIndex> sobol_indices_with_intervals(const Eigen::VectorXd& y, int n, int k,
                                                     const BootstrapOptions& options = {});

/// Below this many base points the bootstrap intervals are themselves unreliable.
inline constexpr int kMinSobolBasePoints = 64;
/// Intervals wider than this cannot rank the axes: the design needs more points or less noise.
inline constexpr double kMaxSobolIntervalWidth = 0.5;

/// Warnings on indices that cannot be read as shares of variance: an interval entirely outside
/// [0, 1], an interval wider than kMaxSobolIntervalWidth, or fewer than kMinSobolBasePoints base
/// points. `axes` names the k axes; one line per problem, each ending in a newline.
std::vector<std::string> sobol_warnings(const std::string& metric,
                                        const std::vector<std::string>& axes,
                                        const std::vector<SobolIndex>& indices, int n);

}  // namespace povsim
