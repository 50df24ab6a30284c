import type { HostPrefix } from "./host";
import { cardpointeCss } from "../iframe-css";
import { text } from "./http";

/**
 * Hosted iFrame Tokenizer (`/itoke/ajax-tokenizer.html`): a card field that tokenizes through this host's
 * CardSecure and posts `{"message": token, "expiry": "MMYY"}` (or `{"validationError": ...}`) to the parent.
 * Meant to be framed by any merchant page, so no frame-ancestors restriction.
 */
export function itokePage(host: HostPrefix, prefix: string, query: URLSearchParams): Response {
  const useExpiry = query.get("useexpiry") === "true";
  const useCvv = query.get("usecvv") === "true";
  const tokenizeWhenInactive = query.get("tokenizewheninactive") === "true";
  const endpoint = `/sandbox/cardpointe/${prefix}/cardsecure/api/v1/ccn/tokenize`;
  // The merchant's `css` (documented "iFrame Styling"): after the defaults, so it wins.
  const custom = cardpointeCss(query.get("css"));
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CardSecure Tokenizer (${host.environment.toUpperCase()})</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:4px}input,select{font-size:14px;padding:4px;margin:2px 0}
label{display:block;font-size:12px;color:#444}.error{color:#b00020;font-size:12px;min-height:1em}</style>
${custom ? `<style>${custom}</style>` : ""}</head>
<body>
<form id="f" autocomplete="off" onsubmit="return false">
<label for="ccnumfield">Card number</label>
<input id="ccnumfield" name="ccnumfield" inputmode="numeric" maxlength="23" aria-describedby="err">
${
  useExpiry
    ? `<label for="ccexpirymonth">Expiration</label>
<select id="ccexpirymonth" title="Expiration Month" aria-label="Expiration Month">${Array.from({ length: 12 }, (_, i) => `<option>${String(i + 1).padStart(2, "0")}</option>`).join("")}</select>
<select id="ccexpiryyear" title="Expiration Year" aria-label="Expiration Year">${Array.from({ length: 12 }, (_, i) => {
        const y = new Date().getUTCFullYear() + i;
        return `<option value="${y}">${y}</option>`;
      }).join("")}</select>`
    : ""
}
${useCvv ? `<label for="cccvvfield">CVV</label><input id="cccvvfield" inputmode="numeric" maxlength="4">` : ""}
<div id="err" class="error" role="alert"></div>
</form>
<script>
(function(){
  var endpoint = ${JSON.stringify(endpoint)};
  var whenInactive = ${JSON.stringify(tokenizeWhenInactive)};
  var field = document.getElementById("ccnumfield");
  var err = document.getElementById("err");
  function expiry(){
    var m = document.getElementById("ccexpirymonth"), y = document.getElementById("ccexpiryyear");
    return m && y ? m.value + String(y.value).slice(2) : undefined;
  }
  function post(msg){ window.parent.postMessage(JSON.stringify(msg), "*"); }
  function run(){
    var v = field.value.replace(/[\\s-]/g, "");
    if (!v) return;
    var body = { account: v };
    var e = expiry(); if (e) body.expiry = e;
    fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function(r){ return r.json(); })
      .then(function(r){
        if (r.errorcode === 0) { err.textContent = ""; var out = { message: r.token }; if (e) out.expiry = e; post(out); }
        else { err.textContent = r.message; post({ validationError: r.message, errorcode: r.errorcode }); }
      })
      .catch(function(){ post({ validationError: "Tokenization failed", errorcode: 43 }); });
  }
  field.addEventListener(whenInactive ? "blur" : "input", function(){
    if (whenInactive || field.value.replace(/\\D/g, "").length >= 13) run();
  });
  ["ccexpirymonth","ccexpiryyear"].forEach(function(id){ var el = document.getElementById(id); if (el) el.addEventListener("change", run); });
})();
</script>
</body></html>`;
  const res = text(html, 200, "text/html; charset=utf-8");
  res.headers.set("content-security-policy", "frame-ancestors *");
  return res;
}
