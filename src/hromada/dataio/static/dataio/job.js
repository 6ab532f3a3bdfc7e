/* The import page follows its job until it finishes, then reloads to show the outcome.
   The address to poll comes from the page (data-poll-url), so no script is inline. */
(function () {
  var page = document.getElementById("job-page");
  if (!page || !page.dataset.pollUrl) { return; }
  var url = page.dataset.pollUrl;
  function poll() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      document.getElementById("job-progress").value = s.percent;
      document.getElementById("job-percent").textContent = s.percent;
      document.getElementById("job-state").textContent = s.label;
      if (s.finished) { window.location.reload(); } else { setTimeout(poll, 2000); }
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
