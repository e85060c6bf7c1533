// libFuzzer target: the sweep file reader (load_sweep, which also checks every axis against the
// base scenario at both ends of its range) and the design it implies. InputError is its answer
// to bad input; anything else escaping is a finding.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "core/diagnostics.hpp"
#include "spec_fuzz.hpp"
#include "sweep/sweep_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path file = povsim::fuzz::place_spec(data, size, "tests/data/sweeps");
  try {
    const povsim::SweepSpec spec = povsim::load_sweep(file, {}, 0.01);
    // The design is what a sweep computes first; bound it so that a valid spec asking for a
    // million points does not stall the fuzzer (that is a limit, not a finding).
    double runs = spec.method == povsim::SweepMethod::kSobol
                      ? double(spec.points) * double(spec.axes.size() + 2)
                      : double(spec.points);
    if (spec.method == povsim::SweepMethod::kGrid) {
      runs = 1;
      for (const auto& axis : spec.axes) runs *= double(axis.values.size());
    }
    if (runs * double(spec.axes.size()) <= 1e6) (void)povsim::make_design(spec);
  } catch (const povsim::InputError&) {
    // Bad input, reported as such.
  }
  return 0;
}
