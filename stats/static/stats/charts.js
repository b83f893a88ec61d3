/* Statistics dashboard: draws each table's chart with Chart.js from the data the page
   carries (json_script); the table beside it holds the same figures and is the chart's
   text alternative. Gaps (null) are cells hidden for small numbers: never drawn. */
function drawStatisticsCharts() {
  if (typeof Chart === "undefined") { return; }
  // Okabe-Ito colours: told apart by people with colour-blindness, and in greyscale print.
  var COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];
  var charts = [];

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var many = data.labels.length > 6;
    var valueAxis = {
      beginAtZero: true,
      ticks: data.percent ? { callback: function (v) { return v + " %"; } } : { precision: 0 },
    };
    if (data.percent) { valueAxis.max = 100; }
    var scales = many ? { x: valueAxis } : { y: valueAxis };
    charts.push(new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map(function (set, i) {
          return {
            label: set.label,
            data: set.data,
            backgroundColor: COLOURS[i % COLOURS.length],
            borderColor: "#000",
            borderWidth: 1,
          };
        }),
      },
      options: {
        indexAxis: many ? "y" : "x",
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: scales,
        plugins: { legend: { display: data.datasets.length > 1, position: "bottom" } },
      },
    }));
  });

  // Printing: redraw at the printed size, then back at the screen size.
  function resizeAll() { charts.forEach(function (chart) { chart.resize(); }); }
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
}

// The admin loads scripts in the page's head: draw once the tables are there.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawStatisticsCharts);
} else {
  drawStatisticsCharts();
}
