#include "fuzz_input.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace povsim::fuzz {

namespace fs = std::filesystem;

const std::map<std::string, std::string>& source_tree() {
  static const std::map<std::string, std::string> tree = [] {
    std::map<std::string, std::string> t;
    const fs::path root = POVSIM_SOURCE_DIR;
    for (const char* top : {"scenarios", "tests/data"}) {
      for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        t[fs::relative(entry.path(), root).generic_string()] = text.str();
      }
    }
    return t;
  }();
  return tree;
}

FuzzInput split_input(std::string_view data) {
  FuzzInput in;
  std::string* into = &in.text;
  bool header = true;  // directives only before the first other line
  std::size_t pos = 0;
  while (pos < data.size()) {
    const std::size_t end = data.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? data.size() : end + 1;
    const std::string_view line = data.substr(pos, next - pos);
    std::string_view bare = line;
    if (bare.ends_with('\n')) bare.remove_suffix(1);
    if (bare.starts_with("#@file ")) {
      into = &in.extra[std::string(bare.substr(7))];
      header = false;
    } else if (header && bare.starts_with("#@set ")) {
      in.overrides.emplace_back(bare.substr(6));
    } else if (header && bare.starts_with("#@ ")) {
      in.path = std::string(bare.substr(3));
    } else {
      header = false;
      into->append(line);
    }
    pos = next;
  }
  return in;
}

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    std::string tmpl = "/dev/shm/povsim-fuzz-XXXXXX";
    if (!fs::is_directory("/dev/shm"))
      tmpl = (fs::temp_directory_path() / "povsim-fuzz-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("fuzz: cannot make " + tmpl);
    static const std::string made = tmpl;
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(made, ec);
    });
    return fs::path(tmpl);
  }();
  return dir;
}

void write_file(const fs::path& file, std::string_view text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("fuzz: cannot write " + file.string());
}

}  // namespace povsim::fuzz
