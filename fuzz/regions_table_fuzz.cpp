// libFuzzer target: the regions-table reader (read_regions_table) on a CSV held in memory, and
// the formatting of the problems it reports. InputError is its answer to bad input; anything
// else escaping is a finding.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "scenario/regions_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path table = "/povsim-fuzz-tree/scenarios/data/fuzz-input.csv";
  const povsim::FileReader read = [&](const std::filesystem::path& file) {
    return file == table ? std::optional<std::string>(text) : std::nullopt;
  };
  povsim::Diagnostics diags;
  const povsim::ConfigNode regions = povsim::read_regions_table(
      table, povsim::Origin{"/povsim-fuzz-tree/scenarios/fuzz.yaml", 3, 16}, diags, read);
  (void)povsim::to_canonical_string(regions);
  try {
    diags.throw_if_any();
  } catch (const povsim::InputError&) {
    // Bad input, reported as such.
  }
  return 0;
}
