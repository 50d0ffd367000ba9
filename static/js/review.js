// Keyboard shortcuts of the review queue (admin:articles_metric_review). The page works
// without this file: every action is a plain POST form or a link.
// A approve, R reject, N skip, C correct (focus the value; Enter saves, Esc leaves),
// J/P next/previous, L list view. Keys are ignored while typing in a field.
(function () {
  "use strict";
  function click(selector) {
    var el = document.querySelector(selector);
    if (el) { el.click(); return true; }
    return false;
  }
  var current = document.getElementById("review-current");
  if (current && current.scrollIntoView) {
    current.scrollIntoView({ block: "center" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var typing = target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (typing) {
      if (event.key === "Escape") { target.blur(); }
      return;
    }
    var key = event.key.toLowerCase();
    var done = false;
    if (key === "a" || key === "r" || key === "n") {
      done = click('.review-decide button[data-key="' + key + '"]');
    } else if (key === "j" || key === "p") {
      done = click('.review-nav a[data-key="' + key + '"]');
    } else if (key === "l") {
      done = click("#review-list");
    } else if (key === "c") {
      var field = document.getElementById("id_fix-value");
      if (field) { field.focus(); field.select(); done = true; }
    }
    if (done) { event.preventDefault(); }
  });
})();
