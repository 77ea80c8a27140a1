/* Footnote tooltips: hovering or focusing a footnote reference shows its note
   beside it, in Material's tooltip (its .md-tooltip2 markup and styles,
   placed above or below the reference as Material places it).

   Why not Material's own (content.footnote.tooltips): it mounts a component
   for every reference when the page starts, a set of event subscriptions
   each, and on a long page (the Timeline's 57) that start-up task alone kept
   Lighthouse's performance under 96 (issue 17). This builds a tooltip only
   for the reference the reader points at: one listener per event type on the
   document, nothing per reference. Escape closes it (WCAG 1.4.13).

   Loaded on every page with a footnote reference (overrides/main.html), where
   instant navigation may run it again: it sets itself up once. */
(function () {
  "use strict";
  if (window.__explainerFootnoteTooltips) return;
  window.__explainerFootnoteTooltips = true;

  var DELAY = 250;       // ms before a tooltip the pointer left fades, as Material waits
  var sequence = 0;
  var open = null;       // { ref, node, timer }
  var hovered = false;   // the pointer is on the open tooltip or its reference

  function refAt(target) {
    return target && target.closest ? target.closest("a.footnote-ref") : null;
  }

  function within(target) {
    return !!open && !!target && (open.ref.contains(target) || open.node.contains(target));
  }

  function set(node, name, pixels) {
    node.style.setProperty("--md-tooltip-" + name, pixels + "px");
  }

  // Material's placement: centred on the reference, below it in the top half
  // of the viewport, above it in the bottom half.
  function place() {
    var node = open.node;
    var host = open.ref.getBoundingClientRect();
    var y = host.top >= innerHeight / 2 ? -16 - node.offsetHeight : 16 + host.height;
    set(node, "host-x", host.left + scrollX);
    set(node, "host-y", host.top + scrollY);
    set(node, "x", host.width / 2);
    set(node, "y", y);
    node.classList.toggle("md-tooltip2--top", y < 0);
    node.classList.toggle("md-tooltip2--bottom", y >= 0);
  }

  function show(ref) {
    if (open && open.ref === ref) {
      clearTimeout(open.timer);
      open.node.classList.add("md-tooltip2--active");
      return;
    }
    close();
    var note = document.getElementById(decodeURIComponent(ref.hash.slice(1)));
    if (!note) return;
    var node = document.createElement("div");
    var inner = document.createElement("div");
    node.className = "md-tooltip2";
    node.id = "__tooltip2_" + sequence++;
    node.setAttribute("role", "dialog");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.append.apply(inner, note.cloneNode(true).children);
    node.append(inner);
    document.body.append(node);
    open = { ref: ref, node: node };
    place();
    ref.setAttribute("aria-controls", node.id);
    ref.setAttribute("aria-haspopup", "dialog");
    // Added a frame later so that the tooltip fades in rather than appearing at once.
    requestAnimationFrame(function () {
      if (open && open.node === node) node.classList.add("md-tooltip2--active");
    });
  }

  function close() {
    if (!open) return;
    var node = open.node;
    clearTimeout(open.timer);
    open.ref.removeAttribute("aria-controls");
    open.ref.removeAttribute("aria-haspopup");
    node.classList.remove("md-tooltip2--active");
    setTimeout(function () { node.remove(); }, DELAY);   // after Material's fade
    open = null;
    hovered = false;
  }

  function closeLater() {
    if (!open) return;
    clearTimeout(open.timer);
    open.timer = setTimeout(close, DELAY);
  }

  // Open while the reference or the tooltip is pointed at or has the focus.
  document.addEventListener("mouseover", function (event) {
    var ref = refAt(event.target);
    if (ref) show(ref);
    if (ref || within(event.target)) {
      hovered = true;
      clearTimeout(open && open.timer);
    }
  });
  document.addEventListener("mouseout", function (event) {
    if (!within(event.target) || within(event.relatedTarget)) return;
    hovered = false;
    if (!within(document.activeElement)) closeLater();
  });
  document.addEventListener("focusin", function (event) {
    var ref = refAt(event.target);
    if (ref) show(ref);
  });
  document.addEventListener("focusout", function (event) {
    if (open && !hovered && !within(event.relatedTarget)) closeLater();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) close();
  });
  addEventListener("scroll", function () { if (open) place(); }, { capture: true, passive: true });
  addEventListener("resize", function () { if (open) place(); });
  // Instant navigation swaps the page under an open tooltip.
  if (window.document$) window.document$.subscribe(close);
})();
