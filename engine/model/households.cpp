#include "model/households.hpp"

#include <tbb/parallel_for.h>

#include <functional>
#include <iterator>

namespace povsim {

void Households::resize(std::size_t n) {
  // Columns are allocated and first touched side by side (at national scale the zero fill of
  // ~100 bytes × 30 million households is a noticeable serial step otherwise).
  const std::function<void()> columns[] = {
      [&] { size.assign(n, 0); },
      [&] { workers.assign(n, 0); },
      [&] { elderly.assign(n, 0); },
      [&] { students.assign(n, 0); },
      [&] { labour.assign(n, LabourClass::kNone); },
      [&] { flags.assign(n, 0); },
      [&] { wage_local.assign(n, 0); },
      [&] { wage_migrant.assign(n, 0); },
      [&] { operating.assign(n, 0); },
      [&] { property.assign(n, 0); },
      [&] { subsidy.assign(n, 0); },
      [&] { dibao_monthly.assign(n, 0); },
      [&] { sick_months_left.assign(n, 0); },
      [&] { ytd_net.assign(n, 0); },
      [&] {
        for (auto& column : month_income) column.assign(n, 0);
      },
      [&] { income_sum.assign(n, 0); },
      [&] { category.assign(n, Category::kNone); },
      [&] { mon_flags.assign(n, 0); },
      [&] { risk_since.assign(n, kNever); },
      [&] { event_month.assign(n, kNever); },
      [&] { months_above.assign(n, 0); },
      [&] { motivation.assign(n, 0); },
      [&] { public_job_months_left.assign(n, 0); },
      [&] { link_wage.assign(n, 0); },
      [&] { link_coop.assign(n, 0); },
      [&] { link_property.assign(n, 0); },
      [&] { contract_premium.assign(n, 0); },
      [&] { link_kinds.assign(n, 0); },
      [&] { cause.assign(n, 0); },
      [&] { cause_loss.assign(n, 0); },
      [&] { cause_month.assign(n, kNever); },
  };
  tbb::parallel_for(std::size_t{0}, std::size(columns), [&](std::size_t k) { columns[k](); });
}

std::size_t Households::bytes_per_household() {
  return 6 * sizeof(std::uint8_t) + 5 * sizeof(float) + sizeof(float) + sizeof(std::uint8_t) +
         sizeof(float) + 12 * sizeof(std::int16_t) + sizeof(std::int32_t) + sizeof(Category) +
         3 * sizeof(std::uint8_t) + 3 * sizeof(std::int16_t) + 4 * sizeof(float) +
         sizeof(std::uint8_t) + sizeof(std::uint8_t) + sizeof(std::uint16_t) + sizeof(std::int16_t);
}

}  // namespace povsim
