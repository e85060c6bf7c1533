#include "scenario/params.hpp"

#include "core/diagnostics.hpp"

namespace povsim {

double at_year(const YearSeries& series, int year) {
  POVSIM_ASSERT(!series.empty());
  auto it = series.lower_bound(year);
  if (it == series.end()) return std::prev(it)->second;
  if (it->first == year || it == series.begin()) return it->second;
  return std::prev(it)->second;
}

int Params::epoch_of(int month_offset) const {
  int epoch = 0;
  for (std::size_t e = 1; e < epoch_start.size(); ++e)
    if (month_offset >= epoch_start[e]) epoch = static_cast<int>(e);
  return epoch;
}

}  // namespace povsim
