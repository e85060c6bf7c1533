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
inline constexpr std::uint8_t kLinked = 32;          // has at least one enterprise link
}  // namespace hh_flag

/// Bit flags of monitoring and assistance.
namespace mon_flag {
inline constexpr std::uint16_t kPaired = 1;            // a cadre is paired with it (结对帮扶)
inline constexpr std::uint16_t kInsecure = 2;          // 三保障 / drinking water not secure
inline constexpr std::uint16_t kWasEliminated = 4;     // risk eliminated before: re-entry relapses
inline constexpr std::uint16_t kTrained = 8;           // received training
inline constexpr std::uint16_t kIndustry = 16;         // received industry support
inline constexpr std::uint16_t kPlaced = 32;           // placed in a job
inline constexpr std::uint16_t kShockedThisYear = 64;  // a large expense shock this calendar year
inline constexpr std::uint16_t kExpenseShock = 128;    // event_month records an expense shock
inline constexpr std::uint16_t kReliefPaid = 256;      // risk-relief paid for the current event
inline constexpr std::uint16_t kDeniedThisYear = 512;  // turned away for lack of budget this year
inline constexpr std::uint16_t kLostLinkThisYear = 1024;  // an enterprise it was linked to failed
inline constexpr std::uint16_t kBorrower = 2048;          // has a 小额信贷 loan outstanding
inline constexpr std::uint16_t kDefaulted = 4096;         // defaulted on one (no new loan)
}  // namespace mon_flag

/// Monitoring categories (0 = not monitored).
enum class Category : std::uint8_t { kNone = 0, kUnstable = 1, kMarginal = 2, kSudden = 3 };
// 脱贫不稳定户, 边缘易致贫户, 突发严重困难户

inline constexpr std::int16_t kNever = -1;

/// Units of the 12-month income record: per-capita net income per month in steps of 4 yuan
/// (int16, compact on purpose: ±131,000 yuan a month per person).
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
  /// The last 12 months of per-capita net income, month-major ([calendar month - 1][household])
  /// with their running sum, so that a month's pass touches one slot and the sum only.
  std::array<std::vector<std::int16_t>, 12> month_income;
  std::vector<std::int32_t> income_sum;

  // Monitoring and assistance (months are offsets from the period's start).
  std::vector<Category> category;
  std::vector<std::uint16_t> mon_flags;
  std::vector<std::int16_t> risk_since;    // month the current risk began, or kNever
  std::vector<std::int16_t> event_month;   // last large bill or disability, or kNever
  std::vector<std::uint8_t> months_above;  // consecutive months above the line while monitored
  std::vector<std::uint8_t> motivation;    // 内生动力, 0..255
  std::vector<std::uint8_t> public_job_months_left;

  // Enterprise links, derived from the link graph by link_income_pass (the household pass reads
  // them only when hh_flag::kLinked is set).
  std::vector<float> link_wage;          // yuan/month (employment)
  std::vector<float> link_coop;          // yuan/month (cooperative membership, operating)
  std::vector<float> link_property;      // yuan/month (land rent and dividends)
  std::vector<float> contract_premium;   // share added to operating income (contract farming)
  std::vector<std::uint8_t> link_kinds;  // bit k set: a link of LinkKind k

  // Cause accounting (phases/causes.hpp): the largest loss of the last 12 months, written only
  // when a loss happens.
  std::vector<std::uint8_t> cause;        // Cause of that loss
  std::vector<std::uint16_t> cause_loss;  // its amount, in steps of kCauseLossYuan
  std::vector<std::int16_t> cause_month;  // month it happened, or kNever

  std::size_t n() const { return size.size(); }
  std::size_t n_regions() const { return region_begin.size() - 1; }
  /// Per-capita net income over the last 12 months (yuan/person/year).
  double rolling_per_capita(std::size_t i) const {
    return income_sum[i] * static_cast<double>(kRingYuan);
  }
  /// Records household i's per-capita net income of calendar month `slot` (0..11), in yuan.
  void record_month_income(std::size_t i, int slot, double per_capita_yuan) {
    const std::int16_t units = to_units(per_capita_yuan);
    income_sum[i] += units - month_income[slot][i];
    month_income[slot][i] = units;
  }
  /// Sets all 12 months of household i's record to the same per-capita income (yuan).
  void fill_income_record(std::size_t i, double per_capita_yuan) {
    const std::int16_t units = to_units(per_capita_yuan);
    for (auto& column : month_income) column[i] = units;
    income_sum[i] = 12 * units;
  }
  static std::int16_t to_units(double yuan) {
    const double u = yuan / kRingYuan;
    return static_cast<std::int16_t>(u >= 32767.0    ? 32767.0
                                     : u <= -32768.0 ? -32768.0
                                                     : u + (u >= 0 ? 0.5 : -0.5));
  }
  void resize(std::size_t n);
  /// Bytes of state per household (sum of the column element sizes).
  static std::size_t bytes_per_household();
};

}  // namespace povsim
