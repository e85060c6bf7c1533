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
inline constexpr std::uint8_t kTekun = 64;           // … as 特困 (kDibao is set too)
inline constexpr std::uint8_t kDibaoExiting = 128;  // 低保 in its 渐退期 (above the threshold)
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
inline constexpr std::uint16_t kPending =
    8192;  // found, waiting for approval (months_above counts)
inline constexpr std::uint16_t kEverLinked = 16384;  // linked to an enterprise at some time
}  // namespace mon_flag

/// Monitoring categories (0 = not monitored).
enum class Category : std::uint8_t { kNone = 0, kUnstable = 1, kMarginal = 2, kSudden = 3 };
// 脱贫不稳定户, 边缘易致贫户, 突发严重困难户

inline constexpr std::int16_t kNever = -1;

/// Units of the 12-month income record: per-capita net income per month in steps of 4 yuan
/// (int16, compact on purpose: ±131,000 yuan a month per person).
inline constexpr float kRingYuan = 4.0f;

/// Every per-household column, in checkpoint order: X(element type, name, initial value, slots).
/// A column of 1 slot is a std::vector<type>; one of N slots is N such vectors (the income record:
/// one per calendar month). The members of Households, resize(), bytes_per_household(), the
/// checkpoint's serialisation and its length check (sim/state_io.hpp) and the hot loops' column
/// pointers (Households::Rows) are generated from this list, so a column is added here alone.
/// Incomes are household totals in yuan per year unless the name says otherwise; months are
/// offsets from the period's start.
// clang-format off
#define POVSIM_HOUSEHOLD_COLUMNS(X)                                                                \
  /* Composition (set at synthesis; labour may fall after disability). */                          \
  X(std::uint8_t, size, 0, 1)                                                                      \
  X(std::uint8_t, workers, 0, 1)              /* members who work */                               \
  X(std::uint8_t, elderly, 0, 1)              /* members aged 60+ */                               \
  X(std::uint8_t, students, 0, 1)                                                                  \
  X(LabourClass, labour, LabourClass::kNone, 1)                                                    \
  X(std::uint8_t, flags, 0, 1)                /* hh_flag bits */                                   \
  /* Earning capacity: annual household income by source at current prices (yuan/year). */         \
  X(float, wage_local, 0, 1)                                                                       \
  X(float, wage_migrant, 0, 1)                                                                     \
  X(float, operating, 0, 1)                                                                        \
  X(float, property, 0, 1)                                                                         \
  X(float, subsidy, 0, 1)                                                                          \
  X(float, permanent, 0, 1)                   /* log persistent income deviation (AR(1)) */         \
  /* Transfers and shocks in progress. */                                                          \
  X(float, dibao_monthly, 0, 1)               /* yuan/month while enrolled */                      \
  X(std::uint8_t, sick_months_left, 0, 1)     /* one worker out of work */                         \
  /* Income record: net income so far this calendar year (yuan), and the last 12 months of */      \
  /* per-capita net income in kRingYuan units, month-major ([calendar month - 1][household]), */   \
  /* with their running sum, so that a month's pass touches one slot and the sum only. */          \
  X(float, ytd_net, 0, 1)                                                                          \
  X(std::int16_t, month_income, 0, 12)                                                             \
  X(std::int32_t, income_sum, 0, 1)                                                                \
  /* Monitoring and assistance. */                                                                 \
  X(Category, category, Category::kNone, 1)                                                        \
  X(std::uint16_t, mon_flags, 0, 1)           /* mon_flag bits */                                  \
  X(std::int16_t, risk_since, kNever, 1)      /* month the current risk began, or kNever */        \
  X(std::int16_t, event_month, kNever, 1)     /* last large bill or disability, or kNever */       \
  X(std::uint8_t, months_above, 0, 1)         /* months not at risk (monitored), in procedure */   \
  X(std::uint8_t, motivation, 0, 1)           /* 内生动力, 0..255 */                               \
  X(std::uint8_t, public_job_months_left, 0, 1)                                                    \
  X(std::uint8_t, survey_error, 0, 1)         /* the year's survey error, 256 quantiles */         \
  /* Enterprise links, derived from the link graph by link_income_pass (the household pass */      \
  /* reads them only when hh_flag::kLinked is set). */                                             \
  X(float, link_wage, 0, 1)                   /* yuan/month (employment) */                        \
  X(float, link_coop, 0, 1)                   /* yuan/month (cooperative membership) */            \
  X(float, link_property, 0, 1)               /* yuan/month (land rent and dividends) */           \
  X(float, contract_premium, 0, 1)            /* share added to operating income */                \
  X(std::uint8_t, link_kinds, 0, 1)           /* bit k set: a link of LinkKind k */                \
  /* Cause accounting (phases/causes.hpp): the largest loss of the last 12 months, written */      \
  /* only when a loss happens. */                                                                  \
  X(std::uint8_t, cause, 0, 1)                /* Cause of that loss */                             \
  X(std::uint16_t, cause_loss, 0, 1)          /* its amount, in steps of kCauseLossYuan */         \
  X(std::int16_t, cause_month, kNever, 1)     /* month it happened, or kNever */            \
  /* Industry project (phases/industry_projects.hpp), read by its own monthly pass only. */     \
  X(std::uint8_t, project_kind, 0, 1)         /* ProjectKind, | kProjectFailed once stopped */ \
  X(std::int16_t, project_start, kNever, 1)   /* month it was bought */                        \
  X(float, project_units, 0, 1)               /* stock: head, birds, mu, plots */
// clang-format on

/// The storage of a column of `Slots` slots: one vector, or an array of them.
template <class T, std::size_t Slots>
struct ColumnStorage {
  using type = std::array<std::vector<T>, Slots>;
};
template <class T>
struct ColumnStorage<T, 1> {
  using type = std::vector<T>;
};
template <class T, std::size_t Slots>
using Column = typename ColumnStorage<T, Slots>::type;

/// All households, one column per field (struct of arrays, POVSIM_HOUSEHOLD_COLUMNS), grouped by
/// region: region r owns rows [region_begin[r], region_begin[r+1]).
struct Households {
  std::vector<std::uint32_t> region_begin;  // size n_regions + 1

#define POVSIM_COLUMN_MEMBER(type, name, init, slots) Column<type, slots> name;
  POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_MEMBER)
#undef POVSIM_COLUMN_MEMBER

  /// A pointer to every column's first row (for a column of several slots, to one slot's), for
  /// hot loops: held in a local, the pointers need not be reloaded after every store.
  struct Rows {
#define POVSIM_COLUMN_POINTER(type, name, init, slots) type* name;
    POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_POINTER)
#undef POVSIM_COLUMN_POINTER
  };
  /// The rows of every column, slot `slot` of those with several (the income record's calendar
  /// month - 1).
  Rows rows(std::size_t slot);

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
  static constexpr std::size_t bytes_per_household() {
#define POVSIM_COLUMN_BYTES(type, name, init, slots) +sizeof(type) * (slots)
    return 0 POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_BYTES);
#undef POVSIM_COLUMN_BYTES
  }
  /// Vectors in the columns (a column of N slots has N): the length fields of a checkpoint.
  static constexpr std::size_t column_vectors() {
#define POVSIM_COLUMN_VECTORS(type, name, init, slots) +(slots)
    return 0 POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_VECTORS);
#undef POVSIM_COLUMN_VECTORS
  }
  /// The name of the first column whose length (of any slot) is not `n`, or nullptr when all are.
  const char* column_not_of_length(std::size_t n) const;
};

// Every member but region_begin is a column of the list: a member declared outside it would be
// neither resized nor saved in checkpoints, so it does not compile.
#define POVSIM_COLUMN_SIZE(type, name, init, slots) +sizeof(Column<type, slots>)
static_assert(sizeof(Households) == sizeof(std::vector<std::uint32_t>) +
                                        (0 POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_SIZE)),
              "a Households member outside POVSIM_HOUSEHOLD_COLUMNS");
#undef POVSIM_COLUMN_SIZE

}  // namespace povsim
