/*
 * The compare page's region picker. <input data-region-add="ID" list="region-options"> is
 * a searchable list of the regions with data (a datalist: the browser filters it as the
 * reader types a name, English or Chinese, a province or prefecture, or an adcode).
 *
 * The list is read from /compare/regions/ (JSON {"regions": [[adcode, name, path], ...]})
 * when the reader first focuses or types in the search, not sent with every page: at
 * county level it is 2,700 regions. Its address is data-options-url's path with the
 * form's fields named in data-options-params as they stand at that moment, so a scope,
 * topic or date changed but not yet submitted is followed (the list is read again when
 * they change). A refused read (400: a filter the form refuses) leaves the list empty
 * until the filters change; a failed one (a server error, offline) empties it too, and
 * is tried again on the next focus.
 *
 * Picking one appends its adcode to the comma-separated field #ID (``regions=``), which
 * the form submits, empties the search for the next pick, and names what was picked in
 * #region-picked (the field may be off screen on a phone). Text typed and submitted
 * without picking (a name, 苍溪县 or Wangcang, then Enter) is appended as typed: the
 * form resolves names as it does in the regions field, and says so beside it when it
 * knows none such. Without JavaScript the search is submitted as it is: it is named
 * ``regions`` too, and the server joins the two values (``query_links.joined_values``).
 *
 * What is picked is listed by name in #region-chips, each with a button that drops it;
 * the box of codes (#ID) is then hidden, still sent with the form: two boxes, one of
 * codes and one to search, read as two ways to choose regions (a new-user pass). The
 * page lists the regions it compared (names resolved by the server), and the box then
 * holds their codes. A form with an error has no picker: its box stays, with the error.
 */
(function () {
  "use strict";

  function optionsUrl(search) {
    var base = search.dataset.optionsUrl;
    if (!base) return null;
    var address = new URL(base, document.baseURI);
    var names = (search.dataset.optionsParams || "").split(" ").filter(Boolean);
    if (!search.form || !names.length) return address.href;
    var fields = new FormData(search.form);
    var query = new URLSearchParams();
    names.forEach(function (name) {
      // the form's value as it stands (an unticked box: none); the page's own (lang)
      // when the form has no such field
      var value = search.form.elements[name] ? fields.get(name) : address.searchParams.get(name);
      if (value) query.set(name, value);
    });
    address.search = query.toString();
    return address.href;
  }

  function attach(search) {
    var target = document.getElementById(search.dataset.regionAdd);
    if (!target || !search.list) return;
    var shown = document.getElementById("region-picked");
    var picked = [];
    var chips = document.getElementById("region-chips");
    var box = target.closest(".chart-form__field");

    function codes() {
      return target.value.split(/\s*[,，、;；]\s*/).filter(Boolean);
    }
    function chip(value, name, path) {
      if (!chips) return;
      var known = Array.prototype.some.call(chips.children, function (item) {
        return item.dataset.picked === value;
      });
      if (known) return;
      var item = document.createElement("li");
      item.dataset.picked = value;
      var label = document.createElement("span");
      label.textContent = name;
      label.title = path || name;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "region-chips__remove";
      button.setAttribute("aria-label", chips.dataset.remove.replace("{name}", name));
      button.textContent = "×";
      item.append(label, button);
      chips.appendChild(item);
    }
    if (chips && box) {
      // the server's reading of the box (names resolved to codes), one entry a region: a
      // page with a picker is a valid form's
      target.value = Array.prototype.map
        .call(chips.children, function (item) {
          return item.dataset.picked;
        })
        .join(",");
      box.hidden = true;
      chips.hidden = false;
      chips.addEventListener("click", function (event) {
        var button = event.target.closest(".region-chips__remove");
        if (!button) return;
        var item = button.closest("li");
        var gone = item.dataset.picked;
        picked = picked.filter(function (p) {
          return p[0] !== gone;
        });
        if (picked.length) say(picked[0][1], picked[0][0]);
        else if (shown) shown.hidden = true;
        target.value = codes()
          .filter(function (entry) {
            return entry !== gone;
          })
          .join(",");
        item.remove();
        search.focus();
      });
    }

    // picked: [value, label] of each pick since the page came, as the status line names
    // them; a chip dropped leaves it (the line named a region no longer to be compared)
    function say(label, value) {
      if (!shown) return;
      var known = picked.some(function (p) {
        return p[0] === value;
      });
      if (!known) picked.push([value, label]);
      shown.textContent = shown.dataset.text.replace(
        "{regions}",
        picked
          .map(function (p) {
            return p[1];
          })
          .join(shown.dataset.separator || ", ")
      );
      shown.hidden = picked.length === 0;
    }
    function append(value, label, name) {
      var entries = codes();
      if (entries.indexOf(value) < 0) entries.push(value);
      target.value = entries.join(",");
      search.value = "";
      say(label || value, value);
      chip(value, name || label || value, label);
    }
    function add() {
      var typed = search.value.trim();
      var option = Array.prototype.find.call(search.list.options, function (o) {
        return o.value === typed;
      });
      if (option) append(typed, option.textContent, option.dataset.name);
    }

    var loaded = null; // the address of the list shown (or on its way)
    function load() {
      var url = optionsUrl(search);
      if (!url || url === loaded || !window.fetch) return;
      loaded = url;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (response.ok) return response.json();
          // a filter the form refuses (reversed dates): no list rather than the last one,
          // read for other filters, until they change; a server error may pass
          if (response.status < 500) return { regions: [] };
          throw new Error(response.status);
        })
        .then(function (data) {
          if (url !== loaded) return; // the form changed meanwhile: a newer read is on its way
          var options = document.createDocumentFragment();
          (data.regions || []).forEach(function (region) {
            var option = document.createElement("option");
            option.value = region[0];
            option.textContent = region[2] || region[1];
            option.dataset.name = region[1];
            options.appendChild(option);
          });
          search.list.replaceChildren(options);
          add(); // typed while the list was on its way
        })
        .catch(function () {
          if (url !== loaded) return;
          loaded = null; // offline or a server error: again on the next focus
          search.list.replaceChildren();
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
