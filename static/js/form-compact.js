/*
 * A GET form marked data-drop-empty sends only its filled fields. A browser sends every
 * field of a GET form, so a submitted compare form gave
 * '?indicator=x&level=&within=&regions=&topic=&…' (a new-user pass): a URL to read, share
 * and cite. When the form's data is gathered (the "formdata" event, after every submit
 * handler, such as the region picker's, has run), blank values are taken out and the
 * rest kept in their order. The server reads an empty parameter as an absent one, so
 * without this script (or in a browser without the event) the URL is longer, not wrong.
 *
 * The language switch (form.language-switch, which returns to its `next`) carries the
 * first such form's choices when they were changed and not submitted: they were lost.
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

  // True when a field of `form` no longer holds what the page was served with (a choice
  // made, a region picked into the hidden box, a date typed) and was not submitted.
  function changed(form) {
    return Array.prototype.some.call(form.elements, function (field) {
      if (!field.name || field.disabled) return false;
      if (field.type === "checkbox" || field.type === "radio") {
        return field.checked !== field.defaultChecked;
      }
      if (field.options && !field.multiple) {
        // served with no option marked selected, a list shows (and holds) its first: the
        // compare form's per and view read as changed, and the switch dropped the table's
        // sort, page and search from the address (a new-user pass)
        var served = Array.prototype.findIndex.call(field.options, function (option) {
          return option.defaultSelected;
        });
        return field.selectedIndex !== Math.max(served, 0);
      }
      if (field.options) {
        return Array.prototype.some.call(field.options, function (option) {
          return option.selected !== option.defaultSelected;
        });
      }
      return field.value !== field.defaultValue;
    });
  }

  // The language switch returns to this page (its `next`); choices made in the filter
  // form but not yet submitted were lost with it (a new-user pass). When there are some,
  // the page it returns to is the form's, as submitting it would give (blanks left out).
  function keepOnLanguageSwitch(form) {
    document.querySelectorAll("form.language-switch").forEach(function (switcher) {
      switcher.addEventListener("submit", function () {
        var next = switcher.querySelector("input[name=next]");
        if (!next || !changed(form)) return;
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
          if (typeof value === "string" && value.trim() && name !== "lang") {
            params.append(name, value);
          }
        });
        var action = new URL(form.getAttribute("action") || window.location.pathname, window.location.href);
        var query = params.toString();
        next.value = action.pathname + (query ? "?" + query : "");
      });
    });
  }

  function attachAll() {
    var forms = document.querySelectorAll("form[data-drop-empty]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("formdata", compact);
    });
    if (forms.length) keepOnLanguageSwitch(forms[0]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
