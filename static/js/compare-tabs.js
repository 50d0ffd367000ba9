/*
 * The compare page's chart / table / map tabs, citation copy and SVG download.
 *
 * Tabs (<div role="tablist" data-tabs> of <a role="tab" data-tab="…" href="?…&tab=…">):
 * each link works without JavaScript (the server shows that panel); here a click or
 * Enter/Space shows the panel in place, ArrowLeft/ArrowRight/Home/End move between tabs
 * (WAI-ARIA tabs pattern, automatic activation), and the URL's `tab` is replaced so the
 * permalink keeps it. A shown panel gets the "govreports:tabshown" event (the map draws
 * then: a hidden canvas has no size). A panel served empty (data-panel-src: the table on
 * a page opened on another tab) is read from its tab's address when first shown.
 *
 * <button data-copy-target="ID"> copies the text of #ID (the citation).
 * <a data-chart-svg="CANVAS_ID"> becomes an SVG download of that Chart.js chart, drawn
 * again into a canvas2svg context (static/vendor/canvas2svg) with the same configuration:
 * title, subtitle, units, source line and date, never a tooltip.
 */
(function () {
  "use strict";

  function setUrlTab(tab) {
    // The table's page stays in the address whatever the tab: the table keeps showing
    // it (a new-user pass reloaded page 1 after going to the chart and back).
    var url = new URL(window.location.href);
    url.searchParams.set("tab", tab);
    window.history.replaceState(null, "", url.href);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-tab-input]"), function (input) {
      input.value = tab;
    });
    // The language switch returns to this address, not the one the page was served
    // with: it opened the chart again after the map was chosen (a new-user pass). Without
    // lang=, which would choose the language the switch is leaving.
    url.searchParams.delete("lang");
    var next = url.pathname + (url.searchParams.toString() ? "?" + url.searchParams.toString() : "");
    Array.prototype.forEach.call(
      document.querySelectorAll("form.language-switch input[name=next]"),
      function (input) {
        input.value = next;
      }
    );
  }

  // A panel the server left out (the table, on a page opened on the chart or the map:
  // <div data-panel-src="?…&tab=table">) is read from that address, the page with the
  // panel in it, the first time its tab is chosen. When that fails while its tab is
  // still the one chosen, the tab's link is followed instead, as without JavaScript;
  // when another tab was chosen meanwhile, it is read again the next time.
  function fill(panel, tab) {
    var src = panel.getAttribute("data-panel-src");
    panel.removeAttribute("data-panel-src");
    panel.setAttribute("aria-busy", "true");
    fetch(src, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var served = doc.getElementById(panel.id);
        if (!served) throw new Error("no panel");
        panel.innerHTML = served.innerHTML;
        panel.removeAttribute("aria-busy");
        document.dispatchEvent(new CustomEvent("govreports:tabshown", { detail: { panel: panel } }));
      })
      .catch(function () {
        panel.removeAttribute("aria-busy");
        if (tab.getAttribute("aria-selected") === "true") {
          window.location.href = tab.href;
        } else {
          panel.setAttribute("data-panel-src", src);
        }
      });
  }

  function select(tabs, tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) tab.focus();
    setUrlTab(tab.dataset.tab);
    var shown = document.getElementById(tab.getAttribute("aria-controls"));
    if (shown && shown.hasAttribute("data-panel-src")) fill(shown, tab);
    document.dispatchEvent(new CustomEvent("govreports:tabshown", { detail: { panel: shown } }));
  }

  function initTabs(list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function (event) {
        event.preventDefault();
        select(tabs, tab, false);
      });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
        else if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (event.key === "Home") next = tabs[0];
        else if (event.key === "End") next = tabs[tabs.length - 1];
        else if (event.key === " ") next = tab;
        if (!next) return;
        event.preventDefault();
        select(tabs, next, true);
      });
    });
  }

  function initCopy(button) {
    button.hidden = false; // a script-only button: hidden in the page until this runs
    button.addEventListener("click", function () {
      var target = document.getElementById(button.dataset.copyTarget);
      if (!target) return;
      var text = target.value || target.textContent;
      var done = function () {
        button.textContent = button.dataset.copied;
      };
      var byHand = function () {
        target.focus();
        if (target.select) target.select(); // selected for Ctrl+C
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, byHand);
      } else {
        byHand();
      }
    });
  }

  // The chart as SVG text: a second Chart.js chart with the first one's configuration,
  // drawn once into a canvas2svg context of the same size, then destroyed.
  function chartSvg(chart) {
    var ctx = new window.C2S(chart.width, chart.height);
    ctx.getContext = function () {
      return ctx;
    };
    ctx.resetTransform = function () {};
    // Chart.js sets a dash (none, for our charts) on grid lines; canvas2svg has no dashes.
    ctx.setLineDash = ctx.setLineDash || function () {};
    ctx.getLineDash = ctx.getLineDash || function () { return []; };
    // canvas2svg's font pattern refuses single quotes, which Chart.js's default family has
    // ("'Helvetica Neue', …"): read those fonts here instead.
    var parseFont = ctx.__parseFont;
    ctx.__parseFont = function () {
      if (/^[^']*$/.test(ctx.font)) return parseFont.call(ctx);
      var m = /(?:(italic|oblique)\s+)?(?:(bold(?:er)?|lighter|[1-9]00)\s+)?([.\d]+px)\s+(.+)$/.exec(ctx.font) || [];
      return {
        style: m[1] || "normal",
        weight: m[2] || "normal",
        size: m[3] || "12px",
        family: m[4] || "sans-serif",
        decoration: "normal",
        href: null,
      };
    };
    var config = chart.config;
    var options = Object.assign({}, config.options, {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      events: [],
    });
    var copy = new window.Chart(ctx, {
      platform: window.Chart.BasicPlatform, // no DOM canvas: size from ctx.width/height
      type: config.type,
      data: config.data,
      options: options,
      plugins: config.plugins,
    });
    var svg = ctx.getSerializedSvg(true);
    copy.destroy();
    return svg;
  }

  function initSvg(link) {
    if (typeof window.C2S !== "function" || typeof window.Chart !== "function") return;
    link.hidden = false;
    link.addEventListener("click", function (event) {
      var canvas = document.getElementById(link.dataset.chartSvg);
      var chart = canvas && window.Chart.getChart(canvas);
      if (!chart) {
        event.preventDefault();
        return;
      }
      var svg;
      var sized = window.govreports && window.govreports.withChartSize;
      try {
        // laid out first when its panel was never shown (charts.js withChartSize)
        svg = sized ? sized(chart, function () { return chartSvg(chart); }) : chartSvg(chart);
      } catch (error) {
        event.preventDefault(); // never download the page instead
        throw error;
      }
      var blob = new Blob([svg], { type: "image/svg+xml" });
      if (link.href.indexOf("blob:") === 0) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(blob);
    });
  }

  // A table wider than its box (a phone) is scrolled so that the column it is sorted by
  // shows beside the region column (which stays, sticky): in the change view the
  // 变化 column it is sorted by was off screen at 390 px (a new-user pass). Done when the
  // table is shown (a hidden panel has no size) and only while the reader has not
  // scrolled it.
  function showSortedColumn() {
    var link = document.querySelector("#compare-table thead a[data-sorted]");
    var th = link && link.closest("th");
    var box = th && th.closest(".table-scroll");
    if (!box || box.dataset.scrolled || !box.clientWidth) return;
    var heads = Array.prototype.slice.call(th.parentElement.children);
    var start = heads[0] && heads[0] !== th ? heads[0].offsetWidth : 0;
    var right = th.offsetLeft + th.offsetWidth;
    if (right <= box.scrollLeft + box.clientWidth && th.offsetLeft >= box.scrollLeft + start) {
      return;
    }
    // the least scroll that shows the column whole and starts a column at the sticky one's
    // edge: a column half under it showed a stray unit (人) on every row (a new-user pass)
    var needed = right - box.clientWidth;
    var stop = heads.slice(1).map(function (h) { return h.offsetLeft - start; }).find(function (at) {
      return at >= needed;
    });
    box.scrollLeft = Math.max(0, stop === undefined ? needed : Math.min(stop, th.offsetLeft - start));
    box.addEventListener("scroll", function () { box.dataset.scrolled = "1"; }, { once: true });
  }

  function init() {
    showSortedColumn();
    document.addEventListener("govreports:tabshown", showSortedColumn);
    Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), initTabs);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy-target]"), initCopy);
    Array.prototype.forEach.call(document.querySelectorAll("a[data-chart-svg]"), initSvg);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
