vcl 4.1;
# Varnish 7.1 in front of Redress (Debian: apt-get install varnish varnish-modules).
#
#   varnishd -F -a :80 -f /etc/varnish/redress.vcl -s malloc,256m
#
# What it does:
# - Caches anonymous GET/HEAD answers that Redress marks `Cache-Control: public, s-maxage=N`, for
#   N seconds (Varnish takes s-maxage over max-age). Anything else (private, no-store, no
#   Cache-Control at all, a Set-Cookie) is never stored: Varnish's own default of caching for two
#   minutes whatever has no Cache-Control is switched off here.
# - Passes every request that carries the session cookie (redress.sid) or a flash message
#   (redress.flash) straight to the app: logged-in pages are never shared.
# - Drops other cookies from anonymous requests, except the CSRF cookie (redress.csrf, or
#   __Host-redress.csrf over https): the forms of several open tabs share it, and pages with a
#   form are private anyway, so a cached page never depends on it.
# - Tags each stored object with the answer's `Surrogate-Key` (e.g. "business:42 complaint:9001
#   home") through vmod xkey, and honours Redress's purges: `PURGE /` with `Surrogate-Key: tag1 tag2`
#   from an address in the `purgers` ACL removes every object with any of those tags and answers
#   200 with how many went; anyone else gets 403. Redress sends them when CACHE_PURGE_URL is set
#   (e.g. CACHE_PURGE_URL=http://127.0.0.1:6081/).
#
# Run Redress with TRUST_PROXY=loopback behind it: rate limits then count the visitor's address from
# X-Forwarded-For (which Varnish sets), not Varnish's. TLS and compression belong at the edge.

import xkey;
import cookie;

# `npm run bench -- --varnish` rewrites this port to the app's.
backend redress {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
    # Add the addresses of the app servers when Varnish runs on another machine.
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.Surrogate-Key) {
            set req.http.n-gone = xkey.purge(req.http.Surrogate-Key);
        } elsif (req.http.xkey) {
            set req.http.n-gone = xkey.purge(req.http.xkey);
        } else {
            return (synth(400, "A PURGE needs a Surrogate-Key header"));
        }
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        if (cookie.isset("redress.sid") || cookie.isset("redress.flash")) {
            return (pass);
        }
        cookie.keep("redress.csrf,__Host-redress.csrf");
        set req.http.Cookie = regsub(cookie.get_string(), ";\s*$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # Anonymous from here on, cookie or not: the answer's own headers decide whether it is stored.
    return (hash);
}

sub vcl_backend_response {
    # xkey reads the tags from the `xkey` header of the stored object.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)\bpublic\b"
        || beresp.http.Cache-Control !~ "(?i)\bs-maxage=[0-9]+"
        || beresp.http.Vary == "*") {
        # Remember for a while that this URL is not cacheable, so requests for it do not queue
        # behind one another (hit-for-miss); the next answer may be cacheable again.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # Past s-maxage an object is fetched afresh, not served stale meanwhile, unless Redress allows
    # it with stale-while-revalidate (which Varnish then takes as the grace).
    if (beresp.http.Cache-Control !~ "(?i)stale-while-revalidate") {
        set beresp.grace = 0s;
    }
    return (deliver);
}

sub vcl_deliver {
    # The tags are for this cache; visitors do not need them.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
