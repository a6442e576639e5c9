// Draws the page's timeline into #chart: vega-embed (served from /static/vendor, no network)
// fetches the Vega-Lite spec from the URL in data-spec.
(function () {
  "use strict";
  var target = document.getElementById("chart");
  if (!target || !target.dataset.spec || typeof vegaEmbed !== "function") return;
  target.textContent = "Drawing the chart…";
  var options = {
    actions: { export: true, source: false, compiled: false, editor: false },
    renderer: "svg",
  };
  fetch(target.dataset.spec)
    .then(function (response) {
      if (response.status === 404) throw new Error("no dated figures to draw");
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.json();
    })
    .then(function (spec) {
      target.textContent = "";
      return vegaEmbed(target, spec, options);
    })
    .then(function () { target.dataset.rendered = "true"; })
    .catch(function (error) {
      target.textContent = "No chart: " + error.message;
      target.classList.add("muted");
    });
})();
