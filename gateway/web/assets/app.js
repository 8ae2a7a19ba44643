// talka dashboard: the little JavaScript it has. Sortable tables (numbers in
// local form), table cells labelled for the phone layout, the overview refreshed
// as one piece (figures, tables, map and chart from the same answer), map dots
// labelled on tap, the reject SMS preview as the reason is typed, and
// confirmations before destructive forms. Served from the binary.
"use strict";
(function () {
  var en = document.documentElement.lang === "en";
  function number(s) {
    // "1 502" / "12,5" in Latvian, "1,502" / "12.5" in English
    s = s.replace(/[\s\u00a0]/g, "");
    s = en ? s.replace(/,/g, "") : s.replace(/,/g, ".");
    return parseFloat(s) || 0;
  }
  function sortable(root) {
    root.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("th").forEach(function (th, col) {
        th.classList.add("sortable-col");
        th.addEventListener("click", function () {
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var num = th.classList.contains("num"), dir = th.dataset.dir === "asc" ? -1 : 1;
          th.dataset.dir = dir === 1 ? "asc" : "desc";
          rows.sort(function (a, b) {
            var x = a.cells[col] ? a.cells[col].textContent : "", y = b.cells[col] ? b.cells[col].textContent : "";
            if (num) return dir * (number(x) - number(y));
            return dir * x.localeCompare(y);
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }
  // each cell knows its column's heading: on a phone the rows stack (style.css)
  function labelled(root) {
    root.querySelectorAll("table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (tr) {
          Array.prototype.forEach.call(tr.cells, function (td, i) {
            if (heads[i] && !td.hasAttribute("data-th") && !td.hasAttribute("colspan")) td.dataset.th = heads[i];
          });
        });
      });
    });
  }
  // a tap (or click) on a map dot names it under the map: a title alone shows
  // only on hover, which a phone has not
  function mapLabels(root) {
    root.querySelectorAll("svg.map").forEach(function (svg) {
      var label = document.createElement("p");
      label.className = "map-label";
      label.setAttribute("aria-live", "polite");
      svg.parentNode.insertBefore(label, svg.nextSibling);
      svg.querySelectorAll("circle").forEach(function (c) {
        c.setAttribute("tabindex", "0");
        var show = function () {
          var t = c.querySelector("title");
          label.textContent = t ? t.textContent : "";
          svg.querySelectorAll("circle.on").forEach(function (o) { o.classList.remove("on"); });
          c.classList.add("on");
        };
        c.addEventListener("click", show);
        c.addEventListener("keydown", function (e) { if (e.key === "Enter") show(); });
      });
    });
  }
  function enhance(root) { sortable(root); labelled(root); mapLabels(root); }
  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    var live = document.querySelector("[data-refresh]");
    if (live) {
      setInterval(function () {
        fetch(live.dataset.refresh, { credentials: "same-origin" }).then(function (r) {
          return r.ok ? r.text() : null;
        }).then(function (html) {
          if (!html) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(live.id);
          if (!fresh) return;
          live.innerHTML = fresh.innerHTML;
          enhance(live);
        }).catch(function () {});
      }, 15000);
    }
    // the reject preview: at once the template with the reason put in, then the
    // server's exact SMS (the volunteer's language, the reason cut where it must be)
    document.querySelectorAll("input[data-preview]").forEach(function (input) {
      var pre = document.getElementById(input.dataset.preview), asked = 0, timer = null;
      var show = function (text) {
        pre.textContent = text;
        pre.dispatchEvent(new Event("sms-count"));   // its part counter (sms_counter.js)
      };
      var exact = function () {
        var form = input.form, n = form.querySelector("input[name=n]"), csrf = form.querySelector("input[name=csrf]");
        if (!input.dataset.previewUrl || !input.value || !n || !csrf) return;
        var mine = ++asked, p = new URLSearchParams();
        p.set("csrf", csrf.value); p.set("n", n.value); p.set("reason", input.value);
        fetch(input.dataset.previewUrl, { method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: p.toString() })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (d) { if (d && d.sms && mine === asked) show(d.sms); })
          .catch(function () {});
      };
      var update = function () {
        show(pre.dataset.template.split("[REASON]").join(input.value || pre.dataset.blank || ""));
        if (timer) clearTimeout(timer);
        timer = setTimeout(exact, 250);
      };
      input.addEventListener("input", update);
      update();
    });
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (!window.confirm(form.dataset.confirm)) e.preventDefault();
      });
    });
  });
})();
