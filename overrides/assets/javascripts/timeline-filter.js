/* Timeline filter: shows only the events carrying one tag, in the list and in
   the overview strip above it, and marks the entry the address names.
   Progressive enhancement: without JavaScript the full, unfiltered list and
   strip are shown and the (hidden) buttons stay hidden. Re-runs on Material's
   instant navigation. */
(function () {
  "use strict";

  function setUp(root) {
    var bar = root.querySelector(".timeline-filter");
    if (!bar || bar.dataset.ready) return;
    bar.dataset.ready = "1";
    bar.hidden = false;
    var status = root.querySelector(".timeline-filter__status");
    var events = root.querySelectorAll("ol.timeline > li");
    var years = root.querySelectorAll(".timeline-year");
    var marks = root.querySelectorAll(".tl-strip .tl-mark");
    var tagsOf = {};
    events.forEach(function (event) {
      tagsOf[event.id] = (event.getAttribute("data-tags") || "").split(" ");
    });

    // A mark stays while its event (or one of a numbered mark's events, data-events) is shown;
    // a numbered mark then counts and links to those only. The tags are the entries'.
    function filterMarks(tag) {
      marks.forEach(function (mark) {
        var ids = mark.hasAttribute("data-events") ? mark.getAttribute("data-events").split(" ")
                                                   : [decodeURIComponent(mark.hash.slice(1))];
        var shown = ids.filter(function (id) {
          return !tag || (tagsOf[id] || []).indexOf(tag) !== -1;
        });
        mark.classList.toggle("is-filtered", !shown.length);
        var count = mark.querySelector(".tl-count");
        if (count && shown.length) {
          count.textContent = String(shown.length);
          mark.setAttribute("href", "#" + shown[0]);
        }
      });
    }

    function apply(tag) {
      var shown = 0;
      events.forEach(function (event) {
        var visible = !tag || tagsOf[event.id].indexOf(tag) !== -1;
        event.hidden = !visible;
        if (visible) shown += 1;
      });
      filterMarks(tag);
      years.forEach(function (year) {
        year.hidden = !year.querySelector("ol.timeline > li:not([hidden])");
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

  // Loaded by the Timeline page itself, so instant navigation runs this file again on
  // every visit: the first run subscribes, later ones find it done.
  if (window.timelineFilterLoaded) return;
  window.timelineFilterLoaded = true;
  // The entry the address names is highlighted by CSS :target, which instant navigation
  // (history.pushState) never updates: mark it with a class as well.
  function markTarget() {
    var old = document.querySelector("ol.timeline > li.is-target");
    if (old) old.classList.remove("is-target");
    var id = decodeURIComponent(location.hash.slice(1));
    var entry = id && document.getElementById(id);
    if (entry && entry.matches("ol.timeline > li")) entry.classList.add("is-target");
  }
  window.addEventListener("hashchange", markTarget);

  function init() { setUp(document); markTarget(); }
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);   // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
