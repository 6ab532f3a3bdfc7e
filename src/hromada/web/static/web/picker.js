// Pickers: hromadas by name instead of typed codes, indicators found by a word.
// Without this script the pages still work: the hromada field takes a name or a code and the
// server answers with the hromada (or the candidates to tick); every indicator box shows.
(function () {
  "use strict";

  function hromadaPicker(root) {
    var input = root.querySelector("[data-picker-input]");
    var list = root.querySelector(".picker-list");
    var chosen = root.querySelector(".picker-chosen");
    var name = root.getAttribute("data-name");
    var source = root.getAttribute("data-source");
    var timer = null;
    var asked = 0;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    }
    function close() {
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
    }
    function choose(option) {
      var code = option.getAttribute("data-code");
      var existing = chosen.querySelector('input[value="' + code + '"]');
      if (existing) {
        existing.checked = true;
      } else {
        var item = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = code;
        box.checked = true;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + option.getAttribute("data-name") + " "));
        var place = option.querySelector(".muted");
        if (place) label.appendChild(place.cloneNode(true));
        item.appendChild(label);
        chosen.appendChild(item);
      }
      input.value = "";
      close();
      input.focus();
    }
    function focusOption(index) {
      var all = options();
      if (!all.length) return;
      index = (index + all.length) % all.length;
      all.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
      all[index].focus();
    }
    function ask() {
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      var ticket = ++asked;
      fetch(source + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          if (ticket !== asked) return;  // an older answer arriving late
          list.innerHTML = html;
          input.setAttribute("aria-expanded", options().length ? "true" : "false");
        })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options().length) {
        event.preventDefault();
        focusOption(0);
      } else if (event.key === "Enter" && options().length) {
        event.preventDefault();
        choose(options()[0]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) choose(option);
    });
    list.addEventListener("keydown", function (event) {
      var all = options();
      var index = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown") { event.preventDefault(); focusOption(index + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); focusOption(index - 1); }
      else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        if (index >= 0) choose(all[index]);
      } else if (event.key === "Escape") { close(); input.focus(); }
    });
  }

  function indicatorFilter(input) {
    var root = document.getElementById(input.getAttribute("data-indicator-filter"));
    if (!root) return;
    input.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLocaleLowerCase("uk").split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(root.querySelectorAll("details"), function (area) {
        var shown = 0;
        Array.prototype.forEach.call(area.querySelectorAll("li"), function (item) {
          var text = item.textContent.toLocaleLowerCase("uk");
          var fits = words.every(function (w) { return text.indexOf(w) >= 0; });
          item.hidden = !fits;
          if (fits) shown += 1;
        });
        area.hidden = shown === 0;
        area.open = words.length > 0 ? shown > 0 : area.hasAttribute("data-open");
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-hromada-picker]"), hromadaPicker);
  Array.prototype.forEach.call(document.querySelectorAll("[data-indicator-filter]"), indicatorFilter);
})();
