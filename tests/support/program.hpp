#pragma once
#include <string>
#include <vector>

namespace povsim::testing {

/// What a finished program left behind.
struct ProgramResult {
  int exit_code = -1;  // -1 if it did not exit normally
  std::string out;     // stdout
  std::string err;     // stderr
};

/// Runs the povsim program of this build (POVSIM_BINARY) with `args`, waits for it and
/// captures its output.
ProgramResult run_povsim(const std::vector<std::string>& args);

}  // namespace povsim::testing
