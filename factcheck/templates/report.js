(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  root.classList.add("js");

  var form = doc.getElementById("filters");
  var controls = {
    verdict: doc.getElementById("filter-verdict"),
    source: doc.getElementById("filter-source"),
    lang: doc.getElementById("filter-lang"),
    q: doc.getElementById("filter-q")
  };
  var KEYS = ["verdict", "source", "lang", "q"];
  var LABELS = { verdict: "verdict", source: "source", lang: "language", q: "search" };
  var resetButton = doc.getElementById("filter-reset");
  var countEl = doc.getElementById("visible-count");
  var printNote = doc.getElementById("print-filters");
  var cards = Array.prototype.slice.call(doc.querySelectorAll("article.card"));
  var total = cards.length;

  function norm(text) {
    text = String(text || "");
    try { text = text.normalize("NFKC"); } catch (e) { /* old engines */ }
    return text.toLowerCase().replace(/\s+/g, " ").trim();
  }
  function tokens(el, name) {
    return (el.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  }
  var index = cards.map(function (card) {
    return {
      card: card,
      verdict: card.getAttribute("data-verdict") || "",
      sources: tokens(card, "data-sources"),
      langs: tokens(card, "data-langs"),
      text: norm(card.textContent)
    };
  });

  function state() {
    var st = {};
    KEYS.forEach(function (k) { st[k] = controls[k] ? String(controls[k].value || "") : ""; });
    st.q = st.q.trim();
    return st;
  }
  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { return true; }
    }
    return false;
  }
  function setState(st) {
    KEYS.forEach(function (k) {
      var el = controls[k];
      if (!el) { return; }
      var v = st[k] || "";
      if (el.tagName === "SELECT" && !hasOption(el, v)) { v = ""; }
      el.value = v;
    });
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function apply() {
    var st = state();
    var q = norm(st.q);
    var shown = 0;
    index.forEach(function (item) {
      var ok = (!st.verdict || item.verdict === st.verdict) &&
        (!st.source || item.sources.indexOf(st.source) >= 0) &&
        (!st.lang || item.langs.indexOf(st.lang) >= 0) &&
        (!q || item.text.indexOf(q) >= 0);
      item.card.hidden = !ok;
      if (ok) { shown++; }
    });
    Array.prototype.forEach.call(doc.querySelectorAll(".single-group"), function (group) {
      group.hidden = !group.querySelector("article.card:not([hidden])");
    });
    Array.prototype.forEach.call(doc.querySelectorAll("section.findings"), function (section) {
      var all = section.querySelectorAll("article.card").length;
      var visible = section.querySelectorAll("article.card:not([hidden])").length;
      var note = section.querySelector(".filter-empty");
      if (note) { note.hidden = !(all > 0 && visible === 0); }
      var details = section.querySelector("details");
      if (details && visible > 0 && (st.verdict === "unclear" || q)) { details.open = true; }
    });
    Array.prototype.forEach.call(doc.querySelectorAll("section.source-text"), function (section) {
      section.hidden = !!st.source && section.getAttribute("data-source") !== st.source;
    });
    var active = KEYS.filter(function (k) { return st[k]; });
    if (countEl) {
      countEl.textContent = active.length
        ? "Showing " + shown + " of " + plural(total, "finding", "findings")
        : "Showing all " + plural(total, "finding", "findings");
    }
    if (resetButton) { resetButton.disabled = active.length === 0; }
    if (printNote) {
      printNote.textContent = active.length
        ? "Filtered view (" + active.map(function (k) {
          var el = controls[k];
          var label = el && el.tagName === "SELECT" && el.selectedIndex >= 0
            ? el.options[el.selectedIndex].text : st[k];
          return LABELS[k] + ": " + label;
        }).join("; ") + "): " + shown + " of " + total + " findings."
        : "";
    }
    return st;
  }

  function readHash() {
    var raw = (window.location.hash || "").replace(/^#/, "");
    if (raw.indexOf("=") < 0) { return null; }
    var st = {};
    try {
      var params = new URLSearchParams(raw);
      KEYS.forEach(function (k) { st[k] = params.get(k) || ""; });
    } catch (e) {
      return null;
    }
    return st;
  }
  var writingHash = false;
  function writeHash(st) {
    var params = new URLSearchParams();
    KEYS.forEach(function (k) { if (st[k]) { params.set(k, st[k]); } });
    var text = params.toString();
    var url = window.location.pathname + window.location.search + (text ? "#" + text : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (e) {
      writingHash = true;  // replaceState can be refused (some file:// viewers)
      try { window.location.hash = text; } catch (e2) { /* give up quietly */ }
      writingHash = false;
    }
  }
  function update() { writeHash(apply()); }

  function openAncestors(el) {
    for (var node = el.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
  }
  function reveal(target) {
    var card = target.closest ? target.closest("article.card") : null;
    var hiddenSection = target.closest ? target.closest("[hidden]") : null;
    if ((card && card.hidden) || hiddenSection) {
      setState({});
      update();
    }
    openAncestors(target);
    Array.prototype.forEach.call(doc.querySelectorAll(".is-target"), function (el) {
      el.classList.remove("is-target");
    });
    target.classList.add("is-target");
    try {
      target.scrollIntoView({ block: "center" });
    } catch (e) {
      target.scrollIntoView();
    }
    var focusable = target.tagName === "ARTICLE" ? target : target.querySelector("a");
    if (focusable && focusable.focus) {
      try { focusable.focus({ preventScroll: true }); } catch (e) { focusable.focus(); }
    }
  }

  // In-page links jump without touching the URL fragment, so it keeps the filter state.
  doc.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) { return; }
    var link = event.target && event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    var id = link.getAttribute("href").slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep raw */ }
    if (!id || id.indexOf("=") >= 0) { return; }
    var target = doc.getElementById(id);
    if (!target) { return; }
    event.preventDefault();
    reveal(target);
  });

  if (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    ["verdict", "source", "lang"].forEach(function (k) {
      if (controls[k]) { controls[k].addEventListener("change", update); }
    });
    if (controls.q) {
      controls.q.addEventListener("input", update);
      controls.q.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && controls.q.value) { controls.q.value = ""; update(); }
      });
    }
    if (resetButton) {
      resetButton.addEventListener("click", function () { setState({}); update(); });
    }
  }
  window.addEventListener("hashchange", function () {
    if (writingHash) { return; }
    var st = readHash();
    if (st) { setState(st); apply(); }
  });

  // Printing shows every section expanded.
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(doc.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  var initial = readHash();
  if (initial) {
    setState(initial);
    apply();
  } else {
    apply();
    var raw = (window.location.hash || "").replace(/^#/, "");
    var target = null;
    if (raw) {
      try { target = doc.getElementById(decodeURIComponent(raw)); } catch (e) { target = null; }
    }
    if (target) { reveal(target); }
  }
})();
