// libFuzzer target: the calibration file reader (load_calibration, which checks every
// parameter and target against the base scenario). InputError is its answer to bad input;
// anything else escaping is a finding.
#include <cstddef>
#include <cstdint>

#include "calibrate/calibration.hpp"
#include "core/diagnostics.hpp"
#include "spec_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = povsim::fuzz::place_spec(data, size, "tests/data/calibration");
  try {
    (void)povsim::load_calibration(file, {}, 0.01);
  } catch (const povsim::InputError&) {
    // Bad input, reported as such.
  }
  return 0;
}
