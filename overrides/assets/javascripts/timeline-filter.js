/* Timeline filter: shows only the events carrying one tag. Progressive
   enhancement: without JavaScript the full, unfiltered list is shown and the
   (hidden) buttons stay hidden. Re-runs on Material's instant navigation. */
(function () {
  "use strict";

  function setUp(root) {
    var bar = root.querySelector(".timeline-filter");
    if (!bar || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    bar.hidden = false;
    var status = root.querySelector(".timeline-filter__status");
    var events = root.querySelectorAll(".timeline__event");
    var years = root.querySelectorAll(".timeline-year");

    function apply(tag) {
      var shown = 0;
      events.forEach(function (event) {
        var tags = (event.getAttribute("data-tags") || "").split(" ");
        var visible = !tag || tags.indexOf(tag) !== -1;
        event.hidden = !visible;
        if (visible) shown += 1;
      });
      years.forEach(function (year) {
        year.hidden = !year.querySelector(".timeline__event:not([hidden])");
      });
      bar.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-tag") === tag));
      });
      if (status) {
        status.textContent = tag ? shown + " of " + events.length + " events shown" : "";
      }
    }

    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-tag]");
      if (button) apply(button.getAttribute("data-tag"));
    });
  }

  function init() { setUp(document); }
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);   // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
