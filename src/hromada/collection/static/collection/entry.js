// The questionnaire never loses a typed value.
//
// htmx autosaves each field. Every value sent is first kept in this browser (localStorage,
// per page) until the server answers "saved"; when the answer does not come (no network,
// signed out, server error) the field says so, with a button to try again, and the kept
// values are sent again when the network comes back, when the page is shown again (after
// signing in in another tab) or when the page is opened again (after signing in here).
// The CSRF token is read from its cookie on each send, so a sign-in elsewhere does not
// make the next save fail. No inline script: the texts come from a JSON block.
(function () {
  "use strict";
  var textsNode = document.getElementById("entry-texts");
  if (!textsNode || typeof htmx === "undefined") return;
  var texts = JSON.parse(textsNode.textContent);
  var KEY = "hromada:entry:" + location.pathname;
  var RETRY_MS = 20000;
  var SKIP = { csrfmiddlewaretoken: true, seen: true, confirm_state: true };

  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function keep(pending) {
    try {
      if (Object.keys(pending).length) localStorage.setItem(KEY, JSON.stringify(pending));
      else localStorage.removeItem(KEY);
    } catch (e) {
      /* storage full or disabled: the visible error still says the value is not saved */
    }
  }

  function valuesOf(form) {
    var out = {};
    new FormData(form).forEach(function (value, name) {
      if (!SKIP[name]) out[name] = String(value);
    });
    return out;
  }

  function cookie(name) {
    var found = document.cookie.split("; ").filter(function (c) {
      return c.indexOf(name + "=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function statusOf(form) {
    return form.querySelector(".save-status");
  }

  function say(form, kind, message, withRetry, link) {
    var box = statusOf(form);
    if (!box) return;
    box.hidden = false;
    box.className = "save-status " + kind;
    box.textContent = message + " ";
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      box.appendChild(a);
      box.appendChild(document.createTextNode(" "));
    }
    if (withRetry) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = texts.retry;
      button.addEventListener("click", function () {
        send(form);
      });
      box.appendChild(button);
    }
  }

  function quiet(form) {
    var box = statusOf(form);
    if (box) {
      box.hidden = true;
      box.textContent = "";
    }
  }

  function send(form) {
    say(form, "save-pending", texts.sending, false);
    htmx.trigger(form, "change");
  }

  function resendAll() {
    var pending = load();
    Object.keys(pending).forEach(function (id) {
      var form = document.getElementById(id);
      if (form && !form.classList.contains("held")) send(form);
    });
  }

  function signInLink(form) {
    var next = location.pathname + location.search + "#" + form.id;
    return { href: texts.login + "?next=" + encodeURIComponent(next), text: texts.signIn };
  }

  // A 401 or 403: signed out (the session ended, or cookies were cleared), or a new CSRF
  // token after signing in elsewhere. Opening the page again tells which.
  function probe(form) {
    fetch(location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.redirected && response.url.indexOf(texts.login) !== -1) {
          say(form, "save-error", texts.signedOut, true, signInLink(form));
        } else if (response.ok) {
          send(form); // the page set a fresh CSRF cookie: the next send carries it
        } else {
          say(form, "save-error", texts.failed, true);
        }
      })
      .catch(function () {
        say(form, "save-error", texts.offline, true);
      });
  }

  document.body.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!form.classList || !form.classList.contains("field-row")) return;
    var token = cookie("csrftoken");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
      event.detail.parameters.csrfmiddlewaretoken = token;
    }
    var pending = load();
    pending[form.id] = valuesOf(form);
    keep(pending);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.classList || !form.classList.contains("field-row")) return;
    var xhr = event.detail.xhr;
    var body = xhr && xhr.responseText ? xhr.responseText : "";
    if (!xhr || xhr.status === 0) {
      say(form, "save-error", texts.offline, true);
      return;
    }
    if (xhr.status === 401 || xhr.status === 403) {
      probe(form);
      return;
    }
    if (xhr.status >= 500 && xhr.status !== 503) {
      say(form, "save-error", texts.failed, true);
      return;
    }
    if (body.indexOf('class="muted saved"') !== -1) {
      var pending = load();
      var sent = pending[form.id];
      // Typed on meanwhile? Then the newer value is still to be sent by its own request.
      if (sent && JSON.stringify(sent) === JSON.stringify(valuesOf(form))) {
        delete pending[form.id];
        keep(pending);
      }
      form.classList.remove("held");
      quiet(form);
    } else if (xhr.status === 503) {
      // The database is busy (its message is shown in the field): try again later.
      quiet(form);
    } else {
      // Answered but not saved (an error in the value, a conflict, a question to confirm):
      // the answer is shown in the field's messages. The value stays kept in the browser,
      // but only the person decides when to send it again.
      form.classList.add("held");
      quiet(form);
    }
  });

  // Values kept from an earlier visit (signed out, offline, closed tab): put them back into
  // their fields, show where, and send them.
  function restore() {
    var pending = load();
    // A questionnaire closed for changes (submitted meanwhile) takes no value any more.
    Object.keys(pending).forEach(function (id) {
      var form = document.getElementById(id);
      if (!form || !form.hasAttribute("hx-post")) delete pending[id];
    });
    keep(pending);
    var ids = Object.keys(pending);
    ids.forEach(function (id) {
      var form = document.getElementById(id);
      Object.keys(pending[id]).forEach(function (name) {
        var input = form.elements.namedItem(name);
        if (input && "value" in input) input.value = pending[id][name];
      });
    });
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    target = target && pending[target.id] ? target : document.getElementById(ids[0] || "");
    var input = target ? target.querySelector("input[name=value]") : null;
    // Once htmx has set up the forms, and the browser has scrolled to the #fragment (which
    // moves the focus away): back to the field, and send what was kept.
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        if (input) input.focus();
        resendAll();
      }, 0);
    });
  }

  window.addEventListener("online", resendAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") resendAll();
  });
  window.setInterval(function () {
    if (navigator.onLine && Object.keys(load()).length) resendAll();
  }, RETRY_MS);
  restore();
})();
