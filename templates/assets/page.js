// Starts every chart of the page from the options in #retro-charts, follows
// the light / dark colour scheme, and redraws charts to fit before printing.
(function () {
  "use strict";
  var el = document.getElementById("retro-charts");
  if (!el || typeof echarts === "undefined") { return; }
  var options = JSON.parse(el.textContent);
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
  var charts = [];
  function start() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    Object.keys(options).forEach(function (id) {
      var box = document.getElementById(id);
      if (!box) { return; }
      var chart = echarts.init(box, dark && dark.matches ? "dark" : null, { renderer: "svg" });
      var option = options[id];
      option.backgroundColor = "transparent";
      chart.setOption(option);
      charts.push(chart);
    });
  }
  start();
  if (dark && dark.addEventListener) { dark.addEventListener("change", start); }
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
