// libFuzzer target: the checkpoint reader (load_checkpoint into an unbuilt Simulation of a small
// scenario). The input is a checkpoint without its trailing SHA-256; the target appends the
// right one, so that mutations reach the state decoding instead of all failing the checksum
// (the checksum guards against damage, not against a crafted file). InputError is the reader's
// answer to a bad checkpoint; anything else escaping is a finding.
//
// POVSIM_FUZZ_WRITE_SEED=DIR: at start-up, also writes a valid input (the state after 14 months)
// to DIR/valid-14-months, the seed the other inputs are mutated from.
#include <openssl/evp.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/diagnostics.hpp"
#include "fuzz_input.hpp"
#include "parallel/communicator.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/checkpoint.hpp"

namespace {

namespace fs = std::filesystem;

struct Setup {
  povsim::LoadedScenario scenario;
  povsim::CheckpointIdentity id;
};

const Setup& setup() {
  static const Setup s = [] {
    Setup out;
    povsim::LoadOptions options;
    options.scale = 0.01;  // 20 households in two regions: small states, fast iterations
    out.scenario =
        povsim::load_scenario(fs::path(POVSIM_SOURCE_DIR) / "tests/data/small.yaml", options);
    const povsim::Params& p = out.scenario.params;
    out.id.scenario_sha256 = out.scenario.resolved_sha256;
    out.id.seed = static_cast<std::uint64_t>(p.seed);
    out.id.replication = 0;
    out.id.region_begin = 0;
    out.id.region_end = p.regions.size();
    for (const auto& r : p.regions) out.id.households += static_cast<std::uint64_t>(r.households);
    out.id.months = p.months();
    if (const char* dir = std::getenv("POVSIM_FUZZ_WRITE_SEED")) {
      povsim::Simulation sim(p, 0);
      for (int m = 0; m < 14 && !sim.done(); ++m) sim.step_month();
      const fs::path file = povsim::fuzz::scratch_dir() / "seed.ckpt";
      povsim::save_checkpoint(file, out.id, sim);
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string body = text.str().substr(0, text.str().size() - 32);
      povsim::fuzz::write_file(fs::path(dir) / "valid-14-months", body);
    }
    return out;
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  (void)setup();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Setup& s = setup();
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int length = 0;
  EVP_Digest(data, size, hash.data(), &length, EVP_sha256(), nullptr);
  std::string file_bytes(reinterpret_cast<const char*>(data), size);
  file_bytes.append(reinterpret_cast<const char*>(hash.data()), length);
  const fs::path file = povsim::fuzz::scratch_dir() / "input.ckpt";
  povsim::fuzz::write_file(file, file_bytes);
  try {
    povsim::Simulation sim(s.scenario.params, 0, povsim::single_process(),
                           povsim::Simulation::Unbuilt{});
    povsim::load_checkpoint(file, s.id, sim);
  } catch (const povsim::InputError&) {
    // Not a checkpoint of this run, or a damaged one, reported as such.
  }
  return 0;
}
