#include "phases/transfers.hpp"

#include <algorithm>
#include <cmath>

namespace povsim {

namespace {

constexpr std::uint8_t kEnrolmentBits = hh_flag::kDibao | hh_flag::kTekun | hh_flag::kDibaoExiting;

void leave(const Households::Rows& hh, std::size_t i) {
  hh.flags[i] &= static_cast<std::uint8_t>(~kEnrolmentBits);
  hh.dibao_monthly[i] = 0;
}

/// x^y: by repeated multiplication for a whole y up to 12 (a year of monthly reviews), which
/// std::pow computes ~10 times slower; std::pow otherwise.
double power(double x, double y) {
  if (y >= 1.0 && y <= 12.0 && y == std::floor(y)) {
    double r = x;
    for (int k = 1; k < static_cast<int>(y); ++k) r *= x;
    return r;
  }
  return std::pow(x, y);
}

}  // namespace

std::size_t dibao_assessment(Households& households, std::size_t region_begin, std::size_t begin,
                             std::size_t end, const RegionMonth& region, const Rng& rng,
                             std::uint32_t month) {
  // Column pointers held in a local: the compiler need not reload them after every store. The
  // income record's slot is not read here.
  const Households::Rows hh = households.rows(0);
  const DibaoParams& p = region.params->transfers.dibao;
  const bool tekun = region.params->transfers.tekun.enabled;
  const int tekun_max_size = region.params->transfers.tekun.max_household_size;
  const double standard = region.dibao_standard;
  // At the period's start a year of reviews has already given each household its chances.
  const double reviews =
      month == kSetupMonth ? 12.0 / std::max(1, p.assessment_interval_months) : 1.0;
  std::size_t enrolled = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (!p.enabled) {
      leave(hh, i);
      continue;
    }
    std::uint8_t flags = hh.flags[i];
    const double size = hh.size[i];
    const double income = expected_per_capita_income(hh, i, region);
    const LabourClass labour = hh.labour[i];
    const bool chronic = flags & hh_flag::kChronic;
    double assessed = income;
    bool assets_pass = true;
    if (p.need_based) {
      // The 民政 means test counts what able-bodied members could earn, not only what they earn;
      // a seriously ill household is spared that (its members cannot be expected to work).
      if (!chronic) {
        const double per_worker = labour == LabourClass::kStrong ? p.imputed_wage_strong
                                  : labour == LabourClass::kWeak ? p.imputed_wage_weak
                                                                 : 0.0;
        assessed = std::max(income, per_worker * hh.workers[i] / size);
      }
      // Property income stands for the assets the test looks at (land rent, dividends, savings).
      assets_pass = !(p.asset_property_limit > 0 && hh.property[i] / size > p.asset_property_limit);
    }
    // 特困: no labour capacity, no earner and no migrant to support it, no living income, and
    // no member bound to support the others (a small household: an elderly person alone or a
    // couple, 社会救助暂行办法 art. 14).
    const bool tekun_eligible = tekun && assets_pass && labour == LabourClass::kNone &&
                                hh.workers[i] == 0 && !(flags & hh_flag::kMigrantAttached) &&
                                income < standard &&
                                (tekun_max_size == 0 || hh.size[i] <= tekun_max_size);
    if (flags & hh_flag::kDibao) {
      if (tekun_eligible) {
        flags = static_cast<std::uint8_t>((flags & ~hh_flag::kDibaoExiting) | hh_flag::kTekun);
        hh.flags[i] = flags;
        hh.dibao_monthly[i] = static_cast<float>(region.tekun_standard * size / 12.0);
      } else if (!assets_pass || assessed > standard * (1.0 + p.exit_margin)) {
        if (p.gradual_exit && !(flags & hh_flag::kDibaoExiting) && !(flags & hh_flag::kTekun)) {
          hh.flags[i] = flags | hh_flag::kDibaoExiting;  // paid as before until the next review
        } else {
          leave(hh, i);
        }
      } else {
        hh.flags[i] =
            flags & static_cast<std::uint8_t>(~(hh_flag::kTekun | hh_flag::kDibaoExiting));
        hh.dibao_monthly[i] = static_cast<float>(std::max(0.0, standard - assessed) * size / 12.0);
      }
    } else if (tekun_eligible || (assets_pass && assessed < standard)) {
      const auto local = static_cast<std::uint32_t>(i - region_begin);
      bool applies = false;
      if (p.need_based) {
        // The larger the gap, the likelier the household applies (and is approved) at a review.
        const double gap_share = (standard - (tekun_eligible ? income : assessed)) / standard;
        double chance = 1.0 - std::exp(-gap_share / p.application_gap_scale);
        if (labour == LabourClass::kNone || chronic)
          chance = std::max(chance, p.priority_application);
        if (reviews != 1.0) chance = 1.0 - power(1.0 - chance, reviews);
        applies = rng.uniforms(local, region.region_id, month, Stream::kDibao)[0] < chance;
      } else {
        // Take-up is a trait of the household (it applies, and is approved, or not), so coverage
        // stays at `take_up` instead of creeping to 1 with repeated assessments.
        applies = rng.uniforms(local, region.region_id, kSetupMonth, Stream::kDibao)[0] < p.take_up;
      }
      if (applies) {
        if (tekun_eligible) {
          hh.flags[i] = flags | hh_flag::kDibao | hh_flag::kTekun;
          hh.dibao_monthly[i] = static_cast<float>(region.tekun_standard * size / 12.0);
        } else {
          hh.flags[i] = flags | hh_flag::kDibao;
          hh.dibao_monthly[i] = static_cast<float>((standard - assessed) * size / 12.0);
        }
      }
    }
    if (hh.flags[i] & hh_flag::kDibao) ++enrolled;
  }
  return enrolled;
}

}  // namespace povsim
