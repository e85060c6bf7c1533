#pragma once
#include <filesystem>
#include <string>

namespace povsim {

enum class ReportLang { zh, en };

/// Parses "zh" or "en"; throws InputError otherwise.
ReportLang parse_report_lang(const std::string& text);

/// report.html for the results in `dir`: a run (summary.csv + manifest.json) or a compare
/// (compare.csv + one subdirectory per scenario). One self-contained page: the chart libraries
/// (Vega, Vega-Lite, vega-embed) and the data are inlined, nothing is fetched at view time.
/// Throws InputError if `dir` holds neither a run nor a compare.
std::string report_html(const std::filesystem::path& dir, ReportLang lang);

/// Writes `dir`/report.html into a povsim result (add_to_result: the directory must carry
/// povsim's marker; the file is written atomically and listed in the marker). Exit 2 otherwise.
void write_report(const std::filesystem::path& dir, ReportLang lang);

}  // namespace povsim
