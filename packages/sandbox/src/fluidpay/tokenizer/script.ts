/**
 * `tokenizer.js` for the parent page: `new Tokenizer({apikey, container, submission, url?, settings?})`
 * creates the sandbox iframe; `submit(amount?)` asks it to validate and tokenize. Messages are JSON
 * strings `{id, event, data}`; messages with another id or from another origin are ignored.
 */
export const TOKENIZER_JS = String.raw`(function () {
  "use strict";
  var script = document.currentScript;
  var defaultUrl = script && script.src ? script.src.replace(/\/tokenizer\/tokenizer\.js(\?.*)?$/, "") : "";
  var counter = 0;
  function Tokenizer(opts) {
    if (!opts || !opts.apikey) throw new Error("Tokenizer: apikey is required");
    if (opts.apikey.indexOf("pub_") !== 0) throw new Error("Tokenizer: apikey must be a public (pub_) key");
    this.opts = opts;
    // Like the vendor's: url is the gateway base (here <origin>/sandbox/gateway); a trailing /api is forgiven.
    this.url = (opts.url || defaultUrl).replace(/\/$/, "").replace(/\/api$/, "");
    this.id = "tok" + Date.now().toString(36) + (counter++);
    var settings = opts.settings || {};
    var payment = settings.payment || {};
    var types = payment.types || ["card"];
    var card = payment.card || {};
    var container = typeof opts.container === "string" ? document.querySelector(opts.container) : opts.container;
    if (!container) throw new Error("Tokenizer: container not found");
    var origin = new URL(this.url, window.location.href).origin;
    this.origin = origin;
    var src = this.url + "/api/tokenizer/" + encodeURIComponent(opts.apikey) +
      "?id=" + encodeURIComponent(this.id) +
      "&types=" + encodeURIComponent(types.join(",")) +
      "&origin=" + encodeURIComponent(window.location.origin) +
      "&requireCVV=" + (card.requireCVV === false ? "false" : "true") +
      (settings.styles ? "&styles=" + encodeURIComponent(JSON.stringify(settings.styles)) : "");
    var iframe = document.createElement("iframe");
    iframe.src = src;
    iframe.title = "Payment details";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.height = "220px";
    iframe.setAttribute("allow", "payment");
    container.appendChild(iframe);
    this.iframe = iframe;
    var self = this;
    this.listener = function (e) {
      if (e.origin !== origin || typeof e.data !== "string") return;
      var msg;
      try { msg = JSON.parse(e.data); } catch (_) { return; }
      if (!msg || msg.id !== self.id) return;
      if (msg.event === "setHeight" && msg.data && msg.data.height) iframe.style.height = msg.data.height + "px";
      else if (msg.event === "submission" && opts.submission) opts.submission(msg.data);
      else if (msg.event === "validCard" && opts.validCard) opts.validCard(msg.data);
      else if (msg.event === "onPaymentChange" && opts.onPaymentChange) opts.onPaymentChange(msg.data && msg.data.type);
      else if (msg.event === "achOnChange" && opts.achOnChange) opts.achOnChange(msg.data);
      else if (msg.event === "onLoad" && opts.onLoad) opts.onLoad();
    };
    window.addEventListener("message", this.listener);
  }
  Tokenizer.prototype.post = function (event, data) {
    if (!this.iframe.contentWindow) return;
    this.iframe.contentWindow.postMessage(JSON.stringify({ id: this.id, event: event, data: data || {} }), this.origin);
  };
  Tokenizer.prototype.submit = function (amount) { this.post("submit", { amount: amount }); };
  Tokenizer.prototype.setExpDate = function (exp) { this.post("setExpDate", { expiration_date: exp }); };
  Tokenizer.prototype.setError = function (msg) { this.post("setError", { msg: msg }); };
  Tokenizer.prototype.destroy = function () {
    window.removeEventListener("message", this.listener);
    if (this.iframe.parentNode) this.iframe.parentNode.removeChild(this.iframe);
  };
  window.Tokenizer = Tokenizer;
})();
`;
