/*
 * Compare's "口径" (per) list offers only what the chosen indicator takes: per 1,000
 * residents for persons, per resident for money (the JSON in #per-allowed, from
 * articles/compare_filter.py per_choices). Both ratios were offered for every indicator
 * and refused after the submit (a new-user pass). The others are disabled, and a choice
 * that the new indicator does not take falls back to the total. Without this script the
 * list is whole and the server's message explains a refusal.
 */
(function () {
  "use strict";

  function attach() {
    var source = document.getElementById("per-allowed");
    var form = source && source.closest("form");
    var indicator = form && form.querySelector("select[name=indicator]");
    var per = form && form.querySelector("select[name=per]");
    if (!indicator || !per) return;
    var allowed = JSON.parse(source.textContent);

    function update() {
      var takes = allowed[indicator.value]; // no indicator chosen: every option
      Array.prototype.forEach.call(per.options, function (option) {
        option.disabled = Boolean(takes) && takes.indexOf(option.value) < 0;
      });
      if (per.selectedOptions.length && per.selectedOptions[0].disabled) per.value = "total";
    }

    indicator.addEventListener("change", update);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attach);
  } else {
    attach();
  }
})();
