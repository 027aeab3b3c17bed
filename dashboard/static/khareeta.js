/* Khareeta map runtime: draws the compact rows made by dashboard/payload.py (map_payload).
 *
 * Rows come inline, or from JSON files the app serves (dashboard/offline.py: publish_json):
 * one small file of rows the map is drawn from at once, and popup files of 1,000 popups
 * each, fetched when a feature they hold is clicked. Popup HTML arrives escaped by the server
 * (dashboard/markup.py); this file only joins those strings and never builds markup from article
 * text. Popups are made on the first click, so 10,000 events cost 10,000 light circle markers
 * and nothing more.
 *
 * Which feature was clicked: every row carries its feature's id (`feature_id`). streamlit-folium
 * reports a click's popup as `last_object_clicked_popup`, the popup element's `innerText`. The
 * element `lazyPopup` builds keeps the id (`data-feature-id`) and has its own `innerText` getter
 * that returns exactly that id, so the app receives the id, not the popup's words, and looks the
 * record up by it (dashboard/payload.py: clicked_record). What the popup shows is unchanged: its
 * HTML, ending with the "ref <id>" line.
 */
(function () {
  "use strict";
  var K = {};
  var DAY = 86400000;

  // Leaflet's keyboard handler focuses the map on a mouse press and then scrolls back its own
  // window only. In the app the map is in a frame: the focus scrolls the *page* to show the whole
  // frame, the feature moves away under the pointer between press and release, and the first
  // click on it is lost whenever the map does not fit the window. Focus without scrolling.
  if (L.Map.Keyboard) {
    L.Map.Keyboard.prototype._onMouseDown = function () {
      if (!this._focused) { this._map.getContainer().focus({ preventScroll: true }); }
    };
  }

  var MAX_STOP_LABELS = 150;  // journeys beyond which their stops are named on hover only

  function dayLabel(d) {
    return new Date(d * DAY).toISOString().slice(0, 10);
  }

  // --- data --------------------------------------------------------------------------------

  var files = window.__khPrefetch || {};  // started by prefetch.js while this file loaded
  function fetchJson(url) {
    if (!files[url]) {
      files[url] = window.__khJson(url);  // prefetch.js, loaded first: it inflates a gzipped file
      files[url].catch(function () { delete files[url]; });  // a failed file is asked for again next time
    }
    return files[url];
  }

  // A layer's rows: inline (`spec.rows`), or the part `spec.part` of the file at `spec.src`: all of them,
  // or those `spec.pick` marks (the rows file is every stored feature's, fetched once; a filter change
  // sends, with the map, a bitmap of the rows it keeps per part: bitmaps.pick_bits).
  function picked(all, bits) {
    var s = atob(bits), rows = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      for (var j = 0; c; j++, c >>= 1) { if (c & 1) { rows.push(all[i * 8 + j]); } }
    }
    return rows;
  }
  function load(spec) {
    if (!spec.src) {
      return Promise.resolve({ rows: spec.rows || [], types: spec.types || [], names: spec.names || [] });
    }
    return fetchJson(spec.src).then(function (d) {
      var all = spec.part ? d[spec.part] || [] : d;
      var rows = typeof spec.pick === "string" ? picked(all, spec.pick) : all;
      return { rows: rows, types: spec.types || [], names: d.names || [] };
    });
  }

  // A hover label made of text nodes only (names come from articles: never parsed as HTML).
  function textTip(lines) {
    return function () {
      var div = document.createElement("div");
      lines.forEach(function (line, k) {
        if (k) { div.appendChild(document.createElement("br")); }
        div.appendChild(document.createTextNode(line));
      });
      return div;
    };
  }

  // What, who, when of an event row: "Battles", "ISIS vs Iraqi forces", "2016-10-17 .. 2016-10-20".
  function eventTip(r, types, names) {
    var who = [r[8], r[9]].filter(function (a) { return a >= 0; }).map(function (a) { return names[a]; });
    var when = r[3] === null ? "undated" : dayLabel(r[3]) + (r[4] !== null && r[4] !== r[3] ? " .. " + dayLabel(r[4]) : "");
    return [(types[r[2]] || ["Event"])[0], who.length ? who.join(" vs ") : "actor not named", when];
  }

  // A row's popup: its HTML and its article's source line; the HTML inline, or the row holds its number
  // among the popup pages (`spec.popups`, `spec.chunk` a page) and a click fetches that one page.
  function popupOf(spec, row, doc) {
    var p = Array.isArray(row) ? row[row.length - 1] : row.p;
    if (!spec.src) {
      return function () { return p + ((spec.docs || [])[doc] || ""); };
    }
    var k = Math.floor(p / spec.chunk);
    return function () {
      if (!(p >= 0) || !spec.popups[k]) { return Promise.reject(new Error("no popup for this feature")); }
      return Promise.all([fetchJson(spec.src), fetchJson(spec.popups[k])]).then(function (got) {
        return got[1][p - k * spec.chunk] + (got[0].docs[doc] || "");
      });
    };
  }

  // The popup element of feature `id`: its HTML, and an `innerText` that is exactly the id. That
  // is what streamlit-folium reads (`getPopup().getContent().innerText`) and sends to the app as
  // `last_object_clicked_popup`; the page finds the record by it. Only this element's own
  // property is redefined: the text the user sees and can copy is the HTML's.
  function popupElement(id, html) {
    var div = document.createElement("div");
    div.className = "kh-popup";
    div.dataset.featureId = id;
    div.innerHTML = html;
    Object.defineProperty(div, "innerText", { get: function () { return id; }, configurable: true });
    return div;
  }

  // Bind the popup on the first click, once its HTML is there; then click again, so Leaflet
  // opens it and streamlit-folium reports the feature's id (the app shows the details beside the map).
  function lazyPopup(layer, html, id) {
    layer.khId = String(id);  // what a row of the page's table names (see focusOn)
    layer.on("click", function (e) {
      if (layer.getPopup()) { return; }
      L.DomEvent.stop(e);
      Promise.resolve(html()).then(function (text) {
        if (layer.getPopup()) { return; }
        var div = popupElement(String(id), text);
        layer.bindPopup(div, { maxWidth: 400, minWidth: 260, autoPanPadding: [40, 40] });
        layer.fire("click", { latlng: e.latlng, originalEvent: e.originalEvent }, true);
      }).catch(function (err) {  // said where the click was, never silent; the next click tries again
        var div = document.createElement("div");
        div.className = "kh-popup-failed";
        div.textContent = "The details of this feature could not be loaded (" + err.message +
          "). Click it again, or reload the page.";
        var map = layer._map || (layer.getLayers && layer.getLayers()[0] && layer.getLayers()[0]._map);
        if (map) { L.popup({ maxWidth: 320 }).setLatLng(e.latlng).setContent(div).openOn(map); }
      });
    });
  }

  // The playback's time: everything up to `day` (all when null), or with `from` only what overlaps the
  // window from `from` to `day` (a sliding window): a period [t0, t1] (t1 null: one day) that starts on or
  // before its end and ends on or after its start. Undated features are left out while it plays.
  function inTime(t0, t1, day, from) {
    if (day === null) { return true; }
    if (t0 === null || t0 > day) { return false; }
    return from === null || from === undefined || (t1 === null || t1 === undefined ? t0 : t1) >= from;
  }

  function timeFilter(group, items, add) {
    group.khSetTime = function (day, from) {
      var keep = day === null ? items : items.filter(function (it) { return inTime(it.khT0, it.khT1, day, from); });
      group.clearLayers();
      add(keep);
    };
  }

  // --- base layers ---------------------------------------------------------------------------

  K.tiles = function (map, data, o) {
    var box = map.getContainer();
    var tiles = L.tileLayer(o.url, { maxZoom: 18, attribution: o.attribution });
    tiles.on("tileload", function () { box.classList.add("kh-online"); box.classList.remove("kh-offline"); });
    tiles.on("tileerror", function () { if (!box.classList.contains("kh-online")) { box.classList.add("kh-offline"); } });
    tiles.on("remove", function () { box.classList.remove("kh-online"); });
    return tiles;
  };

  K.blank = function () { return L.layerGroup(); };

  // --- names on the basemap: countries, governorates, towns; in English or Arabic ------------

  var ARABIC = /[\u0600-\u06FF]/;
  var LANG_KEY = "khareeta.names";
  function savedLang() {
    try { return window.localStorage.getItem(LANG_KEY) === "ar" ? "ar" : "en"; } catch (e) { return "en"; }
  }

  // A point to about a kilometre: a town's name and a journey's stop there are the same place.
  function pointKey(ll) { return Number(ll[0]).toFixed(2) + "," + Number(ll[1]).toFixed(2); }

  // A name in the chosen language, else in the other; Arabic text is marked right-to-left.
  function nameSpan(en, ar, lang) {
    var span = document.createElement("span");
    var text = lang === "ar" ? (ar || en) : (en || ar);
    span.textContent = text || "";
    span.dir = ARABIC.test(span.textContent) ? "rtl" : "ltr";
    span.lang = span.dir === "rtl" ? "ar" : "en";
    return span;
  }

  // Town and governorate names (dashboard/place_labels.py: label_rows): each a zero-size icon at its
  // point, the text centred on it by CSS; only those of this zoom and near the view are in the page.
  function placeLabels(map, data, group) {
    var zooms = data.regionZooms || [6, 8];
    var items = (data.regions || []).map(function (r) {
      return { ll: [r[0], r[1]], z: zooms[0], zmax: zooms[1], en: r[3], ar: r[4],
               cls: "kh-region" + (r[2] === 0 ? " kh-region-under" : "") };
    }).concat((data.places || []).map(function (r) {
      return { ll: [r[0], r[1]], z: r[2], zmax: 99, en: r[4], ar: r[5], cls: "kh-place kh-place-" + r[3] };
    }));
    function update() {
      if (!map._loaded) { return; }
      var z = map.getZoom(), view = map.getBounds().pad(0.25);
      var stops = map.khStops || {};  // a journey's stop is named by the journey (stopLabels): not twice
      items.forEach(function (it) {
        var on = z >= it.z && z <= it.zmax && view.contains(it.ll) && !stops[pointKey(it.ll)];
        if (on && !it.m) {
          var span = nameSpan(it.en, it.ar, group.khLang);
          span.dataset.lat = it.ll[0]; span.dataset.lon = it.ll[1];
          it.m = L.marker(it.ll, { icon: L.divIcon({ html: span, className: it.cls, iconSize: null }),
                                   interactive: false, keyboard: false, pane: "khPlaces" });
          group.addLayer(it.m);
        } else if (!on && it.m) {
          group.removeLayer(it.m);
          it.m = null;
        }
      });
    }
    group.khRedrawNames = function () {
      items.forEach(function (it) { if (it.m) { group.removeLayer(it.m); it.m = null; } });
      update();
    };
    map.on("zoomend moveend khstops", update);
    map.whenReady(update);
    map.getContainer().dataset.labels = String(items.length);
  }

  // "Names in Arabic / English": two buttons over the zoom; the choice is kept for the next map.
  function languageControl(map, group) {
    var ctl = L.control({ position: "topleft" });
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "kh-lang leaflet-bar");
      div.title = "Names in Arabic / English";
      [["en", "EN", "Names in English"], ["ar", "عربي", "الأسماء بالعربية"]].forEach(function (b) {
        var a = L.DomUtil.create("a", "kh-lang-" + b[0], div);
        a.href = "#"; a.textContent = b[1]; a.title = b[2]; a.setAttribute("role", "button");
        a.dataset.lang = b[0];
        L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); group.khSetLang(b[0]); });
      });
      function mark() {
        div.querySelectorAll("a").forEach(function (a) {
          var on = a.dataset.lang === group.khLang;
          a.classList.toggle("kh-on", on);
          a.setAttribute("aria-pressed", on ? "true" : "false");
        });
      }
      group.on("kh-lang", mark);
      mark();
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    ctl.addTo(map);
  }

  K.borders = function (map, spec) {
    // Borders and, above them, the names: a pane of their own, since Leaflet stacks a marker by its
    // height on the screen and the borders' SVG at 200 (a name near the top would sit under it).
    // Town and governorate names lie between the borders and the country names, all under the data.
    [["khBase", 250], ["khPlaces", 255], ["khLabels", 260]].forEach(function (p) {
      map.createPane(p[0]);
      map.getPane(p[0]).style.zIndex = p[1];
      map.getPane(p[0]).style.pointerEvents = "none";
    });
    var group = L.layerGroup(), box = map.getContainer(), countries = [];
    group.khLang = savedLang();
    group.khSetLang = function (lang) {
      group.khLang = lang;
      try { window.localStorage.setItem(LANG_KEY, lang); } catch (e) { /* private mode: this map only */ }
      countries.forEach(function (c) { c.m.setIcon(countryIcon(c.f)); });
      if (group.khRedrawNames) { group.khRedrawNames(); }
      box.dataset.names = lang;
      group.fire("kh-lang");
    };
    box.dataset.names = group.khLang;
    // A label is a zero-size icon at its point with the name centred on it by CSS: nothing is
    // measured, so it stays right whenever the styles arrive (a tooltip measured its own width
    // once, before the frame's CSS had loaded, and sat half a map west of its country).
    function countryIcon(f) {
      var span = nameSpan(f.properties.name, f.properties.name_ar, group.khLang);
      span.dataset.iso2 = f.properties.iso2;
      return L.divIcon({ html: span, className: "kh-country", iconSize: null });
    }
    group.khLoaded = load(spec).then(function (d) {
      var fc = d.rows;
      box.dataset.borders = fc.source || "countryinfo";
      group.addLayer(L.geoJSON(fc, {
        pane: "khBase", interactive: false, attribution: fc.source ? "Made with Natural Earth" : "",
        style: function (f) {
          return { color: "#9a9186", weight: 1, fillColor: "#f5f2ea", fillOpacity: 1,
                   className: "kh-land kh-land-" + (f.properties.iso2 || "none") };
        }
      }));
      fc.features.forEach(function (f) {
        if (!f.properties.label) { return; }
        var m = L.marker(f.properties.label, { icon: countryIcon(f), interactive: false, keyboard: false,
                                               pane: "khLabels" });
        countries.push({ m: m, f: f });
        group.addLayer(m);
      });
      var names = spec.labels || fc.labels;
      if (!names) { return; }
      var got = typeof names === "string" ? fetchJson(names) : Promise.resolve(names);
      return got.then(function (data) {
        placeLabels(map, data, group);
        languageControl(map, group);
      }).catch(function () { /* the borders are still there: a map without town names */ });
    });
    function zoomClass() { box.classList.toggle("kh-zoomed-out", map.getZoom() < 4); }
    map.on("zoomend", zoomClass);
    map.whenReady(zoomClass);
    return group;
  };

  // --- the four kinds ------------------------------------------------------------------------

  function clusterIcon(types) {
    return function (cluster) {
      var ms = cluster.getAllChildMarkers(), counts = {};
      for (var i = 0; i < ms.length; i++) {
        var t = ms[i].khType;
        counts[t] = (counts[t] || 0) + 1;
      }
      var n = cluster.getChildCount();
      var size = n < 10 ? 26 : n < 100 ? 32 : n < 1000 ? 38 : 44;
      // The mix of event types as a segmented ring, the most common first (from the top, clockwise).
      var order = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; });
      var stops = [], mix = [], at = 0;
      order.forEach(function (t) {
        var color = (types[t] || ["", "#7f8c8d"])[1], from = at;
        at += 100 * counts[t] / ms.length;
        stops.push(color + " " + from.toFixed(2) + "% " + at.toFixed(2) + "%");
        mix.push(t + ":" + counts[t]);
      });
      return L.divIcon({
        html: '<div style="background:conic-gradient(' + stops.join(",") + ')" data-mix="' + mix.join(",") +
              '"><span>' + n + "</span></div>",
        className: "kh-cluster", iconSize: L.point(size, size)
      });
    };
  }

  // A circle marker drawn as a polygon (`options.corners`: [x, y] on a unit circle, scaled by its radius),
  // so that an event's type is told by its shape as well as its colour; a circle where there are none.
  var ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var corners = this.options.corners, rend = this._renderer, p = this._point, r = this._radius;
      if (!corners || !corners.length || !rend._setPath) { L.CircleMarker.prototype._updatePath.call(this); return; }
      if (this._empty()) { rend._setPath(this, "M0 0"); return; }
      rend._setPath(this, "M" + corners.map(function (c) { return (p.x + c[0] * r) + "," + (p.y + c[1] * r); })
        .join("L") + "z");
    }
  });

  // An event row's marker: its type's colour and shape (payload: types [name, colour, count, shape], the
  // shapes' corners in `spec.shapes`), or a soft halo when it is placed at a district or a province.
  function eventMarker(spec, types, r) {
    var type = types[r[2]] || ["", "#7f8c8d", 0, "circle"], fill = type[1], vague = r[5] >= 2;
    // Placed at a district (geo precision 2) or a province (3), not at a town: a soft, wide disc
    // with a blurred edge (a halo), larger the vaguer it is, never a crisp pin.
    var m = new ShapeMarker([r[0], r[1]], vague ? {
      radius: r[5] >= 3 ? 17 : 12, color: fill, weight: 9, opacity: 0.18, fillColor: fill,
      fillOpacity: r[5] >= 3 ? 0.22 : 0.32, className: "kh-event kh-vague kh-vague-" + r[5]
    } : {
      radius: 7, color: "#ffffff", weight: 1.5, fillColor: fill, fillOpacity: 0.92, className: "kh-event",
      corners: (spec.shapes || {})[type[3]] || null
    });
    m.khType = r[2]; m.khT0 = r[3]; m.khT1 = r[4]; m.khTip = r;
    lazyPopup(m, popupOf(spec, r, r[6]), r[7]);
    return m;
  }

  // `names()`: the actors' names the rows point at (known once the rows are loaded).
  function eventCluster(types, names, o) {
    var group = L.markerClusterGroup({
      maxClusterRadius: o.clusterRadius || 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      chunkedLoading: false, iconCreateFunction: clusterIcon(types),
      disableClusteringAtZoom: o.openAtZoom || null
    });
    // The hover label is made on the first hover (100,000 markers need none of them before).
    group.on("mouseover", function (e) {
      var m = e.layer;
      if (!m || !m.khTip || m.getTooltip()) { return; }
      m.bindTooltip(textTip(eventTip(m.khTip, types, names())), { direction: "top", offset: [0, -6],
                                                                  className: "kh-tip" });
      m.openTooltip();
    });
    return group;
  }

  // A hexagon's hover label: how many events, and their types, the most common first.
  function hexTip(types) {
    return function (cell) {
      var order = Object.keys(cell.types).sort(function (a, b) { return cell.types[b] - cell.types[a]; });
      var lines = [cell.n.toLocaleString("en") + " events (zoom in to see them)"];
      order.slice(0, 4).forEach(function (t) {
        lines.push((types[t] || ["Other"])[0] + ": " + Math.round(100 * cell.types[t] / cell.n) + "%");
      });
      return textTip(lines);
    };
  }

  // Many events (more than `o.denseOver`): hexagons shaded by how many events they hold while the view
  // holds more than `o.markersMax` of them and the zoom is wider than `o.markersAtZoom`; else the
  // events in (and around) the view as clustered markers. Drawn again as the view moves, the zoom
  // changes or the playback's day does; a marker is made once, when its event first comes into view.
  function denseEvents(map, spec, o, types, d, group) {
    var rows = d.rows, day = null, from = null, mode = null, built = null, drawnAt = null, drawnDay;
    var cluster = eventCluster(types, function () { return d.names; }, o), hexes = L.featureGroup();
    var made = {}, byId = null;  // by id: made at the first feature chosen in the table
    var renderer = L.canvas({ padding: 0.5 });
    function marker(r) { return made[r[7]] || (made[r[7]] = eventMarker(spec, types, r)); }
    function current() {
      return day === null ? rows : rows.filter(function (r) { return inTime(r[3], r[4], day, from); });
    }
    function use(layer, other) {
      if (group.hasLayer(other)) { group.removeLayer(other); }
      if (!group.hasLayer(layer)) { group.addLayer(layer); }
    }
    function draw() {
      if (!group._map) { return; }
      var now = current(), view = map.getBounds(), zoom = map.getZoom(), inView = 0;
      for (var i = 0; i < now.length && inView <= o.markersMax; i++) {
        if (view.contains([now[i][0], now[i][1]])) { inView += 1; }
      }
      if (zoom >= o.markersAtZoom || inView <= o.markersMax) {
        if (mode !== "markers" || drawnDay !== day + ":" + from || !built || !built.contains(view)) {
          built = view.pad(0.5);
          cluster.clearLayers();
          cluster.addLayers(now.filter(function (r) { return built.contains([r[0], r[1]]); }).map(marker));
        }
        mode = "markers";
        use(cluster, hexes);
      } else {
        if (mode !== "hexes" || drawnDay !== day + ":" + from || drawnAt !== zoom) {
          hexes.clearLayers();
          KhDensity.draw(map, now, hexes, { size: 16, tip: hexTip(types), renderer: renderer });
          drawnAt = zoom;
        }
        mode = "hexes";
        use(hexes, cluster);
      }
      drawnDay = day + ":" + from;
      map.getContainer().dataset.events = mode;
    }
    group.on("add", function () { map.on("moveend", draw); draw(); });
    group.on("remove", function () { map.off("moveend", draw); });
    if (group._map) { map.on("moveend", draw); }
    group.khSetTime = function (when, start) { day = when; from = start === undefined ? null : start; draw(); };
    group.khRows = function () { return rows; };
    // A feature chosen in the table: its town at the zoom markers show, then its marker opened.
    group.khFocus = function (id, open) {
      if (!byId) {
        byId = {};
        rows.forEach(function (row) { byId[row[7]] = row; });
      }
      var r = byId[id];
      if (!r) { return false; }
      map.setView([r[0], r[1]], Math.max(map.getZoom(), o.markersAtZoom), { animate: false });
      draw();
      var m = made[id];
      if (m) { cluster.zoomToShowLayer(m, function () { open(m); }); }
      return !!m;
    };
    draw();
  }

  // Events: [lat, lon, type, first day, last day, geo precision, doc, id, actor1, actor2, (popup)],
  // clustered; more than `o.denseOver` of them as a density at wide zooms (`denseEvents`). The layer
  // holds the clusters (or the density); `khSetTime` shows a day's, `khFocus` opens one event.
  K.events = function (map, spec, o) {
    var types = spec.types || [];
    var group = L.featureGroup();
    group.khSpec = spec;
    group.khLoaded = load(spec).then(function (d) {
      if (o.denseOver && d.rows.length > o.denseOver) {
        denseEvents(map, spec, o, types, d, group);
        return;
      }
      var cluster = eventCluster(types, function () { return d.names; }, o);
      var items = d.rows.map(function (r) { return eventMarker(spec, types, r); });
      // One pass, not in chunks: 10,000 markers cluster in about 0.2 s, and then the map is whole.
      cluster.addLayers(items);
      group.addLayer(cluster);
      timeFilter(cluster, items, function (keep) { cluster.addLayers(keep); });
      group.khSetTime = cluster.khSetTime;
      group.khFocus = function (id, open) {
        var m = findById(cluster, id);
        if (m) { cluster.zoomToShowLayer(m, function () { open(m); }); }
        return !!m;
      };
    });
    return group;
  };

  function arrowHead(color, size) {
    return L.Symbol.arrowHead({ pixelSize: size, polygon: true, pathOptions: {
      stroke: true, color: "#ffffff", weight: 1, fill: true, fillColor: color, fillOpacity: 1,
      interactive: false, className: "kh-arrow" } });
  }

  // Movements: {c: [[lat, lon], ...], k: colour, t: [first, last day], d: doc, i: id}: dashed lines
  // in travel order, a hollow dot where they start, arrowheads along.
  // The stops of the journeys shown, by name beside their points, each place once (many journeys
  // start in one town): the start of a journey in italics, its end in bold.
  function stopLabels(shown) {
    var at = {};
    shown.forEach(function (it) {
      var r = it.khRow, last = r.c.length - 1;
      r.c.forEach(function (ll, k) {
        var key = ll[0].toFixed(4) + "," + ll[1].toFixed(4);
        var role = k === 0 ? "start" : (k === last ? "end" : "via");
        if (!at[key]) { at[key] = { ll: ll, name: (r.n || [])[k] || "", roles: {} }; }
        at[key].roles[role] = true;
      });
    });
    return Object.keys(at).map(function (key) {
      var s = at[key];
      var mark = L.marker(s.ll, { icon: L.divIcon({ className: "kh-stop", html: "", iconSize: null }),
                                  interactive: false, keyboard: false, pane: "khStops" });
      mark.on("add", function () {
        var el = mark.getElement();
        if (el && !el.firstChild) {
          var span = document.createElement("span");
          span.className = Object.keys(s.roles).sort().map(function (x) { return "kh-stop-" + x; }).join(" ");
          span.textContent = s.name;
          el.appendChild(span);
        }
      });
      return mark;
    });
  }

  // The journeys of one flow (same start, same end), listed in its popup: when, who, by which towns; text
  // nodes only (the names come from articles).
  function flowList(f, names) {
    var div = document.createElement("div");
    div.className = "kh-flow-list";
    var head = document.createElement("b");
    head.textContent = f.rows.length + " journeys: " + f.from + " \u2192 " + f.to;
    div.appendChild(head);
    var ol = document.createElement("ol");
    f.rows.slice(0, 50).forEach(function (r) {
      var li = document.createElement("li");
      var when = r.t[0] === null ? "undated" : dayLabel(r.t[0]);
      li.textContent = when + " \u00b7 " + (r.a >= 0 ? names[r.a] : "actor not named") + " \u00b7 " + (r.n || []).join(" \u2192 ");
      ol.appendChild(li);
    });
    div.appendChild(ol);
    if (f.rows.length > 50) {
      var more = document.createElement("div");
      more.textContent = "and " + (f.rows.length - 50) + " more: the table below the map lists them all.";
      div.appendChild(more);
    }
    return div;
  }

  // Very many journeys (more than `o.flowOver`): one line per start and end, as wide as the journeys on it
  // are many (by area: the square root), in the colour of who makes most of them, an arrowhead at the end;
  // its popup lists them. Drawn again for the playback's day.
  function flows(map, d, group) {
    var day = null, from = null;
    function draw() {
      group.clearLayers();
      var by = {}, list = [], most = 1;
      d.rows.forEach(function (r) {
        if (!inTime(r.t[0], r.t[1], day, from)) { return; }
        var a = r.c[0], b = r.c[r.c.length - 1], key = pointKey(a) + ">" + pointKey(b), names = r.n || [];
        var f = by[key];
        if (!f) {
          f = by[key] = { a: a, b: b, rows: [], colors: {}, from: names[0] || "?", to: names[names.length - 1] || "?" };
          list.push(f);
        }
        f.rows.push(r);
        f.colors[r.k] = (f.colors[r.k] || 0) + 1;
        most = Math.max(most, f.rows.length);
      });
      list.forEach(function (f) {
        var color = Object.keys(f.colors).sort(function (x, y) { return f.colors[y] - f.colors[x]; })[0];
        var line = L.polyline([f.a, f.b], { color: color, weight: 2 + 12 * Math.sqrt(f.rows.length / most),
                                            opacity: 0.75, lineCap: "round", className: "kh-flow" });
        line.khCount = f.rows.length;
        line.bindTooltip(textTip([f.rows.length + " journeys", f.from + " \u2192 " + f.to]),
                         { sticky: true, className: "kh-tip" });
        line.bindPopup(flowList(f, d.names), { maxWidth: 420, minWidth: 260 });
        group.addLayer(line);
        group.addLayer(L.polylineDecorator(line, { patterns: [
          { offset: "100%", repeat: 0, symbol: arrowHead(color, 12 + line.options.weight) }] }));
      });
    }
    draw();
    group.khSetTime = function (when, start) { day = when; from = start === undefined ? null : start; draw(); };
    group.khFlows = function () { return group.getLayers().filter(function (l) { return l.khCount; }); };
  }

  K.movements = function (map, spec, o) {
    if (!map.getPane("khStops")) { map.createPane("khStops").style.zIndex = 640; }
    var group = L.featureGroup();
    group.khSpec = spec;
    group.khLoaded = load(spec).then(function (d) {
      if (o && o.flowOver && d.rows.length > o.flowOver) {
        flows(map, d, group);
        return;
      }
      var items = d.rows.map(function (r, i) {
        var line = L.polyline(r.c, { color: r.k, weight: 3.5, opacity: 0.95, dashArray: "9 7",
                                     className: "kh-movement" });
        var deco = L.polylineDecorator(line, { patterns: [
          { offset: 60, endOffset: 30, repeat: 110, symbol: arrowHead(r.k, 10) },
          { offset: "100%", repeat: 0, symbol: arrowHead(r.k, 15) }
        ] });
        var start = L.circleMarker(r.c[0], { radius: 5, color: r.k, weight: 2.5, fillColor: "#ffffff",
                                             fillOpacity: 1, className: "kh-movement-start" });
        var html = popupOf(spec, r, r.d);
        lazyPopup(line, html, r.i);
        lazyPopup(start, html, r.i);
        var who = r.a >= 0 ? d.names[r.a] + ": " : "";
        line.bindTooltip(textTip([who + (r.n || []).join(" \u2192 ")]), { sticky: true, className: "kh-tip" });
        var item = L.featureGroup([line, deco, start]);
        item.khT0 = r.t[0]; item.khT1 = r.t[1]; item.khRow = r;
        return item;
      });
      var labels = [];
      function named(on) {  // the towns the basemap leaves unnamed while the stops are (see placeLabels)
        map.khStops = {};
        if (on) { labels.forEach(function (m) { map.khStops[pointKey([m.getLatLng().lat, m.getLatLng().lng])] = true; }); }
        map.fire("khstops");
      }
      function show(keep) {
        keep.forEach(function (it) { group.addLayer(it); });
        labels = keep.length <= MAX_STOP_LABELS ? stopLabels(keep) : [];
        labels.forEach(function (m) { group.addLayer(m); });
        named(map.hasLayer(group));
      }
      group.on("add", function () { named(true); });
      group.on("remove", function () { named(false); });
      show(items);
      timeFilter(group, items, show);
    });
    return group;
  };

  // Routes: {c, k, x: dashed, d, i}: cased lines coloured by who holds them, dashed when cut; a ring
  // for a road known by one town.
  // Routes: {c, k: who holds it, x: dashed (cut or contested), t: period, r: the road, d, i}. The playback
  // shows each road as held on its day: of the records of one road (`r`), the one last dated up to that day
  // (one of unknown date counts as earlier than any dated one); every record when no day is set.
  K.routes = function (map, spec) {
    var group = L.featureGroup(), items = [];
    group.khSpec = spec;
    group.khLoaded = load(spec).then(function (d) {
      d.rows.forEach(function (r) {
        var html = popupOf(spec, r, r.d), drawn = [];
        if (r.c.length === 1) {
          var ring = L.circleMarker(r.c[0], { radius: 6, color: r.k, weight: 3, fillColor: "#ffffff",
                                              fillOpacity: 1, className: "kh-route" });
          lazyPopup(ring, html, r.i);
          drawn.push(ring);
        } else {
          drawn.push(L.polyline(r.c, { color: "#ffffff", weight: 9, opacity: 0.9, interactive: false,
                                       lineCap: "round", className: "kh-route-casing" }));
          var line = L.polyline(r.c, { color: r.k, weight: 5, opacity: 0.95, lineCap: "round",
                                       dashArray: r.x ? "2 9" : null, className: "kh-route" });
          lazyPopup(line, html, r.i);
          drawn.push(line);
        }
        drawn.forEach(function (l) { l.khRow = r; group.addLayer(l); });
        items.push({ r: r, drawn: drawn });
      });
    });
    group.khSetTime = function (day) {
      var last = {};
      items.forEach(function (it) {
        var t = it.r.t && it.r.t[0] !== null && it.r.t[0] !== undefined ? it.r.t[0] : -Infinity;
        if (day !== null && t > day) { return; }
        var key = it.r.r || it.r.i;
        if (!last[key] || t >= last[key].t) { last[key] = { t: t, it: it }; }  // a later record wins a tie
      });
      var keep = day === null ? items : Object.keys(last).map(function (k) { return last[k].it; });
      group.clearLayers();
      keep.forEach(function (it) { it.drawn.forEach(function (l) { group.addLayer(l); }); });
    };
    return group;
  };

  // Places: [lat, lon, doc, id, (popup)], small dots (on a canvas when there are many).
  K.places = function (map, spec) {
    var group = L.featureGroup();
    group.khSpec = spec;
    group.khLoaded = load(spec).then(function (d) {
      var canvas = d.rows.length > 3000 ? L.canvas({ padding: 0.3 }) : undefined;
      d.rows.forEach(function (r, i) {
        var dot = L.circleMarker([r[0], r[1]], { radius: 3.5, color: "#ffffff", weight: 1, fillColor: "#34495e",
                                                 fillOpacity: 0.9, className: "kh-place", renderer: canvas });
        lazyPopup(dot, popupOf(spec, r, r[2]), r[3]);
        group.addLayer(dot);
      });
    });
    return group;
  };

  // --- controls ------------------------------------------------------------------------------

  // Who holds what: [lat, lon, place, holder, left by, colour, day, id, key] changes of hands in the
  // order they happened; each town is ringed in the colour of its last holder up to the day shown
  // (grey and dashed when it was left with no holder named), with the change on hover.
  K.control = function (map, spec) {
    var group = L.featureGroup();
    var rows = spec.rows || [];
    function show(day) {
      var last = {};
      rows.forEach(function (r) { if (day === null || r[6] === null || r[6] <= day) { last[r[8]] = r; } });
      group.clearLayers();
      Object.keys(last).forEach(function (k) {
        var r = last[k], held = !!r[3];
        var ring = L.circleMarker([r[0], r[1]], { radius: 13, color: r[5], weight: 4, opacity: 0.9, fill: false,
                                                 dashArray: held ? null : "4 4", interactive: true,
                                                 className: held ? "kh-held" : "kh-held kh-left" });
        var since = r[6] === null ? "date unknown" : "since " + dayLabel(r[6]);
        ring.bindTooltip(textTip([r[2] + ": " + (held ? "held by " + r[3] : "left by " + r[4] + ", holder unknown"),
                                  since]), { className: "kh-tip" });
        ring.khRow = r;
        group.addLayer(ring);
      });
    }
    show(null);
    group.khSetTime = show;
    group.khLoaded = Promise.resolve();
    return group;
  };

  function legendControl(map, html) {
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "kh-legend");
      div.innerHTML = html;  // built from escaped text on the server
      var details = div.querySelector("details");
      if (details && map.getSize().x < 1000) { details.open = false; }  // a narrow map keeps it folded
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return legend.addTo(map);
  }

  // The playback (timemap's): what the map shows as a day moves, either everything up to that day or a
  // window of a week, a month or a quarter sliding with it (`inTime`); who holds what, towns and roads, as
  // of the day, the window's end. Its speed from half to four times (a tick every 800 to 100 ms), changed while it plays.
  var WINDOWS = [[0, "up to the day"], [7, "a week"], [30, "a month"], [91, "3 months"]];
  var SPEEDS = [[800, "\u00bd\u00d7"], [400, "1\u00d7"], [200, "2\u00d7"], [100, "4\u00d7"]];

  function choice(div, cls, title, options, value) {
    var sel = L.DomUtil.create("select", cls, div);
    sel.title = title;
    options.forEach(function (o) {
      var opt = document.createElement("option");
      opt.value = String(o[0]); opt.textContent = o[1]; opt.selected = o[0] === value;
      sel.appendChild(opt);
    });
    return sel;
  }

  function playbackControl(map, span, layers) {
    var timed = [layers.events, layers.movements, layers.routes, layers.control].filter(function (l) {
      return l && l.khSetTime;
    });
    if (!span || !timed.length || span[1] <= span[0]) { return null; }  // one day: nothing to play
    var lo = span[0], hi = span[1], timer = null, shown = null, width = 0, every = 400;
    var ctl = L.control({ position: "bottomleft" });
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "kh-playback");
      var play = L.DomUtil.create("button", "kh-play", div);
      play.type = "button"; play.textContent = "▶"; play.title = "Play events and movements in time";
      var range = L.DomUtil.create("input", "kh-range", div);
      range.type = "range"; range.min = lo; range.max = hi; range.step = 1; range.value = hi;
      var label = L.DomUtil.create("span", "kh-when", div);
      label.textContent = "all dates";
      var win = choice(div, "kh-window", "What the map shows as the day moves: everything up to it, or a window " +
                       "ending on it", WINDOWS, width);
      var speed = choice(div, "kh-speed", "Playback speed", SPEEDS, every);
      var all = L.DomUtil.create("button", "kh-all", div);
      all.type = "button"; all.textContent = "All"; all.title = "Show every date";
      function show(day) {
        var from = day === null || !width ? null : day - width + 1;
        shown = day;
        timed.forEach(function (l) { l.khSetTime(day, from); });
        label.textContent = day === null ? "all dates" : from === null ? "up to " + dayLabel(day)
          : dayLabel(from) + " \u2013 " + dayLabel(day);
        div.dataset.from = from === null ? "" : String(from);
        div.dataset.day = day === null ? "" : String(day);
      }
      function stop() { if (timer) { clearTimeout(timer); timer = null; } play.textContent = "▶"; }
      function step() {  // a window moves by half its width at most: no day is skipped
        var s = Math.max(1, Math.round((hi - lo) / 90));
        return width ? Math.max(1, Math.min(s, Math.floor(width / 2))) : s;
      }
      function tick() {
        var day = Math.min(hi, Number(range.value) + step());
        range.value = day; show(day);
        timer = day >= hi ? null : setTimeout(tick, every);
        if (!timer) { stop(); }
      }
      play.onclick = function () {
        if (timer) { stop(); return; }
        var day = Number(range.value) >= hi ? lo : Number(range.value);
        play.textContent = "❚❚";
        range.value = day; show(day);
        timer = setTimeout(tick, every);
      };
      win.onchange = function () { width = Number(win.value); show(shown); };
      speed.onchange = function () { every = Number(speed.value); };  // the next tick takes it
      range.oninput = function () { stop(); show(Number(range.value)); };
      all.onclick = function () { stop(); range.value = hi; show(null); };
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    return ctl.addTo(map);
  }

  function failure(map, err) {
    var ctl = L.control({ position: "topleft" });
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", "kh-failure");
      div.textContent = "The map data could not be loaded (" + err.message + "). Reload the page.";
      return div;
    };
    return ctl.addTo(map);
  }

  // The feature `id` among a layer's features (clustered ones too), or null.
  function findById(group, id) {
    var found = null;
    function visit(l) {
      if (l.khId === id) { found = l; return true; }
      return l.getLayers ? l.getLayers().some(visit) : false;
    }
    if (group && group.getLayers) { group.getLayers().some(visit); }
    return found;
  }

  // A feature chosen outside the map (a row of the table): brought into view and its popup opened.
  function focusOn(map, layers, id) {
    var open = function (f) { f.fire("click", { latlng: f.getLatLng ? f.getLatLng() : f.getCenter() }); };
    var found = layers.events && layers.events.khFocus && layers.events.khFocus(id, open);
    var names = ["movements", "routes", "places"];
    for (var k = 0; k < names.length && !found; k++) {
      var f = findById(layers[names[k]], id);
      if (!f) { continue; }
      var box = f.getBounds ? f.getBounds() : L.latLngBounds([f.getLatLng(), f.getLatLng()]);
      map.fitBounds(box.pad(0.4), { maxZoom: 10, animate: false });
      open(f);
      found = true;
    }
    if (found) { map.getContainer().dataset.focused = id; }
  }

  // The Map page leaves its timeline and table for after the map's first drawing (map_view.py): while its
  // container for them (`kh_after_map`) is in the page, the map adds `kh_drawn` to what it reports (once),
  // which runs the page again. Looked for twice more should the page not have drawn it yet.
  var told = false;
  function tellDrawn(tries) {
    var waiting = true, lib = window.Streamlit, data = window.__GLOBAL_DATA__;
    try {
      waiting = !!window.parent.document.querySelector(".st-key-kh_after_map");
    } catch (e) { /* a page of another origin: tell it anyway */ }
    if (told || !lib || !lib.setComponentValue) { return; }
    if (!waiting) {
      if (tries > 0) { setTimeout(function () { tellDrawn(tries - 1); }, 500); }
      return;
    }
    told = true;
    lib.setComponentValue(Object.assign({}, (data && data.previous_data) || {}, { kh_drawn: true }));
  }

  // The map's centre and zoom into the page's URL (`?view=LAT,LON,ZOOM`, link.py), in place: no rerun and
  // no history entry for each pan. The page's next run receives them with the rest of its URL.
  function linkView(map) {
    try {
      var at = map.getCenter(), page = window.parent;
      var q = new URLSearchParams(page.location.search);
      q.set("view", at.lat.toFixed(4) + "," + at.lng.toFixed(4) + "," + Number(map.getZoom().toFixed(2)));
      var url = page.location.pathname + "?" + q.toString() + page.location.hash;
      page.history.replaceState(page.history.state, "", url);
    } catch (e) { /* a page of another origin keeps its own URL */ }
  }

  // What one view draws (layers.py: data_group), into `group`, a feature group the map shows: the kinds'
  // layers in `kinds` ({factory, data, name, options}, places first, events last), a layer control that
  // can hide each, the legend at once; the view fitted to the data at once and again once every layer has
  // drawn it, then the playback and, on the next frame, the `kh-ready` mark (its time in `data-ready-at`); then the first popup
  // page, for a quick first click. When the group leaves the map (the page sent a new view) its controls go too.
  K.data = function (map, group, kinds, o) {
    var box = map.getContainer(), layers = {}, overlays = {}, controls = [], live = true;
    function writeView() { linkView(map); }
    box.classList.remove("kh-ready");
    Object.keys(kinds).forEach(function (k) {
      var d = kinds[k];
      layers[k] = K[d.factory](map, d.data, d.options || {});
      overlays[d.name] = layers[k];
      group.addLayer(layers[k]);
    });
    var base = map.khBase || {};
    controls.push(L.control.layers(Object.keys(base).length > 1 ? base : {}, overlays,
                                   { collapsed: true, position: "topright" }).addTo(map));
    if (o.legend) { controls.push(legendControl(map, o.legend)); }
    function fit() {
      if (o.view) {  // a link's view (link.py): shown as it was, not fitted to the data
        map.invalidateSize(false);
        map.setView(o.view.center, o.view.zoom, { animate: false });
        return;
      }
      if (!o.fit) { return; }
      map.invalidateSize(false);
      map.fitBounds(o.fit.bounds, { maxZoom: o.fit.maxZoom, paddingTopLeft: o.fit.paddingTopLeft,
                                    paddingBottomRight: o.fit.paddingBottomRight, animate: false });
    }
    fit();
    group.on("remove", function () {
      live = false;
      controls.forEach(function (c) { if (c) { map.removeControl(c); } });
      map.off("moveend", writeView);
    });
    var names = Object.keys(layers);
    Promise.all(names.map(function (k) { return layers[k].khLoaded || Promise.resolve(); })).then(function () {
      if (!live) { return; }
      fit();
      controls.push(playbackControl(map, o.span, layers));
      if (o.focus) { focusOn(map, layers, o.focus); }
      var marked = false;
      function ready() {  // at the frame that shows it (or soon after, where no frame is drawn: a hidden tab)
        if (marked || !live) { return; }
        marked = true;
        if (o.link) { writeView(); map.on("moveend", writeView); }
        box.dataset.readyAt = String(Date.now());  // for the benchmark
        box.classList.add("kh-ready");
        tellDrawn(2);
      }
      requestAnimationFrame(ready);
      setTimeout(ready, 250);
      setTimeout(function () {  // the first popup page, for a quick first click
        var spec = layers.events && layers.events.khSpec;
        if (live && spec && spec.popups && spec.popups.length) { fetchJson(spec.popups[0]).catch(function () {}); }
      }, 400);
    }).catch(function (err) {
      if (live) { controls.push(failure(map, err)); tellDrawn(2); }
    });
  };

  window.Khareeta = K;
})();
