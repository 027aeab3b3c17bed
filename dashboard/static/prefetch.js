/* Start fetching the map's data files (named in this script's own query string: ?src=URL&src=URL)
 * while the map's frame is still loading Leaflet; khareeta.js picks the promises up, and reads its
 * other files with `__khJson` (a `.json.gz` file, as the app writes a large one, is inflated here). */
(function () {
  "use strict";
  var me = document.currentScript, query = me && me.src.split("?")[1];
  var files = window.__khPrefetch = window.__khPrefetch || {};
  window.__khJson = function (url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("map data " + r.status); }
      var gzipped = /\.gz$/.test(url.split("?")[0]);
      return gzipped ? new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json() : r.json();
    });
  };
  (query || "").split("&").forEach(function (pair) {
    var kv = pair.split("=");
    if (kv[0] !== "src" || !kv[1]) { return; }
    var url = decodeURIComponent(kv[1]);
    if (url.charAt(0) !== "/" || url.charAt(1) === "/") { return; }  // this app's own files only
    files[url] = window.__khJson(url);
  });
})();
