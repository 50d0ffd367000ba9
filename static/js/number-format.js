/*
 * Number formatting for chart axes and tooltips: the rule of articles/formatting.py's
 * format_number (short form, exact=false), in both languages; tests/test_numbers_format.py
 * runs both on the same cases (Node, in CI):
 *   zh: |v| >= 1亿 -> v / 1e8 + "亿"; |v| >= 1万 -> v / 1e4 + "万" (a value rounding to
 *       10000万 is written in 亿); else grouped digits (1,234)
 *   en: |v| >= 1e9 -> "B", >= 1e6 -> "M", >= 1e4 -> v / 1e3 + "K"; else grouped digits; a unit
 *       of measurement (FULL_EN: m², km, kW ...) keeps every digit, grouped
 *   at most 2 decimals (half-up), trailing zeros trimmed, then the unit: as written in
 *   Chinese, UNITS_EN's in English (51.1K persons).
 * null/undefined/""/NaN give "" (a gap is shown as a gap, never as 0).
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
    var text = roundHalfUp(x, 2).toFixed(2);
    if (grouped) {
      var parts = text.split(".");
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      text = parts.join(".");
    }
    text = text.replace(/0+$/, "").replace(/\.$/, "");
    return text === "-0" || text === "" ? "0" : text;
  }

  function shortZh(x) {
    var size = Math.abs(x);
    if (size >= 1e8) return trimmed(x / 1e8) + "亿";
    if (size >= 1e4) {
      var scaled = roundHalfUp(x / 1e4, 2);
      return Math.abs(scaled) >= 1e4 ? trimmed(x / 1e8) + "亿" : trimmed(scaled) + "万";
    }
    return trimmed(x, true);
  }

  var EN_STEPS = [[1e9, "B"], [1e6, "M"], [1e3, "K"]];
  var EN_COMPACT_FROM = 1e4; // articles/formatting.py EN_COMPACT_FROM: every digit below
  // articles/formatting.py FULL_EN: English units whose numbers keep every digit.
  var FULL_EN = [" m²", " km", " kW", " tonnes", " μg/m³", " mu", " jin", " days", " hours"];
  // articles/formatting.py UNITS_EN: English units, space included; measure words drop.
  var UNITS_EN = {
    "人": " persons", "人次": " person-times", "元": " yuan", "元/人": " yuan per person",
    "元/人/年": " yuan per person per year", "元/人/月": " yuan per person per month",
    "人/千人": " per 1,000 residents", "户": " households", "亩": " mu", "公里": " km",
    "千瓦": " kW", "吨": " tonnes", "天": " days", "小时": " hours", "平方米": " m²",
    "微克/立方米": " μg/m³", "斤": " jin",
  };
  ["个", "件", "份", "处", "套", "张", "所", "部", "项", "条", "株", "篇", "支", "期",
   "家", "场", "场次", "次", "指数", "则", "座", "辆", "台", "栋", "间", "棵", "只", "头"].forEach(function (u) { UNITS_EN[u] = ""; });

  function unitText(unit, english) {
    unit = unit || "";
    return english && Object.prototype.hasOwnProperty.call(UNITS_EN, unit) ? UNITS_EN[unit] : unit;
  }

  function shortEn(x) {
    if (Math.abs(x) < EN_COMPACT_FROM) return trimmed(x, true);
    for (var i = 0; i < EN_STEPS.length; i++) {
      if (Math.abs(x) >= EN_STEPS[i][0]) return trimmed(x / EN_STEPS[i][0], true) + EN_STEPS[i][1];
    }
    return trimmed(x, true);
  }

  // articles/formatting.py SINGULAR_EN: the units that change for exactly one.
  var SINGULAR_EN = {
    " persons": " person", " person-times": " person-time", " households": " household",
    " tonnes": " tonne", " days": " day", " hours": " hour",
  };

  function formatNumber(value, unit, lang) {
    if (value === null || value === undefined || value === "") return "";
    var x = typeof value === "number" ? value : Number(value);
    if (!isFinite(x)) return "";
    var english = String(lang || "").indexOf("en") === 0;
    var text = unitText(unit, english);
    if (english && x === 1 && Object.prototype.hasOwnProperty.call(SINGULAR_EN, text)) {
      text = SINGULAR_EN[text];
    }
    if (english && FULL_EN.indexOf(text) >= 0) {
      // every digit, at most 2 decimals (the exact form's Python rule keeps them all)
      return trimmed(x, true) + text;
    }
    return (english ? shortEn(x) : shortZh(x)) + text;
  }

  // True when a number in ``unit`` keeps every digit in ``lang`` (an English unit of
  // measurement, FULL_EN): an axis whose ticks carry no unit asks (200K under "m²" read
  // as it did in a cell, a new-user pass).
  function keepsDigits(unit, lang) {
    var english = String(lang || "").indexOf("en") === 0;
    return english && FULL_EN.indexOf(unitText(unit, true)) >= 0;
  }

  // An axis's tick labels, all on one scale: the step of the largest tick (K, M, B from
  // 10,000 in English; 万, 亿 in Chinese), so no axis reads "8,000, 10K, 12K" (a new-user
  // pass); below 10,000 every digit. ``ticks``: the values (Chart.js gives the tick
  // objects: their ``value``). Returns a function of one value.
  function axisLabels(ticks, lang) {
    var english = String(lang || "").indexOf("en") === 0;
    var top = 0;
    ticks.forEach(function (t) {
      top = Math.max(top, Math.abs(typeof t === "number" ? t : t.value));
    });
    var steps = english ? EN_STEPS : [[1e8, "亿"], [1e4, "万"]];
    var step = null;
    for (var i = 0; top >= EN_COMPACT_FROM && i < steps.length; i++) {
      if (top >= steps[i][0]) { step = steps[i]; break; }
    }
    return function (value) {
      if (!step || value === 0) return trimmed(value, true);
      return trimmed(value / step[0], true) + step[1];
    };
  }

  var api = {
    formatNumber: formatNumber, keepsDigits: keepsDigits, axisLabels: axisLabels, UNITS_EN: UNITS_EN,
    SINGULAR_EN: SINGULAR_EN, FULL_EN: FULL_EN,
  };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.govreports = root.govreports || {};
    root.govreports.formatNumber = formatNumber;
    root.govreports.keepsDigits = keepsDigits;
    root.govreports.axisLabels = axisLabels;
  }
})(typeof self !== "undefined" ? self : this);
