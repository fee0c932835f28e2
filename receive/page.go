package receive

import (
	"html/template"
	"net/http"
)

// page writes the upload page, with the results of the last upload when
// there are some (the form's answer without JavaScript).
func (h *Handler) page(w http.ResponseWriter, results []Result) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTemplate.Execute(w, struct {
		Script  string
		Orders  []Choice
		Results []Result
		MaxMB   int64
	}{"/" + h.cfg.Token + "/app.js", h.cfg.Orders, results, h.cfg.MaxFile / 1_000_000})
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Send to vault</title>
<style>
body { font: 18px/1.4 system-ui, sans-serif; margin: 0; padding: 16px; background: #f6f6f6; color: #1c1c1c; }
h1 { font-size: 24px; margin: 8px 0 4px; }
p.lead { margin: 0 0 16px; color: #555; }
label.pick { display: block; background: #e8461e; color: #fff; text-align: center; padding: 22px 12px;
  border-radius: 14px; font-size: 20px; font-weight: 600; margin: 12px 0; }
label.pick.camera { background: #333; }
label.pick input { display: block; margin: 10px auto 0; font-size: 16px; color: #fff; max-width: 100%; }
select, button { font-size: 18px; width: 100%; padding: 14px; border-radius: 12px; border: 1px solid #bbb; background: #fff; }
button { background: #1c1c1c; color: #fff; border: 0; margin-top: 12px; font-weight: 600; }
ul { list-style: none; padding: 0; }
li { background: #fff; border-radius: 10px; padding: 10px 12px; margin: 8px 0; word-break: break-all; }
li.bad { border-left: 6px solid #c62828; }
li.ok { border-left: 6px solid #2e7d32; }
progress { width: 100%; height: 10px; }
small { color: #666; }
</style>
</head>
<body>
<h1>Send to vault</h1>
<p class="lead">Screenshots, photos and receipts go into your vault on the computer. Up to {{.MaxMB}} MB a file.</p>
<form method="post" enctype="multipart/form-data" id="send">
<label for="order">File them under</label>
<select name="order" id="order">
<option value="">the inbox (sort them later)</option>
{{range .Orders}}<option value="{{.Ref}}">{{.Label}}</option>
{{end}}</select>
<label class="pick">Choose photos or files<input type="file" name="files" id="files" multiple accept="image/*,application/pdf,.eml,.txt"></label>
<label class="pick camera">Take a photo<input type="file" name="files" id="camera" accept="image/*" capture="environment"></label>
<button type="submit">Send</button>
</form>
<ul id="done">
{{range .Results}}<li class="{{if .Err}}bad{{else}}ok{{end}}">{{if .Name}}{{.Name}}: {{end}}{{if .Err}}{{.Err}}{{else}}kept as {{.ID}}{{if .Note}} ({{.Note}}){{end}}{{end}}</li>
{{end}}</ul>
<p><small>Plain HTTP on your local network; this page works only with its one-time address and closes when idle.</small></p>
<script src="{{.Script}}"></script>
</body>
</html>
`))

// script sends the chosen files one at a time with a progress bar each;
// without it the form posts them all at once.
const script = `"use strict";
(function () {
  var form = document.getElementById("send"), done = document.getElementById("done");
  var url = location.pathname;
  function item(text, cls) {
    var li = document.createElement("li");
    li.textContent = text;
    if (cls) li.className = cls;
    done.insertBefore(li, done.firstChild);
    return li;
  }
  function send(file, order) {
    return new Promise(function (resolve) {
      var li = item(file.name + " ");
      var bar = document.createElement("progress");
      bar.max = file.size || 1; bar.value = 0;
      li.appendChild(bar);
      var data = new FormData();
      data.append("order", order);
      data.append("files", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } };
      xhr.onload = function () {
        var r;
        try { r = JSON.parse(xhr.responseText)[0] || {}; } catch (e) { r = { error: "the computer answered " + xhr.status }; }
        li.textContent = file.name + ": " + (r.error ? r.error : "kept as " + r.id + (r.note ? " (" + r.note + ")" : ""));
        li.className = r.error ? "bad" : "ok";
        resolve();
      };
      xhr.onerror = function () { li.textContent = file.name + ": not sent (the connection broke)"; li.className = "bad"; resolve(); };
      xhr.send(data);
    });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var files = [].concat(Array.prototype.slice.call(document.getElementById("files").files),
      Array.prototype.slice.call(document.getElementById("camera").files));
    var order = document.getElementById("order").value;
    var chain = Promise.resolve();
    files.forEach(function (f) { chain = chain.then(function () { return send(f, order); }); });
    chain.then(function () { item("Done: " + files.length + " sent", "ok done"); form.reset(); });
  });
})();
`
