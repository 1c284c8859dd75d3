/* pmlint archive: filters and sortable columns. Progressive enhancement only:
   every page works without this file. No dependencies, no network. */
(function () {
  "use strict";

  var FILTERS = ["severity", "services", "year", "status"];

  function lower(value) {
    return (value || "").toLowerCase();
  }

  function sortKey(row, index, kind) {
    var cell = row.cells[index];
    if (!cell) return kind === "number" ? 0 : "";
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (kind === "number") {
      var number = parseFloat(value);
      return isNaN(number) ? 0 : number;
    }
    return lower(value);
  }

  function sortRows(body, index, kind, direction) {
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, key: sortKey(row, index, kind), position: position };
    });
    rows.sort(function (a, b) {
      if (a.key < b.key) return -direction;
      if (a.key > b.key) return direction;
      return a.position - b.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function makeSortable(table) {
    if (table.hasAttribute("data-pmlint-sort-ready") || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-pmlint-sort-ready", "");
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, index) {
      var kind = th.getAttribute("data-kind");
      if (!kind || kind === "none") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pmlint-sort";
      button.title = "Sort by " + th.textContent.trim();
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortRows(table.tBodies[0], index, kind, ascending ? 1 : -1);
      });
    });
  }

  function rowMatches(row, selected, terms) {
    for (var i = 0; i < FILTERS.length; i++) {
      var name = FILTERS[i];
      var wanted = selected[name];
      if (!wanted) continue;
      var value = row.getAttribute("data-" + name) || "";
      if (name === "services" ? value.split("|").indexOf(wanted) < 0 : value !== wanted) return false;
    }
    if (!terms.length) return true;
    var text = lower(row.textContent + " " + (row.getAttribute("data-services") || ""));
    return terms.every(function (term) { return text.indexOf(term) >= 0; });
  }

  function mergeYears(root, form) {
    var tables = root.querySelectorAll("table.pmlint-incidents");
    if (!tables.length) return null;
    var merged = tables[0].cloneNode(false);
    merged.appendChild(tables[0].tHead.cloneNode(true));
    var body = document.createElement("tbody");
    merged.appendChild(body);
    Array.prototype.forEach.call(tables, function (table) {
      Array.prototype.slice.call(table.tBodies[0].rows).forEach(function (row) { body.appendChild(row); });
    });
    Array.prototype.forEach.call(root.querySelectorAll(".pmlint-year"), function (section) {
      section.hidden = true;
    });
    var wrap = document.createElement("div");
    wrap.className = "pmlint-scroll";
    wrap.appendChild(merged);
    form.parentNode.insertBefore(wrap, form.nextSibling);
    return merged;
  }

  function initArchive(root) {
    if (root.hasAttribute("data-pmlint-ready")) return;
    var form = root.querySelector("[data-pmlint-filters]");
    if (!form) return;
    root.setAttribute("data-pmlint-ready", "");
    var table = mergeYears(root, form);
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector("[data-pmlint-count]");
    var text = form.querySelector('[data-filter="text"]');
    var empty = document.createElement("p");
    empty.className = "pmlint-empty";
    empty.textContent = "No incident matches these filters.";
    empty.hidden = true;
    table.parentNode.parentNode.insertBefore(empty, table.parentNode.nextSibling);

    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var select = form.querySelector('[data-filter="' + name + '"]');
      var value = params.get(name === "services" ? "service" : name);
      if (select && value) select.value = value;
    });
    if (text && params.get("q")) text.value = params.get("q");

    function apply() {
      var selected = {};
      FILTERS.forEach(function (name) {
        var select = form.querySelector('[data-filter="' + name + '"]');
        selected[name] = select ? select.value : "";
      });
      var terms = lower(text ? text.value : "").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var match = rowMatches(row, selected, terms);
        row.hidden = !match;
        if (match) shown++;
      });
      empty.hidden = shown > 0;
      if (count) {
        count.textContent = shown === rows.length
          ? rows.length + (rows.length === 1 ? " incident" : " incidents")
          : "Showing " + shown + " of " + rows.length + " incidents";
      }
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    makeSortable(table);
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pmlint-archive]"), initArchive);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-pmlint-sortable]"), function (table) {
      if (!table.closest("[hidden]")) makeSortable(table);
    });
  }

  // Material's instant loading swaps pages without a reload and announces them on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
