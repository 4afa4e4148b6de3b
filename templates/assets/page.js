// Starts every chart of the page from the options in #retro-charts, follows
// the light / dark colour scheme, and redraws charts to fit before printing.
(function () {
  "use strict";
  var el = document.getElementById("retro-charts");
  if (!el || typeof echarts === "undefined") { return; }
  var options = JSON.parse(el.textContent);
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
  var charts = [];
  // Printed, charts are drawn at about the printable width of A4 and Letter
  // paper (the print stylesheet scales them the rest of the way), and stay
  // so while the print media applies.
  var print = window.matchMedia && window.matchMedia("print");
  var printed = { width: 680, height: 300 };
  // money writes an amount compactly: $1.2M, $350k.
  function money(v) {
    var a = Math.abs(v), s = v < 0 ? "-$" : "$";
    if (a >= 1e9) { return s + (a / 1e9).toFixed(1).replace(/\.0$/, "") + "B"; }
    if (a >= 1e6) { return s + (a / 1e6).toFixed(1).replace(/\.0$/, "") + "M"; }
    if (a >= 1e3) { return s + Math.round(a / 1e3) + "k"; }
    return s + Math.round(a);
  }
  // percent writes a percentage as the report's tables do: 31%, 4.2%, 0.35%.
  function percent(v) {
    var a = Math.abs(v);
    if (a >= 10) { return Math.round(v) + "%"; }
    if (a >= 1) { return (Math.round(v * 10) / 10) + "%"; }
    return (Math.round(v * 100) / 100) + "%";
  }
  // multiple writes a return per dollar: 0.8x, 12x.
  function multiple(v) {
    var a = Math.abs(v);
    return (a >= 10 ? Math.round(v) : Math.round(v * 10) / 10) + "x";
  }
  // count writes a number with thousands separators: 12,345.
  function count(v) { return v.toLocaleString("en-US", { maximumFractionDigits: 2 }); }
  // format applies the option's retroFormat to its value axes, tooltip and
  // bar labels.
  function format(option) {
    var f = option.retroFormat;
    var fn = f === "money" ? money : f === "percent" ? percent : f === "multiple" ? multiple : count;
    if (f) {
      [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
        if (axis.type === "value") {
          axis.axisLabel = axis.axisLabel || {};
          axis.axisLabel.formatter = fn;
        }
      });
    }
    option.tooltip = option.tooltip || {};
    option.tooltip.valueFormatter = function (v) { return typeof v === "number" ? fn(v) : v; };
    [].concat(option.series || []).forEach(function (s) {
      // A pie's labels name their slice ("{b}: {d}%"); only bar and line
      // values are formatted.
      if (s.type === "pie") {
        s.minShowLabelAngle = 6; // slivers are named in the legend
        s.avoidLabelOverlap = true;
      } else if (s.label && s.label.show) {
        s.label.formatter = function (p) { return typeof p.value === "number" ? fn(p.value) : ""; };
      }
    });
  }
  // fit keeps a chart legible in a narrow box: long category names of
  // horizontal bars are cut to a share of the width, and crowded labels of
  // vertical bars slant; a narrow pie's slices show their shares, named by
  // the legend beneath (a name beside a slice would be cut short).
  function fit(option, width) {
    [].concat(option.series || []).forEach(function (s) {
      if (s.type === "pie" && width < 460) {
        s.label = s.label || {};
        s.label.formatter = "{d}%";
      }
    });
    [].concat(option.yAxis || []).forEach(function (axis) {
      if (axis.type === "category") {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.width = Math.max(90, Math.round(width * 0.38));
        axis.axisLabel.overflow = "truncate";
      }
    });
    [].concat(option.xAxis || []).forEach(function (axis) {
      if (axis.type === "category" && width < 560) {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.rotate = axis.axisLabel.rotate || 35;
        axis.axisLabel.hideOverlap = true;
      }
    });
  }
  // ink lightens the dark strokes (interval whiskers) for a dark background.
  function ink(option) {
    [].concat(option.series || []).forEach(function (s) {
      var style = s.markLine && s.markLine.lineStyle;
      if (style && style.color === "#333") { style.color = "#c8ced9"; }
    });
  }
  // size redraws a chart at once (at its box's size, or at size), and gives
  // its svg a viewBox so that the print stylesheet can scale it to the
  // paper's width instead of cutting it.
  function size(chart, to) {
    chart.resize(to);
    chart.getZr().flush();
    var svg = chart.getDom().querySelector("svg");
    if (svg) {
      svg.setAttribute("viewBox", "0 0 " + chart.getWidth() + " " + chart.getHeight());
      svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    }
  }
  function start() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    Object.keys(options).forEach(function (id) {
      var box = document.getElementById(id);
      if (!box) { return; }
      var isDark = !!(dark && dark.matches);
      // The static drawing (for readers without scripts) gives way to the
      // interactive chart.
      var still = box.querySelector("svg.static-chart");
      if (still) { box.removeChild(still); }
      var chart = echarts.init(box, isDark ? "dark" : null, { renderer: "svg" });
      var option = JSON.parse(JSON.stringify(options[id]));
      option.backgroundColor = "transparent";
      format(option);
      fit(option, box.clientWidth || 600);
      if (isDark) { ink(option); }
      chart.setOption(option);
      size(chart, print && print.matches ? printed : undefined);
      charts.push(chart);
    });
  }
  start();
  if (dark && dark.addEventListener) { dark.addEventListener("change", start); }
  function resize() { charts.forEach(function (c) { size(c); }); }
  function printSize() { charts.forEach(function (c) { size(c, printed); }); }
  function fitPage() { if (print && print.matches) { printSize(); } else { resize(); } }
  // A resize that changes the layout's width redraws the charts, so that
  // labels are fitted again.
  var lastWidth = window.innerWidth, timer = null;
  window.addEventListener("resize", function () {
    if (Math.abs(window.innerWidth - lastWidth) > 80 && !(print && print.matches)) {
      lastWidth = window.innerWidth;
      clearTimeout(timer);
      timer = setTimeout(start, 150);
      return;
    }
    fitPage();
  });
  // Charts in the folded appendix are sized when it unfolds.
  var folded = document.querySelector("details.appendix");
  if (folded) { folded.addEventListener("toggle", fitPage); }
  // Printed, the appendix is unfolded; afterwards it folds back if it was.
  var appendix = document.querySelector("details.appendix");
  var wasOpen = false;
  function unfold() { if (appendix) { wasOpen = appendix.open; appendix.open = true; } }
  function refold() { if (appendix) { appendix.open = wasOpen; } }
  window.addEventListener("beforeprint", function () { unfold(); printSize(); });
  window.addEventListener("afterprint", function () { refold(); fitPage(); });
  if (print && print.addEventListener) { print.addEventListener("change", fitPage); }
})();
