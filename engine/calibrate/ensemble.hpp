#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace povsim {

/// Draws from the Laplace approximation N(θ̂, Σ) at a calibration's optimum, kept inside the
/// bounds by rejection: attempt a of draw d uses the counter-based RNG on Stream::kEnsemble keyed
/// by (seed, d, a), so draw d is the same whichever draws are asked for and whichever thread asks.
/// A draw whose `max_attempts` attempts all fall outside is clipped to the bounds (counted in
/// `clipped`). Rows are draws, columns parameters.
struct EnsembleDraws {
  Eigen::MatrixXd draws;
  std::uint64_t rejected = 0;  // attempts outside the bounds
  std::uint64_t clipped = 0;   // draws clipped after max_attempts rejections
};
EnsembleDraws draw_ensemble(const Eigen::VectorXd& theta, const Eigen::MatrixXd& covariance,
                            const Eigen::VectorXd& lower, const Eigen::VectorXd& upper, int n,
                            std::uint32_t seed, int max_attempts = 1000);

/// ensemble.csv: `draw,<key1>,<key2>,…`, one row per draw (d = 0, 1, …).
std::string ensemble_csv(const std::vector<std::string>& keys, const Eigen::MatrixXd& draws);

/// A parameter-ensemble file (ensemble.csv) as `run`/`compare --parameters` read it: every cell
/// kept as written, so a draw is applied exactly as `--set KEY=VALUE` with that text would be.
struct ParameterEnsemble {
  std::filesystem::path file;
  std::string sha256;  // of the file's bytes
  std::vector<std::string> keys;
  std::vector<int> key_columns;                  // of the header line (line 1)
  std::vector<std::string> labels;               // the draw column
  std::vector<std::vector<std::string>> values;  // [draw][key]
  std::vector<int> lines;                        // the file line of each draw
  /// `KEY=VALUE` overrides of draw d, in column order.
  std::vector<std::string> overrides(std::size_t d) const;
};

/// Reads and checks the file's form (header `draw,<keys>`, region-level keys, no duplicates, one
/// finite number per cell, at least one draw); throws InputError with file:line:col.
ParameterEnsemble load_parameter_ensemble(const std::filesystem::path& file);

/// Parameter and stochastic parts of a metric's variance over an ensemble, by the law of total
/// variance: each draw is run on the same seeds and replications; per cell, `stochastic` is the
/// mean over draws of the within-draw (sample) variance across replications and `parameter` the
/// (sample) variance of the draw means. Holds two numbers per draw and cell, not the runs.
class VarianceParts {
 public:
  /// The values of one cell over the replications of one draw (cells numbered 0, 1, …).
  void add(std::size_t cell, const std::vector<double>& replications);
  struct Parts {
    std::size_t draws = 0, replications = 0;
    double mean = 0, stochastic = 0, parameter = 0, total = 0, low = 0, high = 0;
  };
  Parts parts(std::size_t cell) const;
  std::size_t cells() const { return means_.size(); }

 private:
  std::vector<std::vector<double>> means_, within_;
  std::size_t replications_ = 0;
};

/// `draws,replications,mean,low,high,total_var,stochastic_var,parameter_var,parameter_share`
std::string variance_parts_columns();
std::string variance_parts_fields(const VarianceParts::Parts& p);

}  // namespace povsim
