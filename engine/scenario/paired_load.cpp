#include "scenario/paired_load.hpp"

#include "core/diagnostics.hpp"

namespace povsim {

std::vector<LoadedScenario> load_paired(const std::vector<PairedInput>& inputs,
                                        const LoadOptions& common) {
  std::vector<LoadedScenario> loaded;
  if (inputs.empty()) return loaded;
  loaded.reserve(inputs.size());
  auto with = [&](const std::vector<std::string>& own, const std::vector<std::string>& last) {
    LoadOptions o = common;
    o.overrides.insert(o.overrides.end(), own.begin(), own.end());
    o.overrides.insert(o.overrides.end(), last.begin(), last.end());
    return o;
  };
  loaded.push_back(load_scenario(inputs.front().file, with(inputs.front().overrides, {})));
  const Params& first = loaded.front().params;
  const std::vector<std::string> pair = {"seed=" + std::to_string(first.seed),
                                         "replications=" + std::to_string(first.replications)};
  for (std::size_t s = 1; s < inputs.size(); ++s)
    loaded.push_back(load_scenario(inputs[s].file, with(inputs[s].overrides, pair)));
  for (std::size_t s = 1; s < loaded.size(); ++s)
    if (loaded[s].params.start != first.start || loaded[s].params.end != first.end)
      throw InputError(inputs[s].file.string() + ": error: period: expected the same period as " +
                       inputs.front().file.string() + " (" + first.start.str() + " .. " +
                       first.end.str() + "), found " + loaded[s].params.start.str() + " .. " +
                       loaded[s].params.end.str() + "\n");
  return loaded;
}

}  // namespace povsim
