/*
 * The compare page's map tab: a choropleth (chartjs-chart-geo, static/vendor/) of the JSON
 * in <script id="compare-map-data"> (articles/compare_map.py map_payload):
 *   {topojson: URL, level, unit, title, subtitle, source, values: [{adcode, name, value,
 *    display, url}], names: {adcode: name}, labels: {no_data, legend}}
 * Shapes are joined to values by adcode; a shape without a value is grey ("no data"); the
 * 南海诸岛 inset (a shape with `inset`) is drawn as an outline only. Sequential blues,
 * legend ticks in 万/亿 (K/M/B in English) by number-format.js; a single value (one
 * region, or all equal) is one colour and its legend one swatch with that value; the tooltip names the region
 * (English in English) and its exact value; a click opens the value's article. Drawn the
 * first time its tab panel is shown (a hidden canvas has no size), once.
 * <a data-chart-download="compare-map"> becomes a PNG of the map with its title, subtitle
 * and source line, without a tooltip.
 */
(function () {
  "use strict";

  var formatNumber = window.govreports && window.govreports.formatNumber;
  var lang = document.documentElement.lang || "zh-hans";
  var NO_DATA = "#d9dde3";
  var OUTLINE = "#6b7280";

  function fmt(value, unit) {
    return formatNumber ? formatNumber(value, unit, lang) : String(value);
  }

  // The white background and the source line of charts.js (loaded before this file).
  var plugins = window.govreports && window.govreports.chartPlugins;

  function projection() {
    // Equal-area conic centred on China, as national maps of China are usually drawn.
    var geo = window.ChartGeo;
    return uprightInset(geo.geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]));
  }

  // Where the 南海诸岛 inset lies (its frame spans 126-132°E, 18.35-25°N, as ECharts'
  // nanhai.js places it); no province reaches into this box (台湾 ends at 122°E).
  var INSET = { west: 125.5, east: 132.5, south: 18, north: 25.5, middle: 129.05 };

  function inInset(lon, lat) {
    return lon >= INSET.west && lon <= INSET.east && lat >= INSET.south && lat <= INSET.north;
  }

  // A geo stream that passes everything to `target` but its points, given to `point`.
  function forwarding(target, point) {
    var stream = { point: point };
    ["lineStart", "lineEnd", "polygonStart", "polygonEnd", "sphere"].forEach(function (name) {
      stream[name] = function () {
        if (target[name]) target[name]();
      };
    });
    return stream;
  }

  // `inner` (a d3 projection) with the inset turned upright. A conic projection centred on
  // 105°E tilts the box at 129°E by the meridians' convergence there (about 12°: a
  // new-user pass saw it lean), where national maps draw it as an upright box in the
  // corner. The inset's projected points are turned back about its centre by the angle
  // its middle meridian makes with the vertical, at the current scale; every other
  // point is the conic's. A d3 projection itself (chartjs-chart-geo calls it, its
  // `stream` and its fit, scale and translate methods), so hover and clicks follow it.
  function uprightInset(inner) {
    function frame() {
      // the box's middle meridian made vertical: its two sides then lean alike, by
      // less than 2° each (the meridians converge); the west side alone made vertical
      // left the box turned by half that (a new-user pass)
      var south = inner([INSET.middle, 18.35]);
      var north = inner([INSET.middle, 25]);
      var angle = Math.atan((north[0] - south[0]) / (north[1] - south[1]));
      var centre = inner([(INSET.west + INSET.east) / 2, (INSET.south + INSET.north) / 2]);
      var cos = Math.cos(angle);
      var sin = Math.sin(angle);
      return function (x, y) {
        var dx = x - centre[0];
        var dy = y - centre[1];
        return [centre[0] + dx * cos - dy * sin, centre[1] + dx * sin + dy * cos];
      };
    }
    function wrapped(point) {
      var p = inner(point);
      return p && inInset(point[0], point[1]) ? frame()(p[0], p[1]) : p;
    }
    Object.keys(inner).forEach(function (name) {
      if (typeof inner[name] !== "function" || name === "stream") return;
      wrapped[name] = function () {
        var result = inner[name].apply(inner, arguments);
        return result === inner ? wrapped : result; // setters chain on the wrapper
      };
    });
    // The inner stream projects (and resamples) each input point, in degrees, into the
    // output: what it writes while an inset point is fed (or a ring of them ends) is the
    // inset's. Both ends forward every stream method to their own object (`this` kept).
    wrapped.stream = function (output) {
      var turn = frame();
      var inside = false;
      var turned = forwarding(output, function (x, y) {
        if (!inside) return output.point(x, y);
        var p = turn(x, y);
        output.point(p[0], p[1]);
      });
      var stream = inner.stream(turned);
      return forwarding(stream, function (lon, lat) {
        inside = inInset(lon, lat);
        stream.point(lon, lat);
      });
    };
    return wrapped;
  }

  // Below this canvas width (a phone) the map fills the width and leaves no empty corner:
  // the legend is a short horizontal bar in a strip of its own below the map (a new-user
  // pass found the upright legend covering western China at 390 px).
  var NARROW = 560;
  var STRIP = 52; // px below the map for the horizontal legend and its ticks

  function phoneLegend(width, height, source) {
    return {
      align: "top",
      position: { x: 12, y: height - (source ? 18 : 0) - STRIP + 4 },
      length: Math.min(220, width - 24),
      width: 30,
      indicatorWidth: 8,
      margin: 4,
    };
  }

  // One value (one region, or all equal): the legend's bar ran over a range nobody
  // reported (a new-user pass saw 630 to 710 for Wuhai's 670 teams), coloured from
  // white to dark blue. It is then one swatch, in one colour, with that value alone.
  var SWATCH = 16; // px
  var SINGLE_COLOR = "#4a89c2"; // a mid blue of the "blues" scale
  // The approximation sign (≥, ≤, ≈) every value's display starts with, else "".
  function singleSign(values) {
    var sign = (values[0].display || "").charAt(0);
    if ("≥≤≈".indexOf(sign) < 0) return "";
    return values.every(function (v) {
      return (v.display || "").charAt(0) === sign;
    })
      ? sign
      : "";
  }
  function singleValue(values) {
    if (!values.length) return null;
    var first = values[0].value;
    var same = values.every(function (v) {
      return v.value === first;
    });
    return same ? first : null;
  }

  // The colour scale's one tick: `value` (the scale pads a single value into a range of
  // its own and ticks that). A plugin, as the scale's own options are scriptable: a
  // function there is called for its value, never as the hook.
  function oneTick(value) {
    return {
      id: "govreportsOneTick",
      afterBuildTicks: function (chart, args) {
        if (args.scale.id === "color") args.scale.ticks = [{ value: value }];
      },
    };
  }

  // The legend for a canvas `width` wide: the phone's strip or the bottom-left corner; for
  // a single value (`single`: one region, or all equal) a swatch of its colour, not a bar.
  function legendFor(width, height, source, single) {
    var legend =
      width < NARROW
        ? phoneLegend(width, height, source)
        : // Bottom left: the corner the map leaves empty (below Xizang); bottom right holds
          // the 南海诸岛 inset, which the legend must never cover.
          { position: "bottom-left", align: "right", length: 120 };
    if (single !== null) legend.length = SWATCH;
    return legend;
  }

  function build(canvas, data, topo) {
    var geo = window.ChartGeo;
    var object = topo.objects[Object.keys(topo.objects)[0]];
    var features = geo.topojson.feature(topo, object).features;
    var byCode = {};
    data.values.forEach(function (v) {
      byCode[v.adcode] = v;
    });
    var points = features.map(function (f) {
      var v = byCode[f.properties.adcode];
      return { feature: f, value: v ? v.value : NaN, row: v || null };
    });
    var labels = features.map(function (f) {
      return data.names[f.properties.adcode] || f.properties.name;
    });
    var box = canvas.parentElement;
    var narrow = box.clientWidth < NARROW;
    var single = singleValue(data.values);
    var legend = legendFor(box.clientWidth, box.clientHeight, data.source, single);
    var chart = new geo.ChoroplethChart(canvas, {
      data: {
        labels: labels,
        datasets: [
          {
            label: data.title,
            data: points,
            outline: features, // fit the projection to China, not to the globe
            showOutline: false,
            borderColor: OUTLINE,
            borderWidth: 0.5,
            hoverBorderWidth: 2,
            backgroundColor: function (context) {
              if (context.dataIndex == null) return null;
              var p = points[context.dataIndex];
              if (p.feature.properties.inset) return "rgba(0,0,0,0)";
              var controller = context.chart.getDatasetMeta(context.datasetIndex).controller;
              return controller.indexToColor(context.dataIndex);
            },
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { bottom: (data.source ? 18 : 0) + (narrow ? STRIP : 0) } },
        onResize: function (resized, size) {
          // the strip's place follows the canvas (a phone turned sideways)
          var wide = size.width >= NARROW;
          resized.options.layout.padding.bottom = (data.source ? 18 : 0) + (wide ? 0 : STRIP);
          resized.options.scales.color.legend = legendFor(
            size.width,
            size.height,
            data.source,
            single
          );
        },
        plugins: {
          legend: { display: false },
          title: { display: Boolean(data.title), text: data.title },
          subtitle: { display: Boolean(data.subtitle), text: data.subtitle || "" },
          govreportsSource: { text: data.source || "" },
          tooltip: {
            filter: function (item) {
              return !points[item.dataIndex].feature.properties.inset;
            },
            callbacks: {
              title: function (items) {
                return labels[items[0].dataIndex];
              },
              label: function (item) {
                var row = points[item.dataIndex].row;
                if (!row) return data.labels.no_data;
                var short = fmt(row.value, data.unit);
                if (!row.display || row.display === short) return short;
                var english = lang.indexOf("en") === 0; // 1.5M persons (1,500,000 persons)
                return english ? short + " (" + row.display + ")" : short + "（" + row.display + "）";
              },
            },
          },
        },
        scales: {
          projection: { axis: "x", projection: projection() },
          color: {
            axis: "x",
            interpolate:
              single === null
                ? "blues"
                : function () {
                    return SINGLE_COLOR;
                  },
            missing: NO_DATA,
            legend: legend,
            ticks: {
              // one value's label starts at its swatch (centred on it, "≥670支" ran off
              // the canvas's left edge)
              align: single === null ? "center" : "start",
              callback: function (value) {
                // one value alone: its unit, and its ≥/≤/≈ when every region's has it
                // (a lone "670" read as exact for a reported 670余支: a new-user pass)
                if (single !== null) return singleSign(data.values) + fmt(value, data.unit);
                return fmt(value, ""); // the unit is in the title
              },
            },
          },
        },
        onHover: function (event, elements) {
          var p = elements.length ? points[elements[0].index] : null;
          event.native.target.style.cursor = p && p.row && p.row.url ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length) return;
          var p = points[elements[0].index];
          if (p && p.row && p.row.url) window.location.assign(p.row.url);
        },
      },
      plugins: (plugins ? [plugins.whiteBackground, plugins.sourceLine] : []).concat(
        single === null ? [] : [oneTick(single)]
      ),
    });
    canvas.dataset.shapes = String(features.length);
    canvas.dataset.withData = String(
      points.filter(function (p) {
        return p.row;
      }).length
    );
    canvas.dataset.chartReady = "1";
    var links = document.querySelectorAll('a[data-chart-download="' + canvas.id + '"]');
    Array.prototype.forEach.call(links, function (link) {
      link.hidden = false;
      link.parentElement.hidden = false; // the link with its separator, once there is a map
      link.addEventListener("click", function () {
        chart.setActiveElements([]);
        chart.tooltip.setActiveElements([], { x: 0, y: 0 });
        chart.update("none");
        link.href = chart.toBase64Image("image/png", 1);
      });
    });
    return chart;
  }

  function draw(canvas) {
    if (canvas.dataset.chartReady) return;
    var panel = canvas.closest("[role=tabpanel]");
    if (panel && panel.hidden) return; // drawn when its tab is shown
    var source = document.getElementById(canvas.dataset.mapSource);
    if (!source || !window.ChartGeo || typeof window.Chart !== "function") return;
    canvas.dataset.chartReady = "loading";
    var data = JSON.parse(source.textContent);
    fetch(data.topojson, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("map boundaries: HTTP " + response.status);
        return response.json();
      })
      .then(function (topo) {
        build(canvas, data, topo);
      })
      .catch(function (error) {
        canvas.dataset.chartReady = "failed";
        var note = document.createElement("p");
        note.className = "chart-error";
        note.setAttribute("role", "alert");
        note.textContent = canvas.textContent + " (" + error.message + ")";
        canvas.parentElement.after(note);
      });
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-map-source]"), draw);
  }

  document.addEventListener("govreports:tabshown", drawAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
