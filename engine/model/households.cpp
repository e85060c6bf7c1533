#include "model/households.hpp"

namespace povsim {

void Households::resize(std::size_t n) {
  size.assign(n, 0);
  workers.assign(n, 0);
  elderly.assign(n, 0);
  students.assign(n, 0);
  labour.assign(n, LabourClass::kNone);
  flags.assign(n, 0);
  wage_local.assign(n, 0);
  wage_migrant.assign(n, 0);
  operating.assign(n, 0);
  property.assign(n, 0);
  subsidy.assign(n, 0);
  dibao_monthly.assign(n, 0);
  sick_months_left.assign(n, 0);
  ytd_net.assign(n, 0);
  ring.assign(n, IncomeRing{});
}

std::size_t Households::bytes_per_household() {
  return 6 * sizeof(std::uint8_t) + 5 * sizeof(float) + sizeof(float) + sizeof(std::uint8_t) +
         sizeof(float) + sizeof(IncomeRing);
}

}  // namespace povsim
