#pragma once
#include <string_view>

namespace povsim {

/// The report page's own stylesheet (report/report.css) and script (report/report.js),
/// embedded at build time (cmake/EmbedReportSources.cmake). The script builds Vega-Lite specs
/// from the inlined data and records in the DOM that each chart rendered (data-rendered="true")
/// and any error (#errors), for the browser test.
std::string_view report_style();
std::string_view report_script();

}  // namespace povsim
