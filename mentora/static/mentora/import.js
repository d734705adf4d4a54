// The people import page: show upload progress while htmx sends the file, then move focus
// to the result. A static file (not hx-on attributes) so the Content-Security-Policy can
// forbid inline script and eval.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-import-form]");
  if (!form) return;
  var box = document.getElementById("import-progress");
  var bar = document.getElementById("upload-progress");
  form.addEventListener("htmx:beforeRequest", function () {
    box.hidden = false;
    bar.removeAttribute("value");
  });
  form.addEventListener("htmx:xhr:progress", function (event) {
    if (event.detail.total) bar.value = (100 * event.detail.loaded) / event.detail.total;
  });
  form.addEventListener("htmx:afterRequest", function () {
    box.hidden = true;
    document.getElementById("import-result").focus();
  });
});
