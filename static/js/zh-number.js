/*
 * Chinese number formatting for chart axes and tooltips: the same rule as the Django
 * filter `zh_number` (articles/templatetags/numbers.py), checked against the same cases
 * by tests/test_numbers_format.py:
 *   |v| >= 1亿  -> v / 1e8, at most 2 decimals (half-up), trailing zeros trimmed, + "亿"
 *   |v| >= 1万  -> v / 1e4 the same way, + "万" (a value rounding to 10000万 is written in 亿)
 *   otherwise   -> grouped digits (1,234), at most 2 decimals, trimmed
 * then the unit with no space: 9.31亿元, 11.45万人, 285元/人/月.
 * null/undefined/NaN give "" (a gap is shown as a gap, never as 0).
 */
(function (root) {
  "use strict";

  function roundHalfUp(x, places) {
    var factor = Math.pow(10, places);
    // Work on the magnitude so -1.235 rounds like 1.235; EPSILON absorbs binary noise (1.005).
    var magnitude = Math.round((Math.abs(x) + Number.EPSILON) * factor * (1 + Number.EPSILON)) / factor;
    return x < 0 ? -magnitude : magnitude;
  }

  function trimmed(x, grouped) {
    var rounded = roundHalfUp(x, 2);
    var text = rounded.toFixed(2);
    if (grouped) {
      var parts = text.split(".");
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      text = parts.join(".");
    }
    text = text.replace(/0+$/, "").replace(/\.$/, "");
    return text === "-0" || text === "" ? "0" : text;
  }

  function formatZh(value, unit) {
    if (value === null || value === undefined || value === "") return "";
    var x = typeof value === "number" ? value : Number(value);
    if (!isFinite(x)) return "";
    var size = Math.abs(x);
    var text;
    if (size >= 1e8) {
      text = trimmed(x / 1e8) + "亿";
    } else if (size >= 1e4) {
      var scaled = roundHalfUp(x / 1e4, 2);
      text = Math.abs(scaled) >= 1e4 ? trimmed(x / 1e8) + "亿" : trimmed(scaled) + "万";
    } else {
      text = trimmed(x, true);
    }
    return text + (unit || "");
  }

  var api = { formatZh: formatZh };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.govreports = root.govreports || {};
    root.govreports.formatZh = formatZh;
  }
})(typeof self !== "undefined" ? self : this);
