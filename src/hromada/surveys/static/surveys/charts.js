/* Bar charts of a wave's results with ECharts, from <script type="application/json"> specs
   (no inline script, so the page keeps its content security policy). One horizontal bar per
   answer option with its share in %, and a whisker for the 95 % margin of error. Numbers are
   formatted for the page language; the frequency table under each chart has the same data. */
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en-GB" : "uk-UA";
  var number = new Intl.NumberFormat(lang, {maximumFractionDigits: 1, minimumFractionDigits: 1});

  function whiskers(params, api) {
    var low = api.coord([api.value(0), api.value(2)]);
    var high = api.coord([api.value(1), api.value(2)]);
    var half = Math.min(6, api.size([0, 1])[1] * 0.2);
    var style = {stroke: "#333333", lineWidth: 1.5};
    return {type: "group", children: [
      {type: "line", shape: {x1: low[0], y1: low[1], x2: high[0], y2: high[1]}, style: style},
      {type: "line", shape: {x1: low[0], y1: low[1] - half, x2: low[0], y2: low[1] + half},
       style: style},
      {type: "line", shape: {x1: high[0], y1: high[1] - half, x2: high[0], y2: high[1] + half},
       style: style}
    ]};
  }

  function option(spec) {
    var intervals = spec.percents.map(function (p, i) {
      return [Math.max(0, p - spec.margins[i]), Math.min(100, p + spec.margins[i]), i];
    });
    return {
      animation: false,
      grid: {left: 8, right: 48, top: 8, bottom: 24, containLabel: true},
      tooltip: {trigger: "item", formatter: function (p) {
        var i = p.seriesIndex === 0 ? p.dataIndex : p.value[2];
        return spec.labels[i].replace(/[&<>"']/g, "") + ": " + number.format(spec.percents[i]) +
          " % ± " + number.format(spec.margins[i]);
      }},
      xAxis: {type: "value", min: 0, max: 100,
              axisLabel: {formatter: function (v) { return v + " %"; }}},
      yAxis: {type: "category", inverse: true, data: spec.labels,
              axisLabel: {width: 160, overflow: "break"}},
      series: [
        {type: "bar", data: spec.percents, itemStyle: {color: "#1f5fa8"}, barMaxWidth: 28,
         label: {show: true, position: "right", formatter: function (p) {
           return number.format(p.value);
         }}},
        {type: "custom", renderItem: whiskers, data: intervals, z: 10,
         encode: {x: [0, 1], y: 2}}
      ]
    };
  }

  function draw(element) {
    var target = document.getElementById(element.id.replace(/-spec$/, ""));
    if (!target || typeof echarts === "undefined") { return; }
    var spec = JSON.parse(element.textContent);
    target.style.height = (56 + 44 * spec.labels.length) + "px";
    var chart = echarts.init(target, null, {renderer: "svg"});
    chart.setOption(option(spec));
    target.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll('script[type="application/json"][id^="chart-"][id$="-spec"]')
    .forEach(draw);
})();
