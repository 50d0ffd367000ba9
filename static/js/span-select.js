// Add a metric from a span of the body (admin:articles_metric_add_span): a selection in
// #span-body fills the evidence text and its offsets. The body element holds the article
// text as one text node, so offsets counted here are offsets into article.body. Without
// this file the evidence is typed and its first occurrence is used.
(function () {
  "use strict";
  var body = document.getElementById("span-body");
  if (!body) { return; }
  function fill() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var range = sel.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) { return; }
    var before = document.createRange();
    before.setStart(body, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    var text = range.toString();
    document.getElementById("id_fix-evidence").value = text;
    document.getElementById("id_fix-evidence_start").value = start;
    document.getElementById("id_fix-evidence_end").value = start + text.length;
    var digits = text.match(/\d[\d,]*(\.\d+)?/);
    var value = document.getElementById("id_fix-value");
    if (digits && value && !value.value) { value.value = digits[0].replace(/,/g, ""); }
  }
  body.addEventListener("mouseup", fill);
  body.addEventListener("keyup", fill);
})();
