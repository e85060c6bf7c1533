#pragma once
// Demography (part of phase 2, each January): the members of a household age, die, are born,
// start and leave school. Households carry counts by life stage (workers, members aged 60+,
// students, pre-school children: the members who are none of the others), not ages, so each
// passage is a yearly hazard per member of its stage.
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// The year's demographic events in a block of households (counts of persons).
struct DemographyTally {
  double deaths = 0;            // members aged 60+ who died
  double births = 0;            // children born
  double workers_aged_out = 0;  // workers who turned 60 and stopped working
  double school_starts = 0;     // children who started school
  double school_leavers = 0;    // students who left school and stayed to work
  double moved_out = 0;         // school leavers who left the household
  void add(const DemographyTally& o) {
    deaths += o.deaths;
    births += o.births;
    workers_aged_out += o.workers_aged_out;
    school_starts += o.school_starts;
    school_leavers += o.school_leavers;
    moved_out += o.moved_out;
  }
};

/// One year of demography for households [begin, end) of the region starting at `region_begin`
/// (`demography.enabled`; nothing happens otherwise). One Philox draw per household, keyed by
/// household, region, the month and Stream::kDemography; at most one event of each kind per
/// household and year (the chance of one is 1 − (1 − rate)^members of the stage):
/// - a member aged 60+ dies (`elderly_mortality`): one fewer member and pension; a household of
///   one is kept (the population's households are fixed), so deaths of people living alone are
///   not drawn;
/// - a worker turns 60 (`worker_ageing`): one worker fewer and one member aged 60+ more, the
///   household's wages by (w − 1)/w; the last worker ages out with all wages and migrant work,
///   unless the household holds an enterprise job (the link graph keeps its worker);
/// - a birth (`birth_rate` × members, in households of two or more with a worker): a pre-school
///   child;
/// - a pre-school child starts school (`school_entry`): schooling costs begin;
/// - a student leaves school (`school_leaving`): a share `school_leaver_moves_out` leave the
///   household; the others work locally at the household's wage per worker (`entry_wage` if it had
///   no worker, which then has strong labour).
/// Rows are read and written only for the household itself, so blocks may run in any order.
DemographyTally age_households(Households& hh, std::size_t region_begin, std::size_t begin,
                               std::size_t end, const MonthContext& month,
                               const RegionMonth& region, const Rng& rng);

}  // namespace povsim
