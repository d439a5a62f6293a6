vcl 4.1;

# The front cache of the Support Network Portal: Debian's Varnish between nginx
# (TLS, deploy/nginx/portal.conf) and gunicorn (deploy/systemd/portal.service).
# The README's "Front cache (Varnish)" says how to install it; `make stack` and
# tests/test_front_cache.py run this file as it is, with the backend's port and
# the probe's Host changed.
#
# Two listening sockets, named with varnishd's -a (deploy/varnish/varnish.conf):
#   readers  127.0.0.1:6081  what nginx forwards: never PURGE or BAN, and no header
#                            that tells one reader whether another read a page
#   control  127.0.0.1:6091  the site's own PURGE and BAN (FRONTEND_CACHE_URL), and
#                            X-Cache (hit, miss, pass) for an operator checking it
#
# What is kept is what the site marks "public" in Cache-Control (core.cache:
# anonymous pages, briefly their redirects and 404s; Wagtail's public image
# renditions), and the static files. The rules below also hold on their own,
# whatever a response says: nothing of the members' area, the admin, documents,
# files or health checks, nothing for a request with the session cookie or an
# Authorization header, no POST answer, no response that sets a cookie.

import std;

backend portal {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
    # A sick backend lets readers have pages up to the full grace period (below).
    .probe = {
        .request =
            "GET /healthz HTTP/1.1"
            "Host: portal.example.jp"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .timeout = 3s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may PURGE and BAN, on the control socket: the site's processes on this machine.
acl control {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (local.socket != "control" || client.ip !~ control) {
            return (synth(405, "Method Not Allowed"));
        }
        if (req.method == "PURGE") {
            # One address, for every host and scheme it was kept under.
            ban("obj.http.X-Portal-Url == " + req.url);
            return (synth(200, "Purged"));
        }
        # Everything but the static files, whose names change with their content.
        ban("obj.http.X-Portal-Url !~ ^/static/");
        return (synth(200, "Banned"));
    }

    # A slow or failing site: while it is healthy, a page up to 30 s past its time is
    # served while a fresh one is fetched; when it is sick, up to the full grace.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # POST and the rest: the site answers, nothing is kept
    }

    # Static files are the same for everyone: no cookie or login changes them.
    if (req.url ~ "^/static/") {
        unset req.http.Cookie;
        unset req.http.Authorization;
        return (hash);
    }

    # Never from the cache, never into it.
    if (req.url ~ "^/(members|admin|documents|media)(/|\?|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # The session cookie (settings.SESSION_COOKIE_NAME): someone logged in, or logging in.
    if (req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }
    # The site gives readers no cookie: any other is a tracker's or a stale one, and
    # must neither split the cache nor reach the site.
    unset req.http.Cookie;

    # Tracking parameters the site never reads (a newsletter link's utm_...): dropped,
    # so that such a link is answered from the cache like any other.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # Any parameter but a listing's page number (a search) is never kept: what someone
    # searched for is hers alone.
    if (req.url ~ "[?&](?!page=)[^&]") {
        return (pass);
    }

    # Addresses without a language (/) choose one from Accept-Language; reduce it to the
    # first language the site has, so that a few copies of a redirect serve everyone.
    if (req.http.Accept-Language) {
        set req.http.Accept-Language = std.tolower(req.http.Accept-Language);
        if (req.http.Accept-Language ~ "(^|,)\s*(ja|en|zh|ko|vi|pt|tl|ne)\b") {
            set req.http.Accept-Language = regsub(req.http.Accept-Language,
                "^(?:.*?,)??\s*(ja|en|zh|ko|vi|pt|tl|ne)\b.*$", "\1");
        } else {
            unset req.http.Accept-Language;
        }
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.Host) {
        hash_data(req.http.Host);
    } else {
        hash_data(server.ip);
    }
    # http is answered with a redirect to https: never the same answer.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    return (lookup);
}

sub vcl_backend_response {
    # For PURGE and BAN (lurker-friendly: on the object only); removed before delivery.
    set beresp.http.X-Portal-Url = bereq.url;

    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);  # keep serving the copy in grace
    }
    if (beresp.http.Set-Cookie) {
        return (pass(10s));
    }
    if (bereq.url ~ "^/static/") {
        if (!beresp.http.Cache-Control && !beresp.http.Expires) {
            set beresp.ttl = 1h;
        }
    } elsif (beresp.http.Cache-Control !~ "(^|,)\s*public\b") {
        return (pass(10s));  # the site did not say it may be shared
    }
    if (beresp.http.Cache-Control ~ "(private|no-store|no-cache)" || beresp.status >= 500) {
        return (pass(10s));
    }
    if (beresp.ttl <= 0s) {
        return (pass(10s));
    }
    set beresp.grace = 6h;
    if (beresp.http.Content-Type ~ "^(text/|application/(javascript|json|xml)|image/svg)") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = {"ただいま表示できません。しばらくしてから、もう一度お試しください。
いま危険なときは 110 番へ。
The site is not available at the moment: please try again in a few minutes.
In danger now: call 110.
"};
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Portal-Url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
    if (local.socket == "control") {
        if (obj.uncacheable) {
            set resp.http.X-Cache = "pass";
        } elsif (obj.hits > 0) {
            set resp.http.X-Cache = "hit";
        } else {
            set resp.http.X-Cache = "miss";
        }
    } else {
        # Neither how long ago someone fetched this page nor whether anyone did.
        unset resp.http.Age;
        unset resp.http.X-Page-Cache;
    }
    return (deliver);
}

sub vcl_synth {
    unset resp.http.Server;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    set resp.body = resp.reason;
    return (deliver);
}
