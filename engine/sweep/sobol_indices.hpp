#pragma once
#include <Eigen/Dense>
#include <vector>

namespace povsim {

struct SobolIndex {
  double first_order = 0;  // S_i: share of output variance explained by axis i alone
  double total = 0;        // ST_i: share involving axis i, interactions included
};

/// Sobol' indices from the outputs of a Saltelli design ordered A, B, AB_1 … AB_k (n rows each):
/// S_i by Saltelli et al. (2010), ST_i by Jansen (1999), both over the variance of f(A) and f(B).
std::vector<SobolIndex> sobol_indices(const Eigen::VectorXd& y, int n, int k);

}  // namespace povsim
