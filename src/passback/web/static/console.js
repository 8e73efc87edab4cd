// passback console: the few things that need a script. Everything works without it,
// except the live progress of a requested sync (the page can simply be reloaded).
(function () {
  "use strict";

  function follow(box) {
    var job = box.getAttribute("data-job");
    var status = box.querySelector("[data-field=status]");
    var detail = box.querySelector("[data-field=detail]");
    var link = box.querySelector("[data-field=link]");
    function poll() {
      fetch("/api/v1/jobs/" + encodeURIComponent(job), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (info) {
          if (!info) { return; }
          status.textContent = info.status;
          if (info.run) {
            var c = info.run.counts || {};
            var parts = [info.run.elapsed_s + " s"];
            if (info.run.status !== "running") {
              parts.push((c.created || 0) + (c.updated || 0) + " written, " + (c.skipped || 0) +
                " skipped, " + (c.errors || 0) + " errors");
            }
            detail.textContent = parts.join(" · ");
          }
          if (info.status === "done" || info.status === "failed") {
            if (info.run) {
              link.innerHTML = "";
              var a = document.createElement("a");
              a.href = "/runs/" + info.run.id;
              a.textContent = "Open the report";
              link.appendChild(a);
            }
            if (info.error) { detail.textContent = info.error; }
            box.setAttribute("data-finished", "true");
            return;
          }
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-job]");
    for (var i = 0; i < boxes.length; i++) { follow(boxes[i]); }
    var confirmed = document.querySelectorAll("form[data-confirm]");
    for (var j = 0; j < confirmed.length; j++) {
      confirmed[j].addEventListener("submit", function (event) {
        if (!window.confirm(this.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    }
  });
})();
