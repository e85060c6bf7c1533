#pragma once
#include <string_view>

namespace povsim {

/// Whether a region-level scenario key (a path such as `assistance.public_jobs.monthly_wage`) is a
/// policy lever: a value a planner sets (a budget, a rule, a programme's terms, a line, a
/// 利益联结 term), as opposed to a description of the place, its people or an assumed effect size.
/// docs/parameters.md marks the levers, and tests/sim/levers_test.cpp checks that moving each one
/// moves a household outcome.
bool is_policy_lever(std::string_view path);

/// Whether `path` matches `pattern` segment by segment: `*` matches any one segment, `name*` any
/// segment that starts with `name`.
bool matches_key_pattern(std::string_view pattern, std::string_view path);

}  // namespace povsim
