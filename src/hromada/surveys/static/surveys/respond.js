/* Show and hide questions as the answers change. The server decides (the same evaluator that
   checks the submitted form); this only asks it which questions the answers so far hide. */
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-relevance");
  var pending = null;
  function refresh() {
    var body = new FormData(form);
    body.delete("action");
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var hidden = new Set(data.hidden);
        form.querySelectorAll("[data-question]").forEach(function (box) {
          box.hidden = hidden.has(box.getAttribute("data-question"));
        });
      })
      .catch(function () { /* the server checks relevance again on save and submit */ });
  }
  form.addEventListener("change", function () {
    clearTimeout(pending);
    pending = setTimeout(refresh, 150);
  });
})();
