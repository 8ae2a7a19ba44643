// talka dashboard: the little JavaScript it has. Sortable tables, overview
// figures that refresh by themselves, the reject SMS preview as the reason is
// typed, and confirmations before destructive forms. Served from the binary.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // each cell knows its column's heading: on a phone the rows stack (style.css)
  document.querySelectorAll("table").forEach(function (table) {
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
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, col) {
      th.classList.add("sortable-col");
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var num = th.classList.contains("num"), dir = th.dataset.dir === "asc" ? -1 : 1;
        th.dataset.dir = dir === 1 ? "asc" : "desc";
        rows.sort(function (a, b) {
          var x = a.cells[col] ? a.cells[col].textContent : "", y = b.cells[col] ? b.cells[col].textContent : "";
          if (num) return dir * ((parseFloat(x) || 0) - (parseFloat(y) || 0));
          return dir * x.localeCompare(y);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  var cards = document.querySelector("[data-refresh]");
  if (cards) {
    setInterval(function () {
      fetch(cards.dataset.refresh, { credentials: "same-origin" }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (data) {
        if (!data) return;
        document.querySelectorAll("[data-k]").forEach(function (el) {
          var v = data[el.dataset.k];
          if (v !== undefined) el.textContent = v === null ? "\u2014" : v; // null: not read
        });
      }).catch(function () {});
    }, 15000);
  }
  document.querySelectorAll("input[data-preview]").forEach(function (input) {
    var pre = document.getElementById(input.dataset.preview);
    var update = function () {
      pre.textContent = pre.dataset.template.split("[REASON]").join(input.value || pre.dataset.blank || "");
      pre.dispatchEvent(new Event("sms-count"));   // its part counter (sms_counter.js)
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
