// Keeps what was typed in a form marked data-keep="<key>" in the browser until the server says
// it was saved (an element data-saved="<key>" on the page it answers with): a dropped
// connection or a closed tab loses nothing, and the form's token stops a second save.
(function () {
  "use strict";
  var prefix = "planlink-keep:";
  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "submit" && el.type !== "file";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var s = store();
    if (!s) { return; }
    document.querySelectorAll("[data-saved]").forEach(function (el) {
      s.removeItem(prefix + el.getAttribute("data-saved"));
    });
    document.querySelectorAll("form[data-keep]").forEach(function (form) {
      var key = prefix + form.getAttribute("data-keep");
      var kept = null;
      try { kept = JSON.parse(s.getItem(key) || "null"); } catch (e) { kept = null; }
      if (kept && kept.values) {
        var restored = 0;
        fields(form).forEach(function (el) {
          if (Object.prototype.hasOwnProperty.call(kept.values, el.name) && el.value === "") {
            el.value = kept.values[el.name];
            restored += 1;
          }
        });
        if (kept.token && form.elements.token) { form.elements.token.value = kept.token; }
        var note = form.querySelector("[data-restored]");
        if (restored && note) { note.hidden = false; }
      }
      form.addEventListener("input", function () {
        var values = {};
        fields(form).forEach(function (el) { values[el.name] = el.value; });
        var token = form.elements.token ? form.elements.token.value : "";
        s.setItem(key, JSON.stringify({ values: values, token: token }));
      });
    });
  });
})();
