// talka dashboard: SMS counters and live counts. Under every text box with
// data-sms-count (Atbildēt in the inbox, Sūtīt ziņu, each language of
// Atgādinājumi, the reject preview) the characters and SMS parts as the text is
// typed, measured by the server (POST /sms-count, the one rule of
// gateway/base/sms_text.c, so the page never counts by a rule of its own): GSM-7
// holds 160 in one part and 153 a part in a longer text, Unicode (UCS-2: a
// Latvian "ā" or a Cyrillic letter) 70 and 67. In a form with data-count-url the
// recipients its audience controls ([data-count]) name, asked as they change.
"use strict";
(function () {
  var en = document.documentElement.lang === "en";
  function csrfOf(form) {
    var f = form && form.querySelector("input[name=csrf]");
    if (f) return f.value;
    f = document.querySelector("input[name=csrf]");
    return f ? f.value : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: body
    }).then(function (r) { return r.ok ? r.json() : null; });
  }
  function later(fn) {
    var t = null;
    return function () { if (t) clearTimeout(t); t = setTimeout(fn, 250); };
  }
  function partsText(d) {
    var parts = en ? (d.parts === 1 ? "SMS part" : "SMS parts") : (d.parts === 1 ? "SMS daļa" : "SMS daļas");
    var per = !d.parts ? "" : d.encoding === "ucs2"
      ? (en ? " (Unicode: " + d.per_part + " a part)" : " (Unicode: " + d.per_part + " daļā)")
      : (en ? " (GSM-7: " + d.per_part + " a part)" : " (GSM-7: " + d.per_part + " daļā)");
    return (en ? d.chars + " characters · " : d.chars + " zīmes · ") + d.parts + " " + parts + per;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-sms-count]").forEach(function (box) {
      var out = document.getElementById(box.dataset.smsCount);
      if (!out) return;
      var asked = 0;
      var update = function () {
        var mine = ++asked, p = new URLSearchParams();
        p.set("csrf", csrfOf(box.form));
        // a text box's value (cleared: ""), or a preview's text (the reject SMS)
        p.set("text", "value" in box ? box.value : box.textContent);
        post("/sms-count", p.toString()).then(function (d) {
          if (!d || mine !== asked) return;   // an older answer overtaken by typing
          out.textContent = partsText(d);
          out.dataset.parts = d.parts;
          out.dataset.chars = d.chars;
          out.dataset.encoding = d.encoding;
          out.dataset.perPart = d.per_part;
        }).catch(function () {});
      };
      box.addEventListener("input", later(update));
      box.addEventListener("sms-count", update);
      update();
    });
    document.querySelectorAll("form[data-count-url]").forEach(function (form) {
      var out = form.querySelector("#live-recipients"), langs = form.querySelector("#live-langs");
      if (!out) return;
      var asked = 0;
      var num = function (n) { return n.toLocaleString(en ? "en-GB" : "lv-LV"); };
      var update = function () {
        // the whole form as it would be sent (the municipalities ticked repeat one name)
        var p = new URLSearchParams(new FormData(form)), mine = ++asked;
        post(form.dataset.countUrl, p.toString()).then(function (d) {
          if (!d || mine !== asked) return;   // an older answer after a newer question
          out.textContent = d.error ? d.error : num(d.recipients);
          out.dataset.n = d.error ? "" : d.recipients;
          out.classList.toggle("bad", !!d.error);
          if (langs) langs.textContent = d.error || !d.recipients ? "" :
            "(" + ["lv", "ru", "en"].filter(function (l) { return d[l]; }).map(function (l) {
              return l + " " + num(d[l]);
            }).join(" · ") + ")";
        }).catch(function () {});
      };
      // the municipalities ticked, named beside the list's title (seen with it closed)
      var chosen = form.querySelector("#aud_muni_chosen");
      var names = function () {
        if (!chosen) return;
        chosen.textContent = Array.prototype.map.call(form.querySelectorAll("input[name=aud_muni]:checked"),
          function (b) { return b.value; }).join(", ");
      };
      form.querySelectorAll("input[name=aud_muni]").forEach(function (b) { b.addEventListener("change", names); });
      form.querySelectorAll("[data-count]").forEach(function (c) {
        c.addEventListener("input", later(update));
        c.addEventListener("change", update);
      });
      update();
    });
  });
})();
