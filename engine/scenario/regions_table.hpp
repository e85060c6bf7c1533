#pragma once
#include <filesystem>

#include "core/diagnostics.hpp"
#include "scenario/config_tree.hpp"

namespace povsim {

/// Reads a regions table (`regions_table:` in a scenario): a CSV with the header columns county,
/// province, households and profile (any order; `#` lines and blank lines are skipped), one row
/// per region. Returns the equivalent `regions:` sequence — name = county, province, households,
/// profile (a path relative to the table, as a profile in YAML is relative to the file naming it) —
/// whose nodes carry the table's file:line:col, so later checks point at the row. Problems of the
/// table itself (missing file or column, a row of the wrong width, an empty cell, households not a
/// positive integer) are reported as `table:line:col: error: regions_table[row].column: …`.
/// `read` serves the file instead of the disk when given (scenario/config_tree.hpp).
ConfigNode read_regions_table(const std::filesystem::path& table, const Origin& named_at,
                              Diagnostics& diags, const FileReader& read = {});

}  // namespace povsim
