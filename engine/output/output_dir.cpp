#include "output/output_dir.hpp"

#include <unistd.h>

#include <fstream>

#include "core/diagnostics.hpp"

namespace povsim {

namespace fs = std::filesystem;

OutputDir::OutputDir(fs::path target) : target_(std::move(target)) {
  if (target_.filename().empty()) target_ = target_.parent_path();
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::error_code ec;
  // commit() replaces an earlier result; it must never delete a file the user named by mistake.
  if (fs::exists(target_, ec) && !fs::is_directory(target_, ec))
    throw InputError(target_.string() + ": error: --out: expected a directory, found a file");
  fs::create_directories(parent, ec);
  if (ec)
    throw InputError(target_.string() + ": error: --out: cannot create the parent directory " +
                     parent.string() + ": " + ec.message());
  temp_ = parent / ("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()));
  fs::remove_all(temp_, ec);
  fs::create_directory(temp_, ec);
  if (ec)
    throw InputError(target_.string() + ": error: --out: cannot write in " + parent.string() +
                     ": " + ec.message());
}

OutputDir::~OutputDir() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(temp_, ec);
  }
}

void OutputDir::write(const std::string& name, const std::string& content) const {
  std::filesystem::create_directories(file(name).parent_path());
  std::ofstream out(file(name), std::ios::binary);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file(name).string());
}

void OutputDir::commit() {
  std::error_code ec;
  fs::path old;
  if (fs::exists(target_)) {
    old = target_.parent_path() /
          ("." + target_.filename().string() + ".old-" + std::to_string(::getpid()));
    fs::rename(target_, old, ec);
    if (ec) throw std::runtime_error("cannot replace " + target_.string() + ": " + ec.message());
  }
  fs::rename(temp_, target_, ec);
  if (ec)
    throw std::runtime_error("cannot move results into " + target_.string() + ": " + ec.message());
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace povsim
