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

/// Writes `dir`/report.html (through a temporary file and a rename).
void write_report(const std::filesystem::path& dir, ReportLang lang);

}  // namespace povsim
