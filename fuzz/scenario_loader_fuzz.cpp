// libFuzzer target: the scenario loader (load_scenario) on a scenario held in memory, whose
// `extends` chain, profiles and regions table are served from the shipped tree (scenarios/,
// tests/data/) plus any files the input adds (fuzz_input.hpp). Nothing is read from disk.
// InputError is the loader's answer to bad input; anything else escaping is a finding.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "fuzz_input.hpp"
#include "scenario/scenario_loader.hpp"

namespace {
// Virtual paths: nothing exists here on disk, so a read that bypassed the hook would fail.
constexpr const char* kRoot = "/povsim-fuzz-tree";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fs = std::filesystem;
  const povsim::fuzz::FuzzInput in =
      povsim::fuzz::split_input({reinterpret_cast<const char*>(data), size});
  const fs::path root = kRoot;
  const fs::path main = (root / in.path).lexically_normal();
  povsim::LoadOptions options;
  options.overrides = in.overrides;
  options.read_file = [&](const fs::path& file) -> std::optional<std::string> {
    const fs::path f = file.lexically_normal();
    if (f == main) return in.text;
    const fs::path rel = f.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") return std::nullopt;
    if (auto it = in.extra.find(rel.generic_string()); it != in.extra.end()) return it->second;
    const auto& tree = povsim::fuzz::source_tree();
    if (auto it = tree.find(rel.generic_string()); it != tree.end()) return it->second;
    return std::nullopt;
  };
  try {
    const povsim::LoadedScenario s = povsim::load_scenario(main, options);
    (void)s;
  } catch (const povsim::InputError&) {
    // Bad input, reported as such: the expected outcome for most inputs.
  }
  return 0;
}
