/*
 * A GET form marked data-drop-empty sends only its filled fields. A browser sends every
 * field of a GET form, so a submitted compare form gave
 * '?indicator=x&level=&within=&regions=&topic=&…' (a new-user pass): a URL to read, share
 * and cite. When the form's data is gathered (the "formdata" event, after every submit
 * handler, such as the region picker's, has run), blank values are taken out and the
 * rest kept in their order. The server reads an empty parameter as an absent one, so
 * without this script (or in a browser without the event) the URL is longer, not wrong.
 */
(function () {
  "use strict";

  function compact(event) {
    var data = event.formData;
    var entries = [];
    data.forEach(function (value, name) {
      entries.push([name, value]);
    });
    entries.forEach(function (entry) {
      data.delete(entry[0]);
    });
    entries.forEach(function (entry) {
      if (typeof entry[1] !== "string" || entry[1].trim()) data.append(entry[0], entry[1]);
    });
  }

  function attachAll() {
    var forms = document.querySelectorAll("form[data-drop-empty]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("formdata", compact);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
