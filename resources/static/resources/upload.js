// The proposal form's upload, with a progress bar. Without this script the form
// is sent the ordinary way, and works the same.
// On S3 (the form names a direct-upload address) each file goes straight to the
// bucket with a presigned POST, then the form is sent with the files' tokens.
// Otherwise the form itself is sent with XMLHttpRequest, for its progress events.
(function () {
  "use strict";
  if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
    return;
  }

  function percentText(fraction) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined, {
        style: "percent",
      }).format(fraction);
    } catch (error) {
      return Math.round(fraction * 100) + "%";
    }
  }

  function Progress(form) {
    var box = form.querySelector("[data-upload-progress]");
    var bar = box.querySelector("progress");
    var status = box.querySelector("[data-upload-status]");
    var spoken = -1;
    return {
      show: function () {
        box.hidden = false;
        bar.value = 0;
        spoken = -1;
        this.update(0);
      },
      // The bar moves with every event; the spoken text every tenth, not to flood a screen reader.
      update: function (fraction) {
        bar.value = Math.round(fraction * 100);
        var tenth = Math.floor(fraction * 10);
        if (tenth !== spoken) {
          spoken = tenth;
          status.textContent = form.dataset.textProgress.replace("{percent}", percentText(tenth / 10));
        }
      },
      say: function (text) {
        status.textContent = text;
      },
    };
  }

  function chosenFiles(form) {
    return Array.prototype.filter.call(form.querySelectorAll("input[type=file]"), function (input) {
      return !input.disabled && input.files && input.files.length > 0;
    });
  }

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, body, onProgress, headers) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      Object.keys(headers || {}).forEach(function (name) {
        xhr.setRequestHeader(name, headers[name]);
      });
      if (onProgress) {
        xhr.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) {
            onProgress(event.loaded, event.total);
          }
        });
      }
      xhr.addEventListener("load", function () {
        resolve(xhr);
      });
      xhr.addEventListener("error", function () {
        reject(new Error("network"));
      });
      xhr.addEventListener("abort", function () {
        reject(new Error("abort"));
      });
      xhr.send(body);
    });
  }

  // The server's answer to the form: the new page's address, or the form again with its errors.
  function showAnswer(xhr, form, progress) {
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("application/json") === 0) {
      window.location.assign(JSON.parse(xhr.responseText).location);
      return;
    }
    if (type.indexOf("text/html") === 0) {
      var answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var fresh = answer.querySelector("[data-propose-page]");
      var current = document.querySelector("[data-propose-page]");
      if (fresh && current) {
        current.replaceWith(document.adoptNode(fresh));
        setUp(document.querySelector("form.library-propose"));
        var alert = document.querySelector("[data-propose-page] [role=alert]");
        if (alert) {
          alert.setAttribute("tabindex", "-1");
          alert.focus();
        }
        return;
      }
    }
    progress.say(form.dataset.textFailed);
    throw new Error("unexpected answer");
  }

  function sendForm(form, progress) {
    return post(
      form.action,
      new FormData(form),
      function (loaded, total) {
        progress.update(loaded / total);
      },
      { Accept: "application/json" }
    ).then(function (xhr) {
      progress.update(1);
      showAnswer(xhr, form, progress);
    });
  }

  function askForPost(form, file) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken(form));
    body.append("name", file.name);
    body.append("size", String(file.size));
    return post(form.dataset.directUpload, body, null, { Accept: "application/json" });
  }

  // Each file to the bucket, then the form with a token in place of each file.
  function sendDirect(form, inputs, progress) {
    var total = inputs.reduce(function (sum, input) {
      return sum + input.files[0].size;
    }, 0);
    var done = 0;
    var chain = Promise.resolve();
    inputs.forEach(function (input) {
      chain = chain.then(function () {
        var file = input.files[0];
        return askForPost(form, file).then(function (xhr) {
          var answer = {};
          try {
            answer = JSON.parse(xhr.responseText);
          } catch (error) {
            answer = {};
          }
          if (xhr.status !== 200) {
            var refusal = new Error("refused");
            refusal.text = answer.error;
            throw refusal;
          }
          var body = new FormData();
          Object.keys(answer.fields).forEach(function (name) {
            body.append(name, answer.fields[name]);
          });
          body.append("file", file);
          return post(answer.url, body, function (loaded) {
            progress.update((done + Math.min(loaded, file.size)) / total);
          }).then(function (upload) {
            if (upload.status < 200 || upload.status >= 300) {
              throw new Error("bucket");
            }
            done += file.size;
            var prefix = input.name.replace(/-file$/, "");
            form.querySelector("input[name='" + prefix + "-held']").value = answer.token;
            var keep = form.querySelector("input[name='" + prefix + "-held_action'][value=keep]");
            if (keep) {
              keep.checked = true;
            }
            input.disabled = true; // sent already: not again through the server
          });
        });
      });
    });
    return chain.then(function () {
      progress.update(1);
      progress.say(form.dataset.textSaving);
      return sendForm(form, progress);
    });
  }

  function setUp(form) {
    if (!form || !form.querySelector("[data-upload-progress]")) {
      return;
    }
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      var inputs = chosenFiles(form);
      if (inputs.length === 0) {
        return; // nothing large to send: the ordinary way
      }
      event.preventDefault();
      var progress = Progress(form);
      progress.show();
      button.disabled = true;
      var sending = form.dataset.directUpload
        ? sendDirect(form, inputs, progress)
        : sendForm(form, progress);
      sending.catch(function (error) {
        inputs.forEach(function (input) {
          input.disabled = false;
        });
        button.disabled = false;
        progress.say((error && error.text) || form.dataset.textFailed);
      });
    });
  }

  setUp(document.querySelector("form.library-propose"));
})();
