// Starts every chart of the page from the options in #retro-charts, follows
// the light / dark colour scheme, and redraws charts to fit before printing.
(function () {
  "use strict";
  var el = document.getElementById("retro-charts");
  if (!el || typeof echarts === "undefined") { return; }
  var options = JSON.parse(el.textContent);
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
  var charts = [];
  // money writes an amount compactly: $1.2M, $350k.
  function money(v) {
    var a = Math.abs(v), s = v < 0 ? "-$" : "$";
    if (a >= 1e9) { return s + (a / 1e9).toFixed(1).replace(/\.0$/, "") + "B"; }
    if (a >= 1e6) { return s + (a / 1e6).toFixed(1).replace(/\.0$/, "") + "M"; }
    if (a >= 1e3) { return s + Math.round(a / 1e3) + "k"; }
    return s + Math.round(a);
  }
  // format applies the option's retroFormat to its value axes and tooltip.
  function format(option) {
    var f = option.retroFormat;
    if (!f) { return; }
    var fn = f === "money" ? money : function (v) { return v + "%"; };
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      if (axis.type === "value") {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = fn;
      }
    });
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = function (v) { return typeof v === "number" ? fn(v) : v; };
  }
  function start() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    Object.keys(options).forEach(function (id) {
      var box = document.getElementById(id);
      if (!box) { return; }
      var chart = echarts.init(box, dark && dark.matches ? "dark" : null, { renderer: "svg" });
      var option = options[id];
      option.backgroundColor = "transparent";
      format(option);
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
