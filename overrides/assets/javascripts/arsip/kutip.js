// "Kutip esai ini": copy the citation with one click. Without site_url the static
// citation names the archive copy by its path; here it becomes the page's full address.
(function () {
  "use strict";
  var text = document.getElementById("arsip-kutipan");
  if (!text) return;
  var rel = text.getAttribute("data-arsip-relative");
  if (rel) {
    var here = location.origin + location.pathname;
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (node.nodeValue.indexOf(": " + rel) !== -1) {
        node.nodeValue = node.nodeValue.replace(": " + rel, ": " + here);
      }
    }
  }
  var button = document.querySelector("[data-arsip-copy]");
  var status = document.querySelector(".arsip-cite__status");
  if (!button) return;
  button.hidden = false;

  function say(message) {
    if (status) status.textContent = message;
  }

  function fallback(value) {
    // older browsers and pages not served over https: select the text instead
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    say(ok ? "Kutipan tersalin." : "Kutipan sudah dipilih; tekan Ctrl+C untuk menyalin.");
  }

  button.addEventListener("click", function () {
    var value = text.textContent.replace(/\s+/g, " ").trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(function () {
        say("Kutipan tersalin.");
      }, function () { fallback(value); });
    } else {
      fallback(value);
    }
  });
})();
