/* pmlint archive: filters, sorting and paging. Progressive enhancement only: every page
   works without this file (it lists one page of rows and links to the rest).

   The archive and action-items pages name a JSON file (data-src) holding every row in a
   compact form. This script fetches it, filters and sorts plain arrays and renders one
   page of rows, so a sort or filter over 10,000 incidents touches 100 DOM rows. Filters,
   sort and page live in the URL (a filtered view can be shared) and are read back from it
   on Back and Forward. No dependencies, no network beyond the site itself. */
(function () {
  "use strict";

  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

  function esc(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  function lower(value) {
    return (value || "").toLowerCase();
  }

  /* "@priya.nair" is found by "priya", "priya.nair" and "@priya.nair" alike. */
  function terms(text) {
    return lower(text).split(/\s+/).map(function (t) { return t.replace(/^@/, ""); }).filter(Boolean);
  }

  function matchesTerms(haystack, wanted) {
    for (var i = 0; i < wanted.length; i++) if (haystack.indexOf(wanted[i]) < 0) return false;
    return true;
  }

  /* The text of an action's HTML as the build escaped it (tags stripped, the five entities
     it writes decoded): a regular expression, not a parse per row (45,000 rows at 10,000
     incidents took a noticeable time to parse). */
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'" };
  function plainText(html) {
    return String(html).replace(/<[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#x27);/g, function (e) { return ENTITIES[e]; });
  }

  function whenIdle(callback) {
    if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 3000 });
    else window.setTimeout(callback, 200);
  }

  var loading = {};
  function fetchJson(url) {
    if (!loading[url]) {
      loading[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("pmlint: " + url + ": HTTP " + response.status);
        return response.json();
      });
    }
    return loading[url];
  }

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* ------------------------------------------------------------ the views */

  var ARCHIVE = {
    params: ["q", "severity", "service", "year", "status"],
    columns: ["incident", "date", "severity", "services", "duration", "status", "actions"],
    noun: ["incident", "incidents"],
    tableClass: "pmlint-table pmlint-incidents",
    prepare: function (data) {
      data.rows.forEach(function (r) {
        var services = r[4].map(function (i) { return data.services[i][0]; });
        r.services = services;
        r.year = r[2] ? r[2].slice(0, 4) : "undated";
        r.text = lower([r[0], services.join(" "), data.severities[r[3]][0], data.statuses[r[7]][0]].join(" "))
          .replace(/@/g, "");
      });
    },
    keep: function (data, r, state, wanted) {
      if (state.severity && data.severities[r[3]][0] !== state.severity) return false;
      if (state.status && data.statuses[r[7]][0] !== state.status) return false;
      if (state.year && r.year !== state.year) return false;
      if (state.service && r.services.indexOf(state.service) < 0) return false;
      return matchesTerms(r.text, wanted);
    },
    key: function (data, r, column) {
      switch (column) {
        case "incident": return lower(r[0]);
        case "date": return r[2] || "0000";
        case "severity": return data.severities[r[3]][2];
        case "services": return lower(r.services.join(" "));
        case "duration": return r[6];
        case "status": return data.statuses[r[7]][0];
        case "actions": return r[8] * 100000 + r[9];
      }
      return 0;
    },
    row: function (data, r, base) {
      var chips = r[4].map(function (i) {
        var service = data.services[i];
        return service[1]
          ? '<a class="pmlint-chip" href="' + esc(new URL(service[1], base).href) + '">' + esc(service[0]) + "</a>"
          : '<span class="pmlint-chip">' + esc(service[0]) + "</span>";
      }).join(" ");
      var actions = r[9] ? r[8] + " / " + r[9] : "–";
      var note = ' <small class="pmlint-inferred">(inferred)</small>';
      if (r[8]) actions = '<span class="pmlint-open">' + actions + "</span>";
      return "<tr>" +
        '<td class="pmlint-col-title"><a href="' + esc(new URL(r[1], base).href) + '">' + esc(r[0]) + "</a></td>" +
        '<td class="pmlint-col-date">' + (r[2] ? "<time>" + esc(r[2]) + "</time>" + (r[10] & 1 ? note : "") : "–") + "</td>" +
        "<td>" + data.severities[r[3]][1] + (r[10] & 4 ? note : "") + "</td>" +
        "<td>" + chips + "</td>" +
        '<td class="pmlint-col-num">' + esc(r[5]) + (r[10] & 2 && r[6] >= 0 ? note : "") + "</td>" +
        "<td>" + data.statuses[r[7]][1] + "</td>" +
        '<td class="pmlint-col-num">' + actions + "</td></tr>";
    }
  };

  var ACTIONS = {
    params: ["q", "state", "owner", "service"],
    columns: ["action", "due", "owner", "priority", "status", "incident"],
    noun: ["action item", "action items"],
    tableClass: "pmlint-table pmlint-actions",
    prepare: function (data, incidents) {
      data.rows.forEach(function (r) {
        var incident = incidents.rows[r[7]];
        var owner = r[1] >= 0 ? data.owners[r[1]] : "";
        r.incident = incident;
        r.owner = owner;
        r.plain = plainText(r[0]);
        r.text = lower([r.plain, owner, r[2], r[5], incident[0]].join(" ")).replace(/@/g, "");
      });
    },
    keep: function (data, r, state, wanted) {
      if (state.state && data.states[r[6]] !== state.state) return false;
      if (state.owner && r.owner !== state.owner) return false;
      if (state.service && r.incident.services.indexOf(state.service) < 0) return false;
      return matchesTerms(r.text, wanted);
    },
    key: function (data, r, column) {
      switch (column) {
        case "action": return lower(r.plain);
        case "due": return r[4] || "9999";
        case "owner": return lower(r.owner) || "~";
        case "priority": return lower(r[2]) || "zz";
        case "status": return lower(r[5]);
        case "incident": return r.incident[2] || "";
      }
      return 0;
    },
    row: function (data, r, base, incidentsBase) {
      var state = data.states[r[6]];
      var due = esc(r[3] || "–");
      if (r[8]) due += ' <span class="pmlint-late">' + r[8] + (r[8] === 1 ? " day" : " days") + " late</span>";
      var cls = state === "overdue" ? ' class="pmlint-row--overdue"' : state === "done" ? ' class="pmlint-row--done"' : "";
      return "<tr" + cls + ">" +
        '<td class="pmlint-col-title">' + r[0] + "</td>" +
        '<td class="pmlint-col-date">' + due + "</td>" +
        "<td>" + esc(r.owner || "–") + "</td>" +
        "<td>" + esc(r[2] || "–") + "</td>" +
        "<td>" + esc(r[5]) + "</td>" +
        '<td><a href="' + esc(new URL(r.incident[1], incidentsBase).href) + '">' + esc(r.incident[0]) + "</a></td></tr>";
    }
  };

  function readState(kind) {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    kind.params.forEach(function (name) { state[name] = params.get(name) || ""; });
    state.sort = kind.columns.indexOf(params.get("sort")) >= 0 ? params.get("sort") : "";
    state.dir = params.get("dir") === "desc" ? "desc" : "asc";
    state.page = Math.max(1, parseInt(params.get("page"), 10) || 0);
    return state;
  }

  function writeState(kind, state, push) {
    var params = new URLSearchParams(window.location.search);
    kind.params.forEach(function (name) {
      if (state[name]) params.set(name, state[name]); else params.delete(name);
    });
    if (state.sort) { params.set("sort", state.sort); params.set("dir", state.dir); }
    else { params.delete("sort"); params.delete("dir"); }
    if (state.page > 1) params.set("page", String(state.page)); else params.delete("page");
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    window.history[push ? "pushState" : "replaceState"]({ pmlint: true }, "", url);
  }

  function fitScrollHints(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".pmlint-scroll-hint"), function (hint) {
      var scroll = hint.nextElementSibling;
      if (scroll && scroll.classList.contains("pmlint-scroll")) hint.hidden = scroll.scrollWidth <= scroll.clientWidth + 1;
    });
  }

  function initView(root) {
    if (root.hasAttribute("data-pmlint-ready")) return;
    var kind = root.getAttribute("data-pmlint-view") === "actions" ? ACTIONS : ARCHIVE;
    var form = root.querySelector("[data-pmlint-filters]");
    var source = root.getAttribute("data-src");
    if (!form || !source) return;
    root.setAttribute("data-pmlint-ready", "");
    var base = new URL(source, window.location.href).href;
    var incidentsSource = root.getAttribute("data-incidents");
    var incidentsBase = incidentsSource ? new URL(incidentsSource, window.location.href).href : base;
    var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 100;
    var staticPage = parseInt(root.getAttribute("data-page"), 10) || 1;
    var firstTable = root.querySelector("table");
    var head = firstTable && firstTable.tHead ? firstTable.tHead.cloneNode(true) : null;
    var loads = [fetchJson(base)];
    if (kind === ACTIONS) loads.push(fetchJson(incidentsBase));

    Promise.all(loads).then(function (loaded) {
      var data = loaded[0];
      if (kind === ACTIONS) {
        ARCHIVE.prepare(loaded[1]);
        kind.prepare(data, loaded[1]);
      } else {
        kind.prepare(data);
      }
      build(data);
    }).catch(function (error) {
      root.removeAttribute("data-pmlint-ready");
      if (window.console) window.console.error(error);
    });

    function build(data) {
      Array.prototype.forEach.call(root.querySelectorAll(".pmlint-year, .pmlint-state, [data-pmlint-static-pager]"),
        function (node) { node.hidden = true; });
      var hint = document.createElement("p");
      hint.className = "pmlint-scroll-hint";
      hint.textContent = "Scroll sideways for more columns →";
      var wrap = document.createElement("div");
      wrap.className = "pmlint-scroll";
      var table = document.createElement("table");
      table.className = kind.tableClass;
      if (head) table.appendChild(head);
      var body = document.createElement("tbody");
      table.appendChild(body);
      wrap.appendChild(table);
      var empty = document.createElement("p");
      empty.className = "pmlint-empty";
      empty.textContent = "Nothing matches these filters.";
      empty.hidden = true;
      var pager = document.createElement("nav");
      pager.className = "pmlint-pager";
      pager.setAttribute("aria-label", "Result pages");
      var previous = button("← Previous");
      var status = document.createElement("span");
      status.className = "pmlint-pager__status";
      var next = button("Next →");
      pager.appendChild(previous); pager.appendChild(status); pager.appendChild(next);
      var anchor = form.nextSibling;
      [hint, wrap, empty, pager].forEach(function (node) { root.insertBefore(node, anchor); });
      var count = form.querySelector("[data-pmlint-count]");
      var text = form.querySelector('[data-filter="q"]');
      var heads = head ? Array.prototype.slice.call(head.rows[0].cells) : [];
      var state = readState(kind);
      if (!window.location.search && staticPage > 1) state.page = staticPage;
      var order = data.rows;  // rows in the current sort (newest first until a column is chosen)
      var sortedBy = "";
      var sorted = {};  // "column:dir" -> every row in that order, computed once

      heads.forEach(function (th, index) {
        var column = kind.columns[index];
        var sortButton = document.createElement("button");
        sortButton.type = "button";
        sortButton.className = "pmlint-sort";
        sortButton.title = "Sort by " + th.textContent.trim();
        while (th.firstChild) sortButton.appendChild(th.firstChild);
        th.appendChild(sortButton);
        sortButton.addEventListener("click", function () {
          state.dir = state.sort === column && state.dir === "asc" ? "desc" : "asc";
          state.sort = column;
          state.page = 1;
          writeState(kind, state, true);
          render();
        });
      });

      function button(label) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "pmlint-button";
        b.textContent = label;
        return b;
      }

      function toForm() {
        kind.params.forEach(function (name) {
          var field = form.querySelector('[data-filter="' + name + '"]');
          if (!field) return;
          // the box being typed in keeps its text as typed (a trailing space, say)
          if (field === document.activeElement && field.value.trim() === state[name]) return;
          field.value = state[name];
          if (field.value !== state[name]) field.value = "";  // a value the list does not offer
        });
      }

      function fromForm() {
        kind.params.forEach(function (name) {
          var field = form.querySelector('[data-filter="' + name + '"]');
          if (field) state[name] = field.value.trim();
        });
      }

      /* Rows by a column, ascending; ties keep the data's order (newest first). The keys are
         computed and sorted once per column (when the page is idle, or at the first click). */
      function ascending(column) {
        var name = column + ":asc";
        if (!sorted[name]) {
          var keys = data.rows.map(function (r) { return kind.key(data, r, column); });
          var positions = keys.map(function (_, i) { return i; });
          positions.sort(function (a, b) { return compare(keys[a], keys[b]) || a - b; });
          sorted[name] = positions.map(function (i) { return data.rows[i]; });
          sorted[name].keys = positions.map(function (i) { return keys[i]; });
        }
        return sorted[name];
      }

      /* Descending: the ascending order's runs of equal keys in reverse, each run still in
         the data's order (what a stable sort by the reversed comparison gives). */
      function descending(column) {
        var name = column + ":desc";
        if (!sorted[name]) {
          var rows = ascending(column);
          var keys = rows.keys;
          var out = [];
          for (var end = rows.length; end > 0;) {
            var begin = end - 1;
            while (begin > 0 && compare(keys[begin - 1], keys[end - 1]) === 0) begin--;
            for (var i = begin; i < end; i++) out.push(rows[i]);
            end = begin;
          }
          sorted[name] = out;
        }
        return sorted[name];
      }

      function sortRows() {
        var wanted = state.sort ? state.sort + ":" + state.dir : "";
        if (wanted === sortedBy) return;
        sortedBy = wanted;
        if (!state.sort) { order = data.rows; return; }
        order = state.dir === "desc" ? descending(state.sort) : ascending(state.sort);
      }

      function render() {
        toForm();
        sortRows();
        var wanted = terms(state.q);
        // positions of the matching rows in a typed array: no array of rows to collect as
        // garbage after each keystroke (45,000 action items at 10,000 incidents)
        var matches = new Int32Array(order.length);
        var matched = 0;
        for (var i = 0; i < order.length; i++) {
          if (kind.keep(data, order[i], state, wanted)) matches[matched++] = i;
        }
        var pages = Math.max(1, Math.ceil(matched / pageSize));
        var page = Math.min(state.page, pages);
        var slice = [];
        for (var j = (page - 1) * pageSize; j < Math.min(matched, page * pageSize); j++) slice.push(order[matches[j]]);
        body.innerHTML = slice.map(function (r) { return kind.row(data, r, base, incidentsBase); }).join("");
        heads.forEach(function (th, index) {
          var column = kind.columns[index];
          th.setAttribute("aria-sort", state.sort === column ? (state.dir === "desc" ? "descending" : "ascending") : "none");
        });
        empty.hidden = matched > 0;
        wrap.hidden = matched === 0;
        pager.hidden = pages <= 1;
        previous.disabled = page <= 1;
        next.disabled = page >= pages;
        status.textContent = "Page " + page + " of " + pages;
        var total = data.rows.length;
        if (count) {
          count.textContent = matched === total
            ? total + " " + kind.noun[total === 1 ? 0 : 1]
            : "Showing " + matched + " of " + total + " " + kind.noun[1];
        }
        root.setAttribute("data-pmlint-shown", String(matched));
        window.requestAnimationFrame(function () { fitScrollHints(root); });  // after layout, not forcing one
      }

      function goTo(page) {
        state.page = page;
        writeState(kind, state, true);
        render();
        root.scrollIntoView({ block: "start" });
      }
      previous.addEventListener("click", function () { goTo(Math.max(1, state.page - 1)); });
      next.addEventListener("click", function () { goTo(state.page + 1); });

      // The text filter answers on the next frame (keystrokes within one frame count once).
      var typing = 0;
      form.addEventListener("input", function (event) {
        if (event.target !== text || typing) return;
        typing = window.requestAnimationFrame(function () {
          typing = 0;
          fromForm(); state.page = 1; writeState(kind, state, false); render();
        });
      });
      form.addEventListener("change", function (event) {
        if (event.target === text) return;
        fromForm(); state.page = 1; writeState(kind, state, true); render();
      });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("reset", function (event) {
        event.preventDefault();
        kind.params.forEach(function (name) { state[name] = ""; });
        state.sort = ""; state.page = 1;
        writeState(kind, state, true);
        render();
      });
      // Back and Forward (and a page restored from the back-forward cache) show what the URL says.
      function fromUrl() { if (root.isConnected) { state = readState(kind); render(); } }
      window.addEventListener("popstate", fromUrl);
      window.addEventListener("pageshow", function (event) { if (event.persisted) fromUrl(); });
      form.hidden = false;
      render();
      kind.columns.forEach(function (column) { whenIdle(function () { ascending(column); }); });
    }
  }

  function makeSortable(table) {
    if (table.hasAttribute("data-pmlint-sort-ready") || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-pmlint-sort-ready", "");
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, index) {
      var kind = th.getAttribute("data-kind");
      if (!kind || kind === "none") return;
      var sortButton = document.createElement("button");
      sortButton.type = "button";
      sortButton.className = "pmlint-sort";
      sortButton.title = "Sort by " + th.textContent.trim();
      while (th.firstChild) sortButton.appendChild(th.firstChild);
      th.appendChild(sortButton);
      th.setAttribute("aria-sort", "none");
      sortButton.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(table.tBodies[0].rows).map(function (row, position) {
          var cell = row.cells[index];
          var value = cell ? (cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim()) : "";
          var key = kind === "number" ? (parseFloat(value) || 0) : lower(value);
          return { row: row, key: key, position: position };
        });
        rows.sort(function (a, b) { return (ascending ? 1 : -1) * compare(a.key, b.key) || a.position - b.position; });
        rows.forEach(function (item) { table.tBodies[0].appendChild(item.row); });
      });
    });
  }

  /* search: pagefind. A small search box over Pagefind's JavaScript API (not Pagefind's
     UI, 135 KB more to load before the box appears). What the first result waits for:
     - the engine (pagefind.js, its worker and wasm, the page list) starts loading when the
       page is idle, or at once when the box is touched, so typing does not wait for it;
     - each keystroke preloads the index chunks of the word typed so far, and the search runs
       60 ms after the last one (a word of one or two letters waits longer, 400 ms: its
       prefix spans a large part of the index, and the next letter usually follows);
     - each result shows as soon as its own fragment arrives, not after the whole page. */
  var SEARCH_DELAY_MS = 60;
  var SHORT_DELAY_MS = 400;
  var SHORT_TERM = 3;  // letters: below this, no preload and the longer delay
  var SEARCH_PAGE = 10;

  function initPagefind(box) {
    if (box.hasAttribute("data-pmlint-ready")) return;
    box.setAttribute("data-pmlint-ready", "");
    var bundle = new URL(box.getAttribute("data-pmlint-pagefind"), window.location.href).href;
    box.innerHTML =
      '<label class="pmlint-field pmlint-field--text pmlint-search"><span>Search the post-mortems</span>' +
      '<input type="search" class="pmlint-search__input" placeholder="Words, an owner, a service…"' +
      ' autocomplete="off" autocapitalize="none" enterkeyhint="search"></label>' +
      '<p class="pmlint-search__status" aria-live="polite"></p>' +
      '<ol class="pmlint-search__results"></ol>' +
      '<button type="button" class="pmlint-button pmlint-search__more" hidden>More results</button>';
    var input = box.querySelector("input");
    var status = box.querySelector(".pmlint-search__status");
    var list = box.querySelector("ol");
    var more = box.querySelector("button");
    var engine = null;
    var asked = 0;  // the latest search; an older one that finishes late is dropped
    var timer = null;
    var found = [];
    var shown = 0;

    /* The index comes in parts of 1,000 pages (Pagefind ranks a common word's
       matches in time that grows with the square of their number); the first part's
       pagefind.js merges the others, which pmlint-parts.json lists. */
    function start() {
      if (!engine) {
        var parts = fetch(bundle + "pmlint-parts.json").then(function (response) {
          return response.ok ? response.json() : [];
        });
        engine = import(bundle + "pagefind.js").then(function (pagefind) {
          return pagefind.options({ basePath: bundle, excerptLength: 24 }).then(function () {
            return Promise.all([pagefind.init(), parts]);
          }).then(function (ready) {
            return Promise.all(ready[1].map(function (part) {
              return pagefind.mergeIndex(new URL(part, bundle).href);
            }));
          }).then(function () { return pagefind; });
        });
        engine.catch(function (error) {
          status.textContent = "Search is unavailable: " + error.message;
        });
      }
      return engine;
    }

    function showResults(count) {
      var upto = Math.min(found.length, shown + count);
      for (; shown < upto; shown++) {
        var item = document.createElement("li");
        item.className = "pmlint-search__result";
        item.hidden = true;
        list.appendChild(item);
        fill(item, found[shown], asked);
      }
      more.hidden = shown >= found.length;
    }

    function fill(item, result, query) {
      result.data().then(function (data) {
        if (query !== asked) return;
        var title = (data.meta && data.meta.title) || data.url;
        // Pagefind writes < and > of the page text as entities and adds <mark>: nothing else
        // may be a tag.
        var excerpt = String(data.excerpt || "").replace(/<(?!\/?mark>)/g, "&lt;");
        item.innerHTML = '<a class="pmlint-search__link" href="' + esc(data.url) + '">' + esc(title) + "</a>" +
          '<p class="pmlint-search__excerpt">' + excerpt + "</p>";
        item.hidden = false;
      });
    }

    /* One search at a time: Pagefind cannot cancel one, and a word typed since waits for it
       anyway, so only the latest of the words typed meanwhile runs next. */
    var running = false;
    var waiting = false;

    function search() {
      var term = input.value.trim();
      var query = ++asked;
      if (!term) {
        list.innerHTML = ""; status.textContent = ""; more.hidden = true;
        return;
      }
      if (running) { waiting = true; return; }
      running = true;
      start().then(function (pagefind) {
        return pagefind.search(term);
      }).then(function (response) {
        if (query !== asked) return;
        found = response.results;
        shown = 0;
        list.innerHTML = "";
        status.textContent = found.length === 1 ? "1 post-mortem" : found.length + " post-mortems";
        showResults(SEARCH_PAGE);
      }).then(finished, finished);
    }

    function finished() {
      running = false;
      if (waiting) { waiting = false; search(); }
    }

    input.addEventListener("focus", start);
    input.addEventListener("pointerenter", start);
    input.addEventListener("input", function () {
      var term = input.value.trim();
      window.clearTimeout(timer);
      var short = term.length < SHORT_TERM;
      if (!short) start().then(function (pagefind) { return pagefind.preload(term); }).catch(function () {});
      timer = window.setTimeout(search, short ? SHORT_DELAY_MS : SEARCH_DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); window.clearTimeout(timer); search(); }
    });
    more.addEventListener("click", function () { showResults(SEARCH_PAGE); });
    var saveData = navigator.connection && navigator.connection.saveData;
    if (!saveData) whenIdle(function () { start(); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pmlint-pagefind]"), initPagefind);
    Array.prototype.forEach.call(document.querySelectorAll("[data-pmlint-view]"), initView);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-pmlint-sortable]"), function (table) {
      if (!table.closest("[data-pmlint-view]")) makeSortable(table);
    });
    fitScrollHints(document);
  }

  window.addEventListener("resize", function () { fitScrollHints(document); });
  // Material's instant loading swaps pages without a reload and announces them on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
