#pragma once
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace povsim {

/// `povsim serve`: a local web application to try levers on a scenario and see the paired
/// comparison against the unchanged scenario (docs/serve.md).
struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;  // 0: any free port (printed on stdout)
  std::filesystem::path scenarios = "scenarios";
  std::filesystem::path workspace = "outputs/serve";
  int threads = 0;                     // simulation threads per run (0: all cores)
  int max_runs = 1;                    // runs simulated at once
  int max_queued = 8;                  // runs waiting; more are refused (429)
  std::size_t max_body = 64 * 1024;    // request body bytes; larger is refused (413)
  long long max_household_months = 0;  // per run (both scenarios); 0: 2e9
};

/// Listens until SIGINT or SIGTERM; returns the exit code. Throws InputError for a refused
/// workspace or scenarios directory (exit 2).
int serve(const ServeOptions& options);

/// One file of the embedded front-end (web/), served by name.
struct WebFile {
  std::string_view name;
  std::string_view text;
};
/// web/index.html, web/app.js and web/app.css, embedded at build time
/// (cmake/EmbedFiles.cmake).
std::span<const WebFile> web_files();

}  // namespace povsim
