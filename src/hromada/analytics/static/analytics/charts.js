/* Draw the analytics charts with ECharts from <script type="application/json"> specs.
   Numbers are formatted for the page language: uk-UA (space for thousands, decimal
   comma) or en-GB. Every chart also has a data table in a <details> element. */
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en-GB" : "uk-UA";
  var QUARTILE = ["#d73027", "#fc8d59", "#91cf60", "#1a9850"];
  var PALETTE = ["#1f5fa8", "#d9822b", "#2e8b57", "#a23b72", "#6a5acd", "#8c564b",
                 "#17becf", "#7f7f7f", "#bcbd22", "#e377c2"];

  function formatter(decimals) {
    var f = new Intl.NumberFormat(lang, {maximumFractionDigits: decimals || 0,
                                         minimumFractionDigits: 0});
    return function (value) {
      return value === null || value === undefined || isNaN(value) ? "—" : f.format(value);
    };
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function base(spec) {
    var fmt = formatter(spec.decimals);
    return {
      color: PALETTE,
      animation: false,
      grid: {left: 64, right: 16, top: 32, bottom: 32, containLabel: true},
      tooltip: {trigger: "axis", valueFormatter: fmt},
      yAxis: {type: "value", axisLabel: {formatter: fmt}, scale: true}
    };
  }

  function linesOption(spec) {
    var option = base(spec);
    option.legend = {top: 0, type: "scroll"};
    option.xAxis = {type: "category", data: spec.years.map(String)};
    option.series = spec.series.map(function (s) {
      return {name: s.name, type: "line", data: s.values, connectNulls: false, symbolSize: 5};
    });
    return option;
  }

  function barsOption(spec) {
    var option = base(spec);
    option.tooltip.trigger = "item";
    option.xAxis = {type: "category", data: spec.names, axisLabel: {interval: 0, rotate: 20}};
    option.yAxis.scale = false;
    option.series = [{type: "bar", data: spec.values, itemStyle: {color: PALETTE[0]}}];
    return option;
  }

  function histogramOption(spec) {
    var option = base(spec);
    option.yAxis.scale = false;
    option.yAxis.name = spec.y_name;
    option.yAxis.nameLocation = "middle";
    option.yAxis.nameGap = 40;
    option.yAxis.minInterval = 1;
    option.grid.bottom = 48;
    // The value ranges under the bars, every few bars so they never overlap.
    option.xAxis = {type: "category", data: spec.labels, name: spec.x_name,
                    nameLocation: "middle", nameGap: 30,
                    axisLabel: {interval: Math.ceil(spec.labels.length / 4) - 1,
                                formatter: function (label) { return label.split(" – ")[0]; }}};
    option.series = [{type: "bar", barCategoryGap: "2%", data: spec.counts.map(function (c, i) {
      return {value: c, itemStyle: {color: i === spec.selected ? "#d9822b" : "#9db7d5"}};
    })}];
    return option;
  }

  function mapOption(spec, name) {
    var fmt = formatter(spec.decimals);
    var values = spec.values.map(function (v) { return v.value; }).filter(function (v) {
      return v !== null;
    });
    var colours = spec.polarity === "lower" ? QUARTILE.slice().reverse() : QUARTILE;
    if (spec.polarity === "neutral") { colours = ["#deebf7", "#9ecae1", "#4292c6", "#08519c"]; }
    return {
      animation: false,
      tooltip: {trigger: "item", formatter: function (p) {
        var label = p.data && p.data.label ? p.data.label : p.name;
        return escape(label) + ": " + fmt(p.value);
      }},
      visualMap: {min: Math.min.apply(null, values), max: Math.max.apply(null, values),
                  inRange: {color: colours}, calculable: true, left: 8, bottom: 8,
                  formatter: fmt},
      series: [{type: "map", map: name, roam: true, data: spec.values,
                emphasis: {label: {show: false}},
                itemStyle: {areaColor: "#eeeeee", borderColor: "#ffffff", borderWidth: 0.3}}]
    };
  }

  function draw(element) {
    var spec = JSON.parse(element.textContent);
    var target = document.getElementById(element.id.replace(/-spec$/, ""));
    if (!target || typeof echarts === "undefined") { return; }
    var chart = echarts.init(target, null, {renderer: "svg"});
    if (spec.kind === "map") {
      fetch(spec.geo_url).then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap("hromadas", geo);
        chart.setOption(mapOption(spec, "hromadas"));
        target.dataset.ready = "1";
      });
      return;
    }
    var build = {lines: linesOption, bars: barsOption, histogram: histogramOption}[spec.kind];
    if (build) {
      chart.setOption(build(spec));
      target.dataset.ready = "1";
    }
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll('script[type="application/json"][id$="-spec"]').forEach(draw);
})();
