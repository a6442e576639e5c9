// The article page: clicking or hovering a highlighted figure shows its claim record in the
// side panel (a copy of the record listed below the text, which the server rendered escaped).
(function () {
  "use strict";
  var body = document.getElementById("article-body");
  var panel = document.getElementById("panel-record");
  var hint = document.getElementById("panel-hint");
  if (!body || !panel) return;

  function recordFor(mark) {
    return document.querySelector('#records .record[data-claim="' + mark.dataset.claim + '"]');
  }

  function show(mark) {
    var record = recordFor(mark);
    if (!record) return;
    var copy = record.cloneNode(true);
    copy.removeAttribute("id");
    panel.replaceChildren(copy);
    if (hint) hint.hidden = true;
    body.querySelectorAll(".fig.active").forEach(function (other) {
      other.classList.remove("active");
    });
    mark.classList.add("active");
  }

  body.addEventListener("click", function (event) {
    var mark = event.target.closest(".fig");
    if (!mark) return;
    event.preventDefault();
    show(mark);
    history.replaceState(null, "", "#" + mark.id);
  });
  body.addEventListener("mouseover", function (event) {
    var mark = event.target.closest(".fig");
    if (mark) show(mark);
  });
  body.addEventListener("focusin", function (event) {
    var mark = event.target.closest(".fig");
    if (mark) show(mark);
  });

  var wanted = location.hash && document.getElementById(location.hash.slice(1));
  if (wanted && wanted.classList.contains("fig")) {
    show(wanted);
    wanted.scrollIntoView({ block: "center" });
  }
})();
