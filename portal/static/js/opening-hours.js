// Opening hours: "Open now" or "Closed now, opens at …" for a consultation
// window, read from the reader's own clock in Japan time (Asia/Tokyo).
// The page is cached, so the server never says whether a window is open: it
// writes the weekly schedule, the closed dates and the sentences (already in
// the reader's language) into data attributes, and this script only picks one.
// Without JavaScript, or when the dates it knows do not cover today, the line
// stays hidden and the weekly table says everything.
(function () {
  "use strict";
  var SEARCH_DAYS = 14;
  var FURIGANA = /\{([^{}|]+)\|([^{}|]+)\}/g;

  function tokyoNow() {
    if (!window.Intl || !Intl.DateTimeFormat) {
      return null;
    }
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-US", {
        timeZone: "Asia/Tokyo",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23"
      })
        .formatToParts(new Date())
        .forEach(function (part) {
          parts[part.type] = part.value;
        });
    } catch (error) {
      return null;
    }
    var hour = parts.hour === "24" ? "00" : parts.hour;
    return {
      date: Date.UTC(+parts.year, +parts.month - 1, +parts.day),
      time: hour + ":" + parts.minute
    };
  }

  function isoDate(utcMillis) {
    return new Date(utcMillis).toISOString().slice(0, 10);
  }

  function isoWeekday(utcMillis) {
    var day = new Date(utcMillis).getUTCDay();
    return day === 0 ? 7 : day;
  }

  function shortTime(time) {
    return time.charAt(0) === "0" ? time.slice(1) : time;
  }

  // Text with {漢字|かんじ} furigana as DOM nodes: <ruby> for easy Japanese.
  function fill(element, text) {
    element.textContent = "";
    var last = 0;
    text.replace(FURIGANA, function (match, base, reading, offset) {
      element.appendChild(document.createTextNode(text.slice(last, offset)));
      var ruby = document.createElement("ruby");
      ruby.appendChild(document.createTextNode(base));
      var rt = document.createElement("rt");
      rt.textContent = reading;
      ruby.appendChild(rt);
      element.appendChild(ruby);
      last = offset + match.length;
      return match;
    });
    element.appendChild(document.createTextNode(text.slice(last)));
  }

  function status(element, now) {
    var data = element.dataset;
    if (data.alwaysOpen === "true") {
      return data.textAlways;
    }
    var today = isoDate(now.date);
    var covered = !data.coversFrom || (data.coversFrom <= today && today <= data.coversUntil);
    if (!covered) {
      return null;
    }
    var schedule = JSON.parse(data.schedule || "{}");
    var days = JSON.parse(data.days || "[]");
    var closed = (data.closed || "").split(" ");
    for (var offset = 0; offset <= SEARCH_DAYS; offset++) {
      var date = now.date + offset * 86400000;
      var iso = isoDate(date);
      if (data.coversUntil && iso > data.coversUntil) {
        break;
      }
      if (closed.indexOf(iso) !== -1) {
        continue;
      }
      var weekday = isoWeekday(date);
      var ranges = schedule[String(weekday)] || [];
      for (var i = 0; i < ranges.length; i++) {
        var opens = ranges[i][0];
        var closes = ranges[i][1];
        if (offset === 0 && opens <= now.time && now.time < closes) {
          return data.textOpen.replace("{time}", shortTime(closes));
        }
        if (offset === 0 && now.time < opens) {
          return data.textToday.replace("{time}", shortTime(opens));
        }
        if (offset === 1) {
          return data.textTomorrow.replace("{time}", shortTime(opens));
        }
        if (offset > 1) {
          return data.textLater
            .replace("{day}", days[weekday - 1] || "")
            .replace("{time}", shortTime(opens));
        }
      }
    }
    return data.textClosed;
  }

  function update() {
    var now = tokyoNow();
    var lines = document.querySelectorAll("[data-opening-hours]");
    for (var i = 0; i < lines.length; i++) {
      var text = now && status(lines[i], now);
      if (text) {
        fill(lines[i], text);
        lines[i].hidden = false;
      } else {
        lines[i].hidden = true;
      }
    }
  }

  update();
  window.setInterval(update, 60000);
})();
