/*
 * Draws every <canvas data-chart-source="ID"> from the JSON in <script id="ID"> (written by
 * Django's json_script; the payload shape is documented in articles/charts.py):
 *   {type: "bar"|"line", horizontal, phone_horizontal (horizontal below 640 px), integer, unit,
 *    series, labels, values (null = gap), points, joined (line charts: false draws dots only)}
 * For "line" charts the labels are ISO dates, drawn on a linear time axis ticked on calendar
 * years or months (calendarTicks).
 * Axis ticks are numbers on one scale per axis (万/亿, or K/M/B in English: axisLabels of
 * number-format.js), the unit once in the value axis's title (`axis`); tooltips show the region path, the
 * preformatted value, the article and the evidence; clicking a bar or point opens its
 * article. <a data-chart-download="CANVAS_ID"> becomes a PNG download of that chart.
 * Safe to load twice (a canvas is drawn once). Exposes its two plugins (white background,
 * source line: option `govreportsSource: {text}`) as window.govreports.chartPlugins.
 */
(function () {
  "use strict";

  var formatNumber = window.govreports && window.govreports.formatNumber;
  var lang = document.documentElement.lang || "zh-hans";
  function formatZh(value, unit) {
    return formatNumber(value, unit, lang);
  }
  var COLOR = "#1f5f99";
  var MAX_CANVAS_PX = 32000; // below the 32,767-pixel side of Chromium, Firefox and Safari
  var COLOR_HOVER = "#0b3d6b";
  // an approximate value's bar (≥, ≤, ≈, a range): the same blue, lighter
  var COLOR_APPROX = "#8fb3d6";
  var COLOR_PREVIOUS = "#9a9a9a";
  var COLOR_SPAN = "#c8c8c8";

  // Fill the background so the downloaded PNG is not transparent.
  var whiteBackground = {
    id: "govreportsWhiteBackground",
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };

  // The source line at the foot of the chart, so a downloaded PNG carries its citation.
  var sourceLine = {
    id: "govreportsSource",
    afterDraw: function (chart, args, opts) {
      if (!opts || !opts.text) return;
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = "#444444";
      ctx.font = "11px sans-serif";
      ctx.textBaseline = "bottom";
      ctx.fillText(opts.text, 4, chart.height - 2, chart.width - 8);
      ctx.restore();
    },
  };

  // A vertical value axis's unit, level, in a line above the chart area that ends over
  // the axis line: Chart.js turns a y axis's title a quarter turn, which laid Chinese units
  // (元/人/月) on their side (a new-user pass). Option `govreportsUnitAbove: {text}`;
  // the line is a layout box, so the chart area makes room for it.
  var UNIT_LINE_PX = 28; // 12 px text and 8 px clear of the top tick's label under it
  var unitAbove = {
    id: "govreportsUnitAbove",
    start: function (chart, args, opts) {
      if (!opts || !opts.text) return;
      var box = {
        position: "top",
        weight: 0, // next to the chart area, under the title and subtitle
        fullSize: true,
        options: {}, // the layout reads a box's stack from here
        text: opts.text,
        isHorizontal: function () {
          return true;
        },
        update: function (maxWidth) {
          this.width = maxWidth;
          this.height = UNIT_LINE_PX;
        },
        draw: function () {
          var axis = chart.scales.y;
          var ctx = chart.ctx;
          ctx.save();
          ctx.fillStyle = window.Chart.defaults.color;
          ctx.font = "12px " + window.Chart.defaults.font.family;
          ctx.textBaseline = "top";
          // ending over the axis line, as the tick labels do, unless it is wider than them
          var width = ctx.measureText(this.text).width;
          var x = axis ? Math.max(this.left, axis.right - width) : this.left;
          ctx.fillText(this.text, x, this.top + 2);
          ctx.restore();
        },
      };
      window.Chart.layouts.addBox(chart, box);
      chart.$govreportsUnitAbove = box;
    },
    stop: function (chart) {
      if (chart.$govreportsUnitAbove) window.Chart.layouts.removeBox(chart, chart.$govreportsUnitAbove);
    },
  };

  // Shared with compare-map.js (loaded after this file), so the map's PNG is framed alike.
  window.govreports = window.govreports || {};
  window.govreports.chartPlugins = { whiteBackground: whiteBackground, sourceLine: sourceLine };

  // Runs `make` (an image of `chart`) with the chart laid out at its panel's width. A page
  // opened on another tab (compare's ?tab=table or tab=map) has never shown its chart:
  // the canvas in the hidden panel was 0×0, and the chart's PNG and SVG downloads were
  // empty files (a new-user pass). The panel is laid out off screen, unseen, for the
  // image, then hidden again; its chart is resized when the panel is next shown.
  function withChartSize(chart, make) {
    var panel = chart.width ? null : chart.canvas.closest("[hidden]");
    if (!panel) return make();
    var style = panel.style.cssText;
    var width = panel.parentElement ? panel.parentElement.clientWidth : 0;
    panel.hidden = false;
    panel.style.position = "absolute";
    panel.style.left = "-100000px";
    panel.style.top = "0";
    panel.style.visibility = "hidden";
    panel.style.width = (width || 800) + "px";
    try {
      chart.resize();
      return make();
    } finally {
      panel.hidden = true;
      panel.style.cssText = style;
    }
  }
  window.govreports.withChartSize = withChartSize;

  // Cut text into lines of about `width` characters, never inside a run of digits,
  // letters or number punctuation (1,728 / 98.5% / 172/8 stay whole).
  function wrap(text, width) {
    var lines = [];
    var start = 0;
    while (text.length - start > width) {
      var cut = start + width;
      while (cut > start + 1 && /[0-9A-Za-z.,%／/]/.test(text[cut - 1]) && /[0-9A-Za-z.,%／/]/.test(text[cut])) cut--;
      if (cut === start + 1) cut = start + width; // one long token: cut it anyway
      // no line starts with closing punctuation, none ends with an opening one
      while (cut < text.length && /[，。、；：？！”’）》」』】〕,.;:?!)\]]/.test(text[cut])) cut++;
      while (cut > start + 1 && /[“‘（《「『【〔(\[]/.test(text[cut - 1])) cut--;
      lines.push(text.slice(start, cut));
      start = cut;
    }
    lines.push(text.slice(start));
    return lines;
  }

  // A category label of several words on lines of about `width` characters, cut at
  // spaces only ("Inner Mongolia Autonomous Region" -> ["Inner Mongolia", "Autonomous
  // Region"]); a label without spaces (Chinese names) or short enough stays one line.
  // Chart.js draws an array as lines. A new-user pass found the overview's long English
  // province names clipped at the left edge of a 390 px phone.
  function wordLines(label, width) {
    var text = String(label);
    if (text.length <= width || text.indexOf(" ") < 0) return text;
    var lines = [];
    text.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines;
  }

  // A phone: narrower than 640 px when the chart is drawn (a later resize keeps the layout).
  function isPhone() {
    return window.innerWidth < 640;
  }

  // Bars run sideways when the payload says so, and on a phone when it asks for that
  // (`phone_horizontal`, the overview's count charts): names beside the bars read straight,
  // where five long names slanted under five bars overlapped at 390 px.
  function isHorizontal(data) {
    if (data.type !== "bar" && data.type !== "dumbbell") return false;
    return Boolean(data.horizontal || (data.phone_horizontal && isPhone()));
  }

  // Characters a category label's line holds: on a phone 18 beside horizontal bars (two
  // lines for "Inner Mongolia / Autonomous Region") and 12 under vertical ones; wider
  // screens 40 and 20.
  function lineWidth(horizontal) {
    var phone = isPhone();
    if (horizontal) return phone ? 18 : 40;
    return phone ? 12 : 20;
  }

  // A subtitle's clauses (after "；" or "; ") on lines of their own on a phone: "County · 9
  // regions; 2 regions without population data, left blank" ran the width of a 390 px
  // chart.
  function subtitleLines(text) {
    if (!text || !isPhone()) return text || "";
    var lines = String(text).split(/；|; /);
    return lines.length > 1 ? lines : text;
  }

  // Whether a vertical chart's bars are narrower than a label of lineWidth characters
  // (about 6 px each) set level: Chart.js then turns the labels.
  function narrowBars(chart) {
    var count = Math.max(1, (chart.data.labels || []).length);
    return chart.width / count < lineWidth(false) * 6;
  }

  // Height of a horizontal bar's row: 24 px, 36 when some label takes two lines or more.
  function rowHeight(labels) {
    var width = lineWidth(true);
    var wraps = labels.some(function (label) {
      return Array.isArray(wordLines(label, width));
    });
    return wraps ? 36 : 24;
  }

  function isoDate(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // Ticks on calendar dates for a time axis from `min` to `max` (ms since epoch, UTC):
  // the first of January of every year (every 2nd, 5th … when there are many) over two
  // years or more, else the first of a month (every 2nd, 3rd, 6th) over two months or
  // more; over a shorter span (or one with a single month start) the points' own dates
  // (`dates`, ms) when there are at most MAX_DATE_TICKS of them, else the 1st, 11th and
  // 21st of the months (every 2nd, 3rd … of those), labelled by day. A linear axis of ms
  // put ticks on arbitrary days (2020-01-26, 2020-09-13; 2023-04-05 and 2023-05-20 over
  // six weeks: new-user passes).
  // Returns {values: [ms], label: function (ms) -> text}, or null for fewer than 2 ticks.
  var MAX_DATE_TICKS = 8;
  function calendarTicks(min, max, dates) {
    var ticks = monthOrYearTicks(min, max);
    if (ticks && ticks.values.length >= 2) return ticks;
    var values = [];
    var seen = {};
    (dates || []).forEach(function (ms) {
      if (ms >= min && ms <= max && !seen[ms]) {
        seen[ms] = true;
        values.push(ms);
      }
    });
    values.sort(function (a, b) { return a - b; });
    if (values.length < 2 || values.length > MAX_DATE_TICKS) {
      values = dekadTicks(min, max);
    }
    return values.length >= 2 ? { values: values, label: isoDate } : null;
  }

  // The 1st, 11th and 21st of each month from `min` to `max` (ms, UTC), every 2nd, 3rd …
  // so that at most MAX_DATE_TICKS remain.
  function dekadTicks(min, max) {
    var all = [];
    var first = new Date(min);
    for (var m = 0; ; m++) {
      var month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
      if (month > max) break;
      [1, 11, 21].forEach(function (day) {
        var at = month + (day - 1) * 86400000;
        if (at >= min && at <= max) all.push(at);
      });
    }
    var step = Math.ceil(all.length / MAX_DATE_TICKS) || 1;
    return all.filter(function (_v, i) { return i % step === 0; });
  }

  function monthOrYearTicks(min, max) {
    var first = new Date(min);
    var last = new Date(max);
    var years = last.getUTCFullYear() - first.getUTCFullYear();
    var months = years * 12 + last.getUTCMonth() - first.getUTCMonth();
    var values = [];
    if (years >= 2) {
      var yearStep = [1, 2, 5, 10, 20, 50].find(function (n) {
        return years / n < MAX_DATE_TICKS;
      }) || 100;
      for (var y = first.getUTCFullYear() + 1; y <= last.getUTCFullYear(); y++) {
        if (y % yearStep === 0) values.push(Date.UTC(y, 0, 1));
      }
      return { values: values, label: function (ms) { return String(new Date(ms).getUTCFullYear()); } };
    }
    if (months >= 2) {
      var monthStep = [1, 2, 3, 6, 12].find(function (n) {
        return months / n < MAX_DATE_TICKS;
      });
      for (var m = 1; m <= months; m++) {
        var at = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
        if (new Date(at).getUTCMonth() % monthStep === 0) values.push(at);
      }
      return { values: values, label: function (ms) { return isoDate(ms).slice(0, 7); } };
    }
    return null;
  }

  function options(data) {
    var points = data.points || [];
    var horizontal = isHorizontal(data);
    // Chinese text stays level: a vertical value axis's unit goes above the chart area
    // (unitAbove); a horizontal axis, or English, keeps it as the axis title.
    var unitOnTop = Boolean(data.axis) && !horizontal && lang.indexOf("zh") === 0;
    var valueAxis = {
      beginAtZero: data.type === "bar",
      // The unit once, in the axis title (data.axis: "yuan per person per month"); the
      // ticks are short numbers (11.45万, 51.1K): a unit on every tick took half a phone's
      // chart (a new-user pass).
      title: { display: Boolean(data.axis) && !unitOnTop, text: data.axis || "" },
      ticks: {
        precision: data.integer ? 0 : undefined,
        callback: function (value, index, ticks) {
          if (!formatZh) return value;
          // a unit of measurement keeps every digit in English (200,000 under "m²")
          var keeps = window.govreports.keepsDigits && window.govreports.keepsDigits(data.unit, lang);
          if (keeps) return formatZh(value, data.unit).replace(/ .*$/, "");
          // every tick on the largest tick's scale (never "8,000, 10K")
          return window.govreports.axisLabels(ticks, lang)(value);
        },
      },
    };
    var categoryAxis = {
      ticks: {
        autoSkip: false,
        // long labels of several words on lines (wordLines), narrower on a phone; but
        // one line each under bars too narrow for a level label (narrowBars): Chart.js
        // turns those, and a turned label's lines ran into the next one's (a new-user
        // pass: English county names at 390 px)
        callback: function (value) {
          var label = this.getLabelForValue(value);
          if (!horizontal && narrowBars(this.chart)) return label;
          return wordLines(label, lineWidth(horizontal));
        },
      },
    };
    if (data.type === "line") {
      // Dates on a linear axis (ms since epoch) so gaps in time are drawn to scale,
      // without a date-adapter library.
      var calendar = null;
      categoryAxis = {
        type: "linear",
        // the axis spans the reports, with a little room at each end for the first and
        // last points: rounded out to "nice" numbers of milliseconds it ran a month or
        // more past the last report and put a tick there (a new-user pass)
        bounds: "data",
        grace: "3%",
        afterBuildTicks: function (axis) {
          var dates = (axis.chart.data.datasets[0] || { data: [] }).data.map(function (p) {
            return p && p.x;
          });
          calendar = calendarTicks(axis.min, axis.max, dates);
          if (calendar) {
            axis.ticks = calendar.values.map(function (v) {
              return { value: v };
            });
          } else {
            calendar = null;
          }
        },
        ticks: {
          maxRotation: 60,
          callback: function (value) {
            return calendar ? calendar.label(value) : isoDate(value);
          },
        },
      };
    }
    return {
      layout: { padding: { bottom: data.source ? 18 : 0 } },
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? "y" : "x",
      animation: false,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: false },
        title: { display: Boolean(data.series), text: data.series },
        subtitle: { display: Boolean(data.subtitle), text: subtitleLines(data.subtitle) },
        govreportsSource: { text: data.source || "" },
        govreportsUnitAbove: { text: unitOnTop ? data.axis : "" },
        tooltip: {
          callbacks: {
            title: function (items) {
              var p = points[items[0].dataIndex] || {};
              return p.path || items[0].label;
            },
            label: function (item) {
              var p = points[item.dataIndex] || {};
              var y = item.parsed[horizontal ? "x" : "y"];
              // 5.11万人（51,104人）; English "51.1K (51,104 persons)"
              if (p.short) return lang.indexOf("zh") === 0 ? p.short + "（" + p.display + "）" : p.short + " (" + p.display + ")";
              return p.display || (formatZh ? formatZh(y, data.unit) : String(y));
            },
            afterBody: function (items) {
              var p = points[items[0].dataIndex] || {};
              var lines = [];
              if (p.title) lines.push((p.published ? p.published + " " : "") + p.title);
              if (p.evidence) lines = lines.concat(wrap("“" + p.evidence + "”", 28));
              if (p.state) lines.push(p.state); // review state: 待审核 / 已确认 / 已更正
              return lines;
            },
          },
        },
      },
      onHover: function (event, elements) {
        var p = elements.length ? points[elements[0].index] : null;
        event.native.target.style.cursor = p && p.url ? "pointer" : "default";
      },
      onClick: function (event, elements) {
        if (!elements.length) return;
        var p = points[elements[0].index];
        if (p && p.url) window.location.assign(p.url);
      },
    };
  }

  // Compare's change view: a thin floating bar [previous, latest] per region and a point
  // at each end (grey: previous, blue: latest), from Chart.js's own bar and line types.
  function dumbbell(data) {
    var span = data.values.map(function (v, i) {
      var p = data.previous[i];
      return v === null || p === null ? null : [p, v];
    });
    var dots = function (label, values, color) {
      return {
        type: "line",
        label: label,
        data: values,
        showLine: false,
        pointRadius: 5,
        pointHoverRadius: 7,
        backgroundColor: color,
        borderColor: color,
      };
    };
    return [
      dots(data.legend[1], data.values, COLOR),
      dots(data.legend[0], data.previous, COLOR_PREVIOUS),
      {
        type: "bar",
        label: "",
        data: span,
        backgroundColor: COLOR_SPAN,
        hoverBackgroundColor: COLOR_SPAN,
        barThickness: 3,
      },
    ];
  }

  function draw(canvas) {
    if (canvas.dataset.chartReady) return;
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source || typeof window.Chart !== "function") return;
    canvas.dataset.chartReady = "1";
    var data = JSON.parse(source.textContent);
    var box = canvas.parentElement;
    if (data.type === "bar" && isHorizontal(data) && box) {
      // Never past the browser's canvas limit (32,767 px) at this device pixel ratio; the
      // server sends at most 51 bars of a long compare (articles/charts.py CHART_EACH_END).
      var limit = Math.floor(MAX_CANVAS_PX / (window.devicePixelRatio || 1));
      var row = rowHeight(data.labels);
      box.style.height = Math.min(limit, Math.max(240, data.labels.length * row + 90)) + "px";
    }
    if (data.type === "dumbbell" && box) {
      // rows as tall as a bar chart's: a label on two lines (Yantai Economic and
      // Technological / Development Zone) ran into the next row's at 24 px
      var most = Math.floor(MAX_CANVAS_PX / (window.devicePixelRatio || 1));
      box.style.height =
        Math.min(most, Math.max(240, data.labels.length * rowHeight(data.labels) + 110)) + "px";
    }
    var values = data.values;
    if (data.type === "line") {
      values = data.values.map(function (v, i) {
        return { x: Date.parse(data.labels[i]), y: v };
      });
    }
    var dataset = {
      label: data.series,
      data: values,
      backgroundColor: COLOR,
      hoverBackgroundColor: COLOR_HOVER,
      borderColor: COLOR,
    };
    if (data.type === "line") {
      dataset.spanGaps = false;
      dataset.pointRadius = 4;
      dataset.pointHoverRadius = 6;
      dataset.fill = false;
      // Values that may not be joined (a flow without one period length): dots only.
      dataset.showLine = data.joined !== false;
      // an approximate value's dot (≥, ≤, ≈, a range) lighter, as compare's bars
      var dots = (data.points || []).map(function (p) {
        return p && p.approx ? COLOR_APPROX : COLOR;
      });
      dataset.pointBackgroundColor = dots;
      dataset.pointBorderColor = dots;
    }
    var datasets = [dataset];
    var opts = options(data);
    if (data.type === "bar" && data.approx_legend) {
      var points = data.points || [];
      dataset.backgroundColor = values.map(function (v, i) {
        return points[i] && points[i].approx ? COLOR_APPROX : COLOR;
      });
      dataset.borderColor = dataset.backgroundColor;
      opts.plugins.legend = {
        display: true,
        position: "top",
        labels: {
          // the kinds drawn: [[approx, label], ...] (all approximate: one item)
          generateLabels: function () {
            return data.approx_legend.map(function (kind) {
              var color = kind[0] ? COLOR_APPROX : COLOR;
              // fontColor too: Chart.js sets the text's fill from it, and left undefined the
              // chart's SVG download failed (canvas2svg reads fillStyle as text: a new-user pass)
              return {
                text: kind[1],
                fillStyle: color,
                strokeStyle: color,
                lineWidth: 0,
                fontColor: window.Chart.defaults.color,
              };
            });
          },
        },
        onClick: function () {}, // a key, not a switch: both kinds are one dataset
      };
    }
    if (data.type === "dumbbell") {
      datasets = dumbbell(data);
      opts.plugins.legend = {
        display: true,
        position: "top",
        labels: {
          filter: function (item) {
            return Boolean(item.text); // the connecting bars need no legend entry
          },
        },
      };
    }
    var chart = new window.Chart(canvas, {
      type: data.type === "dumbbell" ? "bar" : data.type,
      data: { labels: data.labels, datasets: datasets },
      options: opts,
      plugins: [whiteBackground, sourceLine, unitAbove],
    });
    // The chart's download and share actions need this script: shown once it is drawn.
    var actions = document.querySelectorAll('[data-chart-actions="' + canvas.id + '"]');
    Array.prototype.forEach.call(actions, function (element) {
      element.hidden = false;
    });
    var links = document.querySelectorAll('a[data-chart-download="' + canvas.id + '"]');
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function () {
        link.href = withChartSize(chart, function () {
          // Never the hover tooltip or a highlighted bar in the image.
          chart.setActiveElements([]);
          chart.tooltip.setActiveElements([], { x: 0, y: 0 });
          chart.update("none");
          return chart.toBase64Image("image/png", 1);
        });
      });
    });
  }

  // <button data-share-url data-copied="…"> copies this page's permalink, in the page's
  // language (?lang=), and says so in its own text. Only the parameters that say
  // something: the address of a submitted form carries every empty field (?level=&…).
  function share(button) {
    button.hidden = false; // it works only with this script
    var label = button.textContent;
    // another tab is another address: "link copied" no longer holds (a new-user pass)
    document.addEventListener("govreports:tabshown", function () {
      button.textContent = label;
    });
    button.addEventListener("click", function () {
      var url = new URL(window.location.href);
      var filled = [];
      url.searchParams.forEach(function (value, name) {
        if (value.trim()) filled.push([name, value]);
      });
      url.search = new URLSearchParams(filled).toString();
      url.searchParams.set("lang", document.documentElement.lang);
      var done = function () {
        button.textContent = button.dataset.copied;
      };
      var show = function () {
        button.textContent = (button.dataset.copyPrompt || "") + url.href; // copy by hand
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url.href).then(done, show);
      } else {
        show();
      }
    });
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart-source]"), draw);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-share-url]"), share);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
