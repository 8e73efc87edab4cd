// passback console: the few things that need a script. Everything works without it,
// except the live progress of a requested sync (the page can simply be reloaded).
(function () {
  "use strict";

  var WORDS = { create: "created", update: "updated", "delete": "deleted" };

  function summary(run) {
    // What the run did (or, for a dry run, would do), as the history row will say it.
    var c = run.counts || {};
    var parts = [];
    ["create", "update", "delete"].forEach(function (action) {
      var n = c[WORDS[action]] || 0;
      if (n) { parts.push(n + (run.dry_run ? " would be " : " ") + WORDS[action]); }
    });
    parts.push((c.skipped || 0) + " skipped");
    if (c.conflicts) { parts.push(c.conflicts + " in conflict"); }
    parts.push((c.errors || 0) + " errors");
    return parts.join(", ");
  }

  function refreshHistory() {
    // The history table as the server has it now: the finished run, its real counts.
    var table = document.getElementById("history");
    if (!table) { return; }
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("history");
        if (fresh) { table.innerHTML = fresh.innerHTML; }
        table.setAttribute("data-refreshed", "true");
      });
  }

  function follow(box) {
    var job = box.getAttribute("data-job");
    var status = box.querySelector("[data-field=status]");
    var detail = box.querySelector("[data-field=detail]");
    var link = box.querySelector("[data-field=link]");
    var bar = box.querySelector("progress");
    function poll() {
      fetch("/api/v1/jobs/" + encodeURIComponent(job), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (info) {
          if (!info) { return; }
          status.textContent = info.status;
          var parts = [];
          var p = info.progress;
          if (p) {
            parts.push(p.phase + (p.total ? " " + p.done + " of " + p.total : ""));
            if (bar) {
              bar.hidden = !p.total;
              if (p.total) { bar.max = p.total; bar.value = p.done; }
            }
          }
          if (info.run) {
            parts.push(info.run.elapsed_s + " s");
            if (info.run.status !== "running") { parts.push(summary(info.run)); }
          }
          detail.textContent = parts.join(" · ");
          if (info.status === "done" || info.status === "failed") {
            if (bar) { bar.hidden = true; }
            if (info.run) {
              link.innerHTML = "";
              var a = document.createElement("a");
              a.href = "/runs/" + info.run.id;
              a.textContent = "Open the report";
              link.appendChild(a);
            }
            if (info.error) { detail.textContent = info.error; }
            refreshHistory();
            box.setAttribute("data-finished", "true");
            return;
          }
          window.setTimeout(poll, 700);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-job]");
    for (var i = 0; i < boxes.length; i++) { follow(boxes[i]); }
    var printers = document.querySelectorAll("[data-print]");
    for (var k = 0; k < printers.length; k++) {
      printers[k].addEventListener("click", function () { window.print(); });
    }
    var confirmed = document.querySelectorAll("form[data-confirm]");
    for (var j = 0; j < confirmed.length; j++) {
      confirmed[j].addEventListener("submit", function (event) {
        if (!window.confirm(this.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    }
  });
})();
