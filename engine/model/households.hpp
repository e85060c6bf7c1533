#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace povsim {

enum class LabourClass : std::uint8_t { kStrong = 0, kWeak = 1, kNone = 2 };

/// Bit flags of a household.
namespace hh_flag {
inline constexpr std::uint8_t kLifted = 1;           // 脱贫户 (registered poor until 2020)
inline constexpr std::uint8_t kChronic = 2;          // a chronically ill member
inline constexpr std::uint8_t kMigrantAttached = 4;  // sends migrant workers
inline constexpr std::uint8_t kMigrantEmployed = 8;  // … who currently have work
inline constexpr std::uint8_t kDibao = 16;           // enrolled in 低保/特困
}  // namespace hh_flag

/// Rolling 12 months of per-capita net income, in units of kRingYuan (compact on purpose).
using IncomeRing = std::array<std::int16_t, 12>;
inline constexpr float kRingYuan = 4.0f;

/// All households, one column per field (struct of arrays), grouped by region: region r owns
/// rows [region_begin[r], region_begin[r+1]). Incomes are household totals in yuan per year
/// unless the name says otherwise.
struct Households {
  std::vector<std::uint32_t> region_begin;  // size n_regions + 1

  // Composition (set at synthesis; labour may fall after disability).
  std::vector<std::uint8_t> size;
  std::vector<std::uint8_t> workers;  // members who work
  std::vector<std::uint8_t> elderly;  // members aged 60+
  std::vector<std::uint8_t> students;
  std::vector<LabourClass> labour;
  std::vector<std::uint8_t> flags;

  // Earning capacity: annual household income by source at current prices (yuan/year).
  std::vector<float> wage_local;
  std::vector<float> wage_migrant;
  std::vector<float> operating;
  std::vector<float> property;
  std::vector<float> subsidy;

  // Transfers and shocks in progress.
  std::vector<float> dibao_monthly;            // yuan/month while enrolled
  std::vector<std::uint8_t> sick_months_left;  // one worker out of work

  // Income record.
  std::vector<float> ytd_net;  // net income so far this calendar year (yuan)
  std::vector<IncomeRing> ring;

  std::size_t n() const { return size.size(); }
  std::size_t n_regions() const { return region_begin.size() - 1; }
  void resize(std::size_t n);
  /// Bytes of state per household (sum of the column element sizes).
  static std::size_t bytes_per_household();
};

}  // namespace povsim
