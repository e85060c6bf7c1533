#include "core/memory.hpp"

#include <sys/mman.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>

namespace povsim {

namespace {

/// The number after `key` in a /proc file of `key value kB` lines, in bytes; 0 if absent.
std::uint64_t proc_kib(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0)
      return std::strtoull(line.c_str() + key.size(), nullptr, 10) * 1024;
  return 0;
}

/// A cgroup v2 file holding one number (or "max"); UINT64_MAX when absent or unlimited.
std::uint64_t cgroup_value(const char* file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::numeric_limits<std::uint64_t>::max();
  return std::strtoull(text.c_str(), nullptr, 10);
}

}  // namespace

std::uint64_t peak_rss_bytes() { return proc_kib("/proc/self/status", "VmHWM:"); }

std::uint64_t available_memory_bytes() {
  std::uint64_t available = std::numeric_limits<std::uint64_t>::max();
  if (const std::uint64_t mem = proc_kib("/proc/meminfo", "MemAvailable:"); mem > 0)
    available = mem;
  const std::uint64_t cg_max = cgroup_value("/sys/fs/cgroup/memory.max");
  const std::uint64_t cg_now = cgroup_value("/sys/fs/cgroup/memory.current");
  if (cg_max != std::numeric_limits<std::uint64_t>::max() &&
      cg_now != std::numeric_limits<std::uint64_t>::max())
    available = std::min(available, cg_max > cg_now ? cg_max - cg_now : 0);
  const std::uint64_t size = proc_kib("/proc/self/status", "VmSize:");
  for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit lim{};
    if (::getrlimit(resource, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
      const auto cap = static_cast<std::uint64_t>(lim.rlim_cur);
      available = std::min(available, cap > size ? cap - size : 0);
    }
  }
  return available;
}

std::string format_bytes(std::uint64_t bytes) {
  char buf[32];
  const double b = static_cast<double>(bytes);
  if (b >= 1024.0 * 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f GiB", b / (1024.0 * 1024 * 1024));
  else
    std::snprintf(buf, sizeof buf, "%.0f MiB", b / (1024.0 * 1024));
  return buf;
}

void advise_huge_pages(void* data, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  // Advice only: where the kernel declines (THP disabled, an old kernel), pages stay 4 KiB.
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace povsim
