/* Khareeta density: many events as hexagons, each shaded by how many events fall in it.
 *
 * `KhDensity.draw(map, rows, group, options)` bins event rows ([lat, lon, type, ...], see
 * dashboard/payload.py) into pointy-top hexagons of `options.size` pixels at the map's zoom and
 * adds one polygon per hexagon to `group`, drawn on a canvas. The shade goes from light to dark with
 * the count on a log scale (one colour-blind-safe ramp, the cividis family, that no event type
 * uses); `options.tip(cell)` gives a hexagon's hover label (cell: {n, types: {type index: count}}),
 * a click zooms in on the hexagon. Binning is in screen pixels of the current zoom, so a hexagon is
 * the same size on screen at every zoom; the caller draws again when the zoom changes.
 */
(function () {
  "use strict";
  var RAMP = ["#d9dde6", "#b2b9c9", "#8a93a8", "#646f88", "#414f6b", "#20304d"];
  var S3 = Math.sqrt(3);

  // Hexagon (axial q, r) of the point p (pixels), hexagons of `size`: rounding in cube coordinates.
  function hexOf(p, size) {
    var qf = (S3 / 3 * p.x - p.y / 3) / size, rf = (2 / 3 * p.y) / size, sf = -qf - rf;
    var q = Math.round(qf), r = Math.round(rf), s = Math.round(sf);
    var dq = Math.abs(q - qf), dr = Math.abs(r - rf), ds = Math.abs(s - sf);
    if (dq > dr && dq > ds) { q = -r - s; } else if (dr > ds) { r = -q - s; }
    return [q, r];
  }

  function bin(map, rows, zoom, size) {
    var at = {}, cells = [];
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], h = hexOf(map.project([row[0], row[1]], zoom), size), key = h[0] + "," + h[1];
      var cell = at[key];
      if (!cell) { cell = at[key] = { q: h[0], r: h[1], n: 0, types: {} }; cells.push(cell); }
      cell.n += 1;
      cell.types[row[2]] = (cell.types[row[2]] || 0) + 1;
    }
    return cells;
  }

  function corners(map, cell, zoom, size) {
    var cx = size * S3 * (cell.q + cell.r / 2), cy = size * 1.5 * cell.r, out = [];
    for (var k = 0; k < 6; k++) {
      var a = Math.PI / 180 * (60 * k - 30);
      out.push(map.unproject([cx + size * Math.cos(a), cy + size * Math.sin(a)], zoom));
    }
    return out;
  }

  function shade(n, most) {
    var t = most > 1 ? Math.log(n) / Math.log(most) : 1;
    return RAMP[Math.min(RAMP.length - 1, Math.floor(t * RAMP.length))];
  }

  function draw(map, rows, group, options) {
    var zoom = map.getZoom(), size = options.size || 16;
    var cells = bin(map, rows, zoom, size), most = 1, renderer = options.renderer || L.canvas({ padding: 0.5 });
    cells.forEach(function (c) { most = Math.max(most, c.n); });
    cells.forEach(function (cell) {
      var hex = L.polygon(corners(map, cell, zoom, size), {
        renderer: renderer, color: "#ffffff", weight: 1, fillColor: shade(cell.n, most), fillOpacity: 0.78,
        className: "kh-hex"
      });
      hex.khCount = cell.n;
      if (options.tip) { hex.bindTooltip(options.tip(cell), { sticky: true, className: "kh-tip" }); }
      hex.on("click", function () { map.setView(hex.getBounds().getCenter(), Math.min(map.getMaxZoom(), zoom + 2)); });
      group.addLayer(hex);
    });
    return cells.length;
  }

  window.KhDensity = { draw: draw, bin: bin, RAMP: RAMP };
})();
