#pragma once
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace povsim {

/// Named random streams: each mechanism draws from its own so that adding draws to one never
/// shifts another (common random numbers across scenarios).
enum class Stream : std::uint32_t {
  kPopulation = 1,
  kIncomeMonthly = 2,  // the one dense draw per household-month
  kIllness = 3,
  kAccident = 4,
  // 5 and 6 are unused: business failures and livestock losses need no draws of their own (the
  // household-month's kIncomeMonthly word decides them). The other streams keep their numbers,
  // which are part of every draw's counter.
  kDisaster = 7,
  kPrice = 8,
  kDibao = 9,
  kMonitoring = 10,
  kAssistance = 11,
  kEnterprise = 12,
  kLabour = 13,
  kFunds = 14,
  kSweep = 15,             // design points of a sweep (keyed by the sweep's seed)
  kStartingCaseload = 16,  // the monitored stock drawn on the first month
  kMeasurement = 17,       // error of the surveyed income (phases/monitoring.hpp)
  kIndustryProjects = 20,  // household industry projects (phases/industry_projects.hpp)
  kEnsemble = 22,          // parameter draws of a calibration's ensemble (calibrate/ensemble.hpp)
  kDemography = 23,        // births, deaths and life stages each January (phases/demography.hpp)
};

/// Month index used for draws made before the first simulated month (population synthesis).
inline constexpr std::uint32_t kSetupMonth = 0xFFFFFFFFu;

/// Sub-streams: draw numbers (the counter's low 24 bits, beside the stream's 8) that keep a
/// mechanism's draws apart from the per-entity draws 0, 1, 2, … on the same stream. Every such
/// number is named here, so two mechanisms cannot take the same one unawares.
namespace draw {
/// Stream::kEnterprise, entity = enterprise kind: the initial count of the kind (at setup) and
/// each January its sector swing and entries.
inline constexpr std::uint32_t kEnterpriseKind = 0xFFFFFu;
/// Stream::kMonitoring at setup, entity = cadre: the cadre's capacity (apart from the
/// households' own setup draws on this stream).
inline constexpr std::uint32_t kCadreCapacity = 0xFFFFEu;
/// Stream::kEnterprise, entity = enterprise: its own yearly revenue shock.
inline constexpr std::uint32_t kEnterpriseRevenue = 0xFFFFDu;
/// Stream::kEnterprise, entity = enterprise: links of kind k drawn as (k << kLinkKindShift) | d,
/// d = 0, 1, … (fewer than 2^20 draws per kind).
inline constexpr std::uint32_t kLinkKindShift = 20;
/// Stream::kEnterprise, entity = 0, each January: whether a subsidy budget smaller than one
/// enterprise's subsidy pays one (with probability budget / per_enterprise).
inline constexpr std::uint32_t kSubsidyLottery = 0xFFFFCu;
/// Stream::kLabour, entity = 0, each January: whether the transport-subsidy budget's remainder
/// below one payment pays one more (with probability remainder / amount).
inline constexpr std::uint32_t kTransportLottery = 0xFFFFCu;
/// Stream::kFunds, entity = 0 (the year's count) or d + 1 (candidate d): new 小额信贷 loans.
inline constexpr std::uint32_t kNewLoan = 1u << 20;
/// Stream::kPopulation, entity = household: redraw a = 1, 2, … of its income sources takes draws
/// kIncomeRedraw + 3a, + 1, + 2 (the start conditioned on having exited poverty).
inline constexpr std::uint32_t kIncomeRedraw = 1u << 20;
/// Stream::kFunds, entity = borrower's row: whether a loan defaults.
inline constexpr std::uint32_t kLoanDefault = 2u << 20;
}  // namespace draw

/// Counter-based generator (Philox4x32-10): keyed by (seed, replication), counted by
/// (entity, region, month, stream|draw). The same key and counter always give the same numbers,
/// whichever thread asks and in whatever order.
class Rng {
 public:
  using Philox = r123::Philox4x32;

  Rng(std::uint32_t seed, std::uint32_t replication) : key_{{seed, replication}} {}

  /// Four independent 32-bit words for one (entity, region, month, stream, draw) counter.
  std::array<std::uint32_t, 4> words(std::uint32_t entity, std::uint32_t region,
                                     std::uint32_t month, Stream stream,
                                     std::uint32_t draw = 0) const {
    const Philox::ctr_type ctr{
        {entity, region, month, (static_cast<std::uint32_t>(stream) << 24) ^ draw}};
    const Philox::ctr_type out = Philox{}(ctr, key_);
    return {out.v[0], out.v[1], out.v[2], out.v[3]};
  }

  /// Four uniforms in the open interval (0, 1).
  std::array<double, 4> uniforms(std::uint32_t entity, std::uint32_t region, std::uint32_t month,
                                 Stream stream, std::uint32_t draw = 0) const {
    const auto w = words(entity, region, month, stream, draw);
    return {to_unit(w[0]), to_unit(w[1]), to_unit(w[2]), to_unit(w[3])};
  }

  static double to_unit(std::uint32_t w) { return (static_cast<double>(w) + 0.5) * 0x1p-32; }

  /// How many words w have to_unit(w) < p: `w < words_below(p)` is the same test as
  /// `to_unit(w) < p`, with one integer comparison (hot loops compare words, not doubles).
  /// Exact: (w + 0.5)·2^-32 < p ⇔ w + 0.5 < p·2^32, and p·2^32 is exact in a double.
  static std::uint64_t words_below(double p) {
    const double t = p * 0x1p32 - 0.5;  // w counts iff w < t
    if (!(t > 0)) return 0;
    if (t >= 0x1p32) return std::uint64_t{1} << 32;
    return static_cast<std::uint64_t>(std::ceil(t));
  }

  /// The key's two words (seed, replication), for batched generators of the same stream.
  std::uint32_t key_word(int k) const { return key_.v[k]; }

  /// Two standard normals from two uniforms (Box-Muller).
  static std::array<double, 2> normals(double u1, double u2) {
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double a = 6.283185307179586 * u2;
    return {r * std::cos(a), r * std::sin(a)};
  }

 private:
  Philox::key_type key_;
};

/// A lognormal factor with mean 1 and coefficient of variation `cv`, from a standard normal z.
inline double lognormal_unit_mean(double z, double cv) {
  if (cv <= 0.0) return 1.0;
  const double s2 = std::log1p(cv * cv);
  return std::exp(std::sqrt(s2) * z - 0.5 * s2);
}

/// Stable 32-bit id of a name (FNV-1a): regions keep their random streams when others are added.
inline std::uint32_t stable_id(const char* text, std::size_t length) {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < length; ++i) {
    h ^= static_cast<unsigned char>(text[i]);
    h *= 16777619u;
  }
  return h;
}

}  // namespace povsim
