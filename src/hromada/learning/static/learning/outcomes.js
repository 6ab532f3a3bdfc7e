/* Draw each practice outcome (the hromada against its peers, with the start year marked)
   from its <script type="application/json" id="...-spec">. Every chart has a data table. */
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en-GB" : "uk-UA";

  function draw(element) {
    var spec = JSON.parse(element.textContent);
    var target = document.getElementById(element.id.replace(/-spec$/, ""));
    if (!target || typeof echarts === "undefined") { return; }
    var number = new Intl.NumberFormat(lang, {maximumFractionDigits: spec.decimals || 0});
    var fmt = function (v) { return v === null || v === undefined ? "—" : number.format(v); };
    var chart = echarts.init(target, null, {renderer: "svg"});
    chart.setOption({
      animation: false,
      color: ["#d9822b", "#1f5fa8"],
      grid: {left: 8, right: 16, top: 40, bottom: 24, containLabel: true},
      legend: {top: 0, type: "scroll"},
      tooltip: {trigger: "axis", valueFormatter: fmt},
      xAxis: {type: "category", data: spec.years},
      yAxis: {type: "value", scale: true, axisLabel: {formatter: fmt}},
      series: spec.series.map(function (s, i) {
        var line = {name: s.name, type: "line", data: s.values, symbolSize: 6,
                    lineStyle: {width: i === 0 ? 3 : 2, type: i === 0 ? "solid" : "dashed"}};
        if (i === 0) {
          line.markLine = {symbol: "none", silent: true, label: {formatter: spec.start_label},
                           lineStyle: {color: "#555", type: "dotted"},
                           data: [{xAxis: spec.start}]};
        }
        return line;
      })
    });
    target.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll('script[type="application/json"][id^="outcome-"]').forEach(draw);
})();
