/*
 * The compare page's region picker. <input data-region-add="ID" list="region-options"> is
 * a searchable list of the regions with data (a datalist: the browser filters it as the
 * reader types a name, English or Chinese, or an adcode). The list is read from
 * data-options-url (/compare/regions/, JSON {"regions": [[adcode, name], ...]}) when the
 * reader first focuses or types in the search, not sent with every page: at county level
 * it is 2,700 regions. Picking one appends its adcode
 * to the comma-separated field #ID (``regions=``), which the form submits, and empties the
 * search for the next pick. Text typed and submitted without picking (a name, 苍溪县 or
 * Wangcang, then Enter) is appended as typed: the form resolves names as it does in the
 * regions field, and says so beside it when it knows none such. Without JavaScript the
 * search is submitted as it is: it is named ``regions`` too, and the server joins the two
 * values (``query_links.joined_values``).
 */
(function () {
  "use strict";

  function attach(search) {
    var target = document.getElementById(search.dataset.regionAdd);
    if (!target || !search.list) return;
    function append(picked) {
      var entries = target.value.split(/\s*[,，、;；]\s*/).filter(Boolean);
      if (entries.indexOf(picked) < 0) entries.push(picked);
      target.value = entries.join(",");
      search.value = "";
    }
    function add() {
      var picked = search.value.trim();
      var known = Array.prototype.some.call(search.list.options, function (o) {
        return o.value === picked;
      });
      if (known) append(picked);
    }
    var loading = null;
    function load() {
      var url = search.dataset.optionsUrl;
      if (loading || !url || !window.fetch) return;
      loading = fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { regions: [] };
        })
        .then(function (data) {
          var options = document.createDocumentFragment();
          (data.regions || []).forEach(function (region) {
            var option = document.createElement("option");
            option.value = region[0];
            option.textContent = region[1];
            options.appendChild(option);
          });
          search.list.replaceChildren(options);
          add(); // typed while the list was on its way
        })
        .catch(function () {
          loading = null; // offline for a moment: try again on the next focus
        });
    }
    search.addEventListener("focus", load);
    search.addEventListener("change", add);
    search.addEventListener("input", function () {
      load();
      add();
    });
    if (search.form) {
      // before the form's data is read: what was typed goes with it (never dropped)
      search.form.addEventListener("submit", function () {
        var typed = search.value.trim();
        if (typed) append(typed);
      });
    }
  }

  function attachAll() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-region-add]"), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
