// talka dashboard, the inbox's answer form: characters and SMS parts as the
// answer is typed. The server measures (POST /api/sms-count, the one rule in
// gateway/base/sms_text.c), so the page never counts by a rule of its own.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("textarea[data-count]").forEach(function (area) {
    var out = document.getElementById(area.dataset.count), form = area.form, timer = null, seq = 0;
    var ask = function () {
      var mine = ++seq, body = new URLSearchParams();
      body.set("csrf", form.elements.csrf.value);
      body.set("text", area.value);
      fetch("/api/sms-count", { method: "POST", credentials: "same-origin", body: body })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (!d || mine !== seq) return;
          out.textContent = d.chars + " " + out.dataset.chars + " \u00b7 " + d.parts + " " +
            out.dataset.parts + " \u00b7 " + (d.encoding === "gsm7" ? "GSM-7" : "UCS-2");
        }).catch(function () {});
    };
    area.addEventListener("input", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
  });
});
