#include "model/households.hpp"

#include <tbb/parallel_for.h>

#include <functional>
#include <iterator>

#include "core/memory.hpp"

namespace povsim {

namespace {
/// A column of n rows set to `init`. A new allocation is advised onto huge pages before its first
/// touch: at national scale (3 GiB of columns) the 4 KiB page faults of the fill were a third of
/// population synthesis.
template <class T, class V>
void assign_column(std::vector<T>& column, std::size_t n, V init) {
  if (column.capacity() < n) {
    std::vector<T>().swap(column);
    column.reserve(n);
    advise_huge_pages(column.data(), n * sizeof(T));
  }
  column.assign(n, static_cast<T>(init));
}
template <class T, std::size_t N, class V>
void assign_column(std::array<std::vector<T>, N>& column, std::size_t n, V init) {
  for (auto& slot : column) assign_column(slot, n, init);
}

template <class T>
T* slot_rows(std::vector<T>& column, std::size_t /*slot*/) {
  return column.data();
}
template <class T, std::size_t N>
T* slot_rows(std::array<std::vector<T>, N>& column, std::size_t slot) {
  return column[slot].data();
}

template <class T>
bool of_length(const std::vector<T>& column, std::size_t n) {
  return column.size() == n;
}
template <class T, std::size_t N>
bool of_length(const std::array<std::vector<T>, N>& column, std::size_t n) {
  for (const auto& slot : column)
    if (slot.size() != n) return false;
  return true;
}
}  // namespace

void Households::resize(std::size_t n) {
  // Columns are allocated and first touched side by side (at national scale the zero fill of
  // ~100 bytes × 30 million households is a noticeable serial step otherwise).
#define POVSIM_COLUMN_ASSIGN(type, name, init, slots) [&] { assign_column(name, n, init); },
  const std::function<void()> columns[] = {POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_ASSIGN)};
#undef POVSIM_COLUMN_ASSIGN
  tbb::parallel_for(std::size_t{0}, std::size(columns), [&](std::size_t k) { columns[k](); });
}

Households::Rows Households::rows(std::size_t slot) {
#define POVSIM_COLUMN_ROWS(type, name, init, slots) slot_rows(name, slot),
  return Rows{POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_ROWS)};
#undef POVSIM_COLUMN_ROWS
}

const char* Households::column_not_of_length(std::size_t n) const {
#define POVSIM_COLUMN_LENGTH(type, name, init, slots) \
  if (!of_length(name, n)) return #name;
  POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_LENGTH)
#undef POVSIM_COLUMN_LENGTH
  return nullptr;
}

}  // namespace povsim
