/**
 * The iframe page. Card or ACH data is validated here (Luhn, expiry, CVC) and posted only to this
 * sandbox's token endpoint; the parent receives a one-time token and masked card facts.
 */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageOpts {
  publicKey: string;
  frameId: string;
  parentOrigin: string;
  types: ("card" | "ach")[];
  requireCvv: boolean;
  tokenPath: string;
  nonce: string;
  /** The merchant's `settings.styles`, already made a safe stylesheet (../../iframe-css). */
  css?: string;
}

export function tokenizerPage(o: PageOpts): string {
  const config = JSON.stringify({
    id: o.frameId,
    origin: o.parentOrigin || "*",
    types: o.types,
    requireCvv: o.requireCvv,
    tokenPath: o.tokenPath,
  }).replace(/</g, "\\u003c");
  const tabs =
    o.types.length > 1
      ? `<div role="tablist">${o.types
          .map(
            (t, i) =>
              `<button type="button" role="tab" data-type="${t}" aria-selected="${i === 0}">${t === "card" ? "Card" : "Bank account"}</button>`,
          )
          .join("")}</div>`
      : "";
  return String.raw`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Payment details</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${esc(o.nonce)}">
body{font:14px system-ui,sans-serif;margin:0;padding:8px;color:#111}
label{display:block;margin:6px 0 2px}input,select{width:100%;box-sizing:border-box;padding:6px;border:1px solid #999;border-radius:4px}
input[aria-invalid=true]{border-color:#c00}.row{display:flex;gap:8px}.row>div{flex:1}
[role=tab]{margin-right:4px;padding:4px 8px}[aria-selected=true]{font-weight:bold}.err{color:#c00;min-height:1.2em}
[hidden]{display:none}
</style>${o.css ? `<style nonce="${esc(o.nonce)}">${o.css}</style>` : ""}</head><body>
${tabs}
<form id="card" autocomplete="on" novalidate ${o.types[0] === "card" ? "" : "hidden"}>
<label for="cc">Card number</label><input id="cc" name="cc" inputmode="numeric" autocomplete="cc-number" maxlength="23">
<div class="row"><div><label for="exp">Expiration (MM/YY)</label><input id="exp" name="exp" autocomplete="cc-exp" maxlength="7"></div>
<div><label for="cvv">CVC</label><input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="4"></div></div>
</form>
<form id="ach" novalidate ${o.types[0] === "ach" ? "" : "hidden"}>
<label for="routing">Routing number</label><input id="routing" inputmode="numeric" maxlength="9">
<label for="account">Account number</label><input id="account" inputmode="numeric" maxlength="17">
<div class="row"><div><label for="acctype">Account type</label><select id="acctype"><option value="checking">Checking</option><option value="savings">Savings</option></select></div>
<div><label for="sec">SEC code</label><select id="sec"><option value="web">WEB</option><option value="ppd">PPD</option><option value="ccd">CCD</option></select></div></div>
</form>
<p class="err" id="err" role="alert"></p>
<script nonce="${esc(o.nonce)}">
(function(){
var C=${config};var type=C.types[0];var busy=false;
function send(event,data){parent.postMessage(JSON.stringify({id:C.id,event:event,data:data}),C.origin);}
function $(i){return document.getElementById(i);}
function luhn(n){var s=0,d=false;for(var i=n.length-1;i>=0;i--){var x=+n[i];if(d){x*=2;if(x>9)x-=9;}s+=x;d=!d;}return n.length>=12&&s%10===0;}
function brand(n){if(/^4/.test(n))return"visa";if(/^(5[1-5]|2[2-7])/.test(n))return"mastercard";if(/^3[47]/.test(n))return"amex";if(/^(6011|65|64[4-9])/.test(n))return"discover";if(/^35/.test(n))return"jcb";return"unknown";}
function expOk(v){var m=/^(\d{2})\s*\/?\s*(\d{2}|\d{4})$/.exec(v);if(!m)return false;var mo=+m[1],y=+m[2];if(y<100)y+=2000;if(mo<1||mo>12)return false;var now=new Date();return y*12+mo>=now.getFullYear()*12+now.getMonth()+1;}
function height(){send("setHeight",{height:document.body.scrollHeight});}
function mark(id,bad){$(id).setAttribute("aria-invalid",bad?"true":"false");}
document.querySelectorAll("[role=tab]").forEach(function(b){b.addEventListener("click",function(){type=b.getAttribute("data-type");
document.querySelectorAll("[role=tab]").forEach(function(x){x.setAttribute("aria-selected",x===b?"true":"false");});
$("card").hidden=type!=="card";$("ach").hidden=type!=="ach";send("onPaymentChange",{type:type});height();});});
$("cc").addEventListener("input",function(){var n=$("cc").value.replace(/\D/g,"");send("validCard",{isValid:luhn(n),bin:{card_type:brand(n),bin:n.slice(0,6)}});});
function validate(){var invalid=[];
if(type==="card"){var n=$("cc").value.replace(/\D/g,"");if(!luhn(n))invalid.push("cc");if(!expOk($("exp").value.trim()))invalid.push("exp");
var c=$("cvv").value.trim();if((C.requireCvv&&!/^\d{3,4}$/.test(c))||(c&&!/^\d{3,4}$/.test(c)))invalid.push("cvv");
mark("cc",invalid.indexOf("cc")>=0);mark("exp",invalid.indexOf("exp")>=0);mark("cvv",invalid.indexOf("cvv")>=0);}
else{if(!/^\d{9}$/.test($("routing").value.trim()))invalid.push("routing");if(!/^\d{4,17}$/.test($("account").value.trim()))invalid.push("account");
mark("routing",invalid.indexOf("routing")>=0);mark("account",invalid.indexOf("account")>=0);}
return invalid;}
function submit(){if(busy)return;var invalid=validate();
if(invalid.length){$("err").textContent="Please check the highlighted fields.";send("submission",{status:"validation",invalid:invalid});height();return;}
$("err").textContent="";busy=true;
var body=type==="card"?{type:"card",card:{number:$("cc").value.replace(/\D/g,""),expiration_date:$("exp").value.trim(),cvc:$("cvv").value.trim()}}
:{type:"ach",ach:{routing_number:$("routing").value.trim(),account_number:$("account").value.trim(),account_type:$("acctype").value,sec_code:$("sec").value}};
fetch(C.tokenPath,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify(body)})
.then(function(r){return r.json();}).then(function(j){busy=false;
if(j.status==="success"){send("submission",j.data);}else{$("err").textContent=j.msg||"Could not save the payment details.";send("submission",{status:"error",msg:j.msg||"error"});}height();})
.catch(function(){busy=false;$("err").textContent="Network error.";send("submission",{status:"error",msg:"network error"});});}
window.addEventListener("message",function(e){if(C.origin!=="*"&&e.origin!==C.origin)return;if(typeof e.data!=="string")return;
var m;try{m=JSON.parse(e.data);}catch(_){return;}if(!m||m.id!==C.id)return;
if(m.event==="submit")submit();else if(m.event==="setExpDate"&&m.data)$("exp").value=m.data.expiration_date||"";else if(m.event==="setError"&&m.data)$("err").textContent=m.data.msg||"";});
document.querySelectorAll("form").forEach(function(f){f.addEventListener("submit",function(e){e.preventDefault();submit();});});
send("onLoad",{});height();
})();
</script></body></html>`;
}
