// Citing an article page: optional. Without it every citation is still in the page (theme/templates/article.html).
// With it, each paragraph's citation sits right under the paragraph (shown when the paragraph is the target),
// a local copy served over http(s) cites its own address, and Copy buttons appear. No network, no storage.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    var box = document.getElementById("cite");
    if (!box) return;

    // Each paragraph's citation goes after its paragraph, so that following a "¶ 3" link shows both.
    var blocks = document.querySelectorAll(".cite-p");
    for (var i = 0; i < blocks.length; i++) {
      var inner = blocks[i].querySelector("[id^='cite-p']");
      var p = inner && document.getElementById(inner.id.replace(/^cite-/, ""));
      if (p && p.parentNode) p.parentNode.insertBefore(blocks[i], p.nextSibling);
    }

    // Following a link to one paragraph's citation opens it (Chromium does so itself).
    function openTarget() {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      var details = target && target.closest(".cite-p details");
      if (details) details.open = true;
    }
    openTarget();
    window.addEventListener("hashchange", openTarget);

    // A build without a site address cites the page by its path; a served copy knows better.
    var path = box.getAttribute("data-page");
    if (box.getAttribute("data-relative") === "1" && path && /^https?:$/.test(location.protocol)) {
      var here = location.href.split("#")[0];
      var pres = document.querySelectorAll(".cite pre, .cite-p pre");
      for (var j = 0; j < pres.length; j++) {
        pres[j].textContent = pres[j].textContent.split(path).join(here);
      }
    }

    function say(button, text) {
      var status = button.nextElementSibling;
      if (!status || !status.classList.contains("copy-status")) {
        status = document.createElement("span");
        status.className = "copy-status";
        status.setAttribute("role", "status");
        button.parentNode.insertBefore(status, button.nextSibling);
      }
      status.textContent = text;
    }

    function selectText(node) {
      var range = document.createRange();
      range.selectNodeContents(node);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    function copy(button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      var text = source.textContent;
      var fallback = function () {
        selectText(source);
        var done = false;
        try {
          done = document.execCommand("copy");
        } catch (e) {
          done = false;
        }
        say(button, done ? "Copied" : "Selected: press Ctrl+C or ⌘C to copy");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () {
          say(button, "Copied");
        }, fallback);
      } else {
        fallback();
      }
    }

    var buttons = document.querySelectorAll("button.copy[data-copy]");
    for (var k = 0; k < buttons.length; k++) {
      buttons[k].hidden = false;
      buttons[k].addEventListener("click", function (event) {
        copy(event.currentTarget);
      });
    }
  });
})();
