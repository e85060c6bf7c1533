#include "calibrate/ensemble.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/diagnostics.hpp"
#include "core/rng.hpp"
#include "core/sha256.hpp"
#include "output/tables.hpp"

namespace povsim {

namespace fs = std::filesystem;

EnsembleDraws draw_ensemble(const Eigen::VectorXd& theta, const Eigen::MatrixXd& covariance,
                            const Eigen::VectorXd& lower, const Eigen::VectorXd& upper, int n,
                            std::uint32_t seed, int max_attempts) {
  const Eigen::Index k = theta.size();
  // A square root S with S Sᵀ = Σ: Cholesky, or from the eigen decomposition when Σ is only
  // semi-definite (a parameter the targets barely move).
  Eigen::MatrixXd root;
  Eigen::LLT<Eigen::MatrixXd> llt(covariance);
  if (llt.info() == Eigen::Success) {
    root = llt.matrixL();
  } else {
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(covariance);
    root = es.eigenvectors() * es.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
  }
  EnsembleDraws out;
  out.draws.resize(n, k);
  const Rng rng(seed, 0);
  const auto words = static_cast<std::uint32_t>((k + 3) / 4);  // four normals per counter
  for (int d = 0; d < n; ++d) {
    Eigen::VectorXd x = theta;
    bool inside = false;
    for (int a = 0; a < max_attempts && !inside; ++a) {
      Eigen::VectorXd z(k);
      for (std::uint32_t c = 0; c < words; ++c) {
        // Counter (entity = draw, region = attempt, setup month, kEnsemble, word).
        const auto u = rng.uniforms(static_cast<std::uint32_t>(d), static_cast<std::uint32_t>(a),
                                    kSetupMonth, Stream::kEnsemble, c);
        const auto n01 = Rng::normals(u[0], u[1]);
        const auto n23 = Rng::normals(u[2], u[3]);
        const double four[4] = {n01[0], n01[1], n23[0], n23[1]};
        for (Eigen::Index i = 0; i < 4 && 4 * c + i < k; ++i) z(4 * c + i) = four[i];
      }
      x = theta + root * z;
      inside = ((x.array() >= lower.array()) && (x.array() <= upper.array())).all();
      if (!inside) ++out.rejected;
    }
    if (!inside) {
      x = x.cwiseMax(lower).cwiseMin(upper);
      ++out.clipped;
    }
    out.draws.row(d) = x.transpose();
  }
  return out;
}

std::string ensemble_csv(const std::vector<std::string>& keys, const Eigen::MatrixXd& draws) {
  std::string out = "draw";
  for (const auto& k : keys) out += "," + csv_field(k);
  out += "\n";
  for (Eigen::Index d = 0; d < draws.rows(); ++d) {
    out += std::to_string(d);
    // 17 significant digits: the file holds the draw itself, not a rounding of it.
    for (Eigen::Index j = 0; j < draws.cols(); ++j) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", draws(d, j) == 0 ? 0.0 : draws(d, j));
      out += ",";
      out += buf;
    }
    out += "\n";
  }
  return out;
}

std::vector<std::string> ParameterEnsemble::overrides(std::size_t d) const {
  std::vector<std::string> o;
  for (std::size_t j = 0; j < keys.size(); ++j) o.push_back(keys[j] + "=" + values[d][j]);
  return o;
}

namespace {

std::vector<std::pair<std::string, int>> split_cells(const std::string& line) {
  std::vector<std::pair<std::string, int>> cells;  // text and 1-based column
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = line.find(',', begin);
    cells.emplace_back(line.substr(begin, end - begin), static_cast<int>(begin) + 1);
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return cells;
}

bool finite_number(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s.front()))) return false;
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && errno == 0 && std::isfinite(x);
}

}  // namespace

ParameterEnsemble load_parameter_ensemble(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(file.string() +
                     ": error: --parameters: expected a readable ensemble file "
                     "(draw,<key>,… as povsim calibrate writes ensemble.csv)\n");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  ParameterEnsemble e;
  e.file = file;
  e.sha256 = sha256_hex(bytes);
  Diagnostics diags;
  const auto at = [&](int line, int column) { return Origin{file.string(), line, column}; };
  std::istringstream lines(bytes);
  std::string line;
  int number = 0, header_line = 0;
  bool header = false;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;  // blank lines (a trailing newline) carry nothing
    const auto cells = split_cells(line);
    if (!header) {
      header = true;
      header_line = number;
      if (cells[0].first != "draw")
        diags.error(at(number, 1), "header",
                    "expected the header draw,<key1>,<key2>,…, found \"" + cells[0].first + "\"");
      if (cells.size() < 2)
        diags.error(at(number, 1), "header", "expected at least one parameter key after draw");
      for (std::size_t j = 1; j < cells.size(); ++j) {
        const std::string& key = cells[j].first;
        if (key.empty() || key.rfind("regions", 0) == 0 || key == "seed" || key == "replications" ||
            key.find('=') != std::string::npos)
          diags.error(at(number, cells[j].second), "header",
                      "expected a region-level scenario key (applied to every region; not seed or "
                      "replications, which every draw shares), found \"" +
                          key + "\"");
        else if (std::find(e.keys.begin(), e.keys.end(), key) != e.keys.end())
          diags.error(at(number, cells[j].second), "header", "duplicate key \"" + key + "\"");
        e.keys.push_back(key);
        e.key_columns.push_back(cells[j].second);
      }
      continue;
    }
    if (cells.size() != e.keys.size() + 1) {
      diags.error(at(number, 1), "draw",
                  "expected " + std::to_string(e.keys.size() + 1) + " cells (draw and " +
                      std::to_string(e.keys.size()) + " values), found " +
                      std::to_string(cells.size()));
      continue;
    }
    std::vector<std::string> row;
    for (std::size_t j = 1; j < cells.size(); ++j) {
      if (!finite_number(cells[j].first))
        diags.error(at(number, cells[j].second), e.keys[j - 1],
                    "expected a number, found \"" + cells[j].first + "\"");
      row.push_back(cells[j].first);
    }
    e.labels.push_back(cells[0].first);
    e.values.push_back(std::move(row));
    e.lines.push_back(number);
  }
  if (!header)
    diags.error(at(1, 1), "header",
                "expected the header draw,<key1>,<key2>,… and draws, found an empty file");
  else if (e.values.empty() && diags.empty())
    diags.error(at(header_line, 1), "draw",
                "expected at least one draw after the header, found none");
  diags.throw_if_any();
  return e;
}

void VarianceParts::add(std::size_t cell, const std::vector<double>& replications) {
  if (cell >= means_.size()) {
    means_.resize(cell + 1);
    within_.resize(cell + 1);
  }
  // Shifted by the first value, so that equal values give a variance of exactly 0.
  const double shift = replications.front();
  double s = 0, s2 = 0;
  for (double x : replications) {
    s += x - shift;
    s2 += (x - shift) * (x - shift);
  }
  const auto n = static_cast<double>(replications.size());
  means_[cell].push_back(shift + s / n);
  within_[cell].push_back(replications.size() > 1 ? std::max(0.0, (s2 - s * s / n) / (n - 1))
                                                  : 0.0);
  replications_ = replications.size();
}

VarianceParts::Parts VarianceParts::parts(std::size_t cell) const {
  Parts p;
  const auto& m = means_[cell];
  p.draws = m.size();
  p.replications = replications_;
  if (m.empty()) return p;
  const double shift = m.front();
  double s = 0, s2 = 0, w = 0;
  for (std::size_t d = 0; d < m.size(); ++d) {
    s += m[d] - shift;
    s2 += (m[d] - shift) * (m[d] - shift);
    w += within_[cell][d];
  }
  const auto n = static_cast<double>(m.size());
  p.mean = shift + s / n;
  p.stochastic = w / n;
  p.parameter = m.size() > 1 ? std::max(0.0, (s2 - s * s / n) / (n - 1)) : 0.0;
  p.total = p.stochastic + p.parameter;
  p.low = p.mean - 1.96 * std::sqrt(p.total);
  p.high = p.mean + 1.96 * std::sqrt(p.total);
  return p;
}

std::string variance_parts_columns() {
  return "draws,replications,mean,low,high,total_var,stochastic_var,parameter_var,parameter_share";
}

std::string variance_parts_fields(const VarianceParts::Parts& p) {
  return std::to_string(p.draws) + "," + std::to_string(p.replications) + "," +
         format_value(p.mean) + "," + format_value(p.low) + "," + format_value(p.high) + "," +
         format_value(p.total) + "," + format_value(p.stochastic) + "," +
         format_value(p.parameter) + "," +
         (p.total > 0 ? format_value(p.parameter / p.total) : std::string(""));
}

}  // namespace povsim
