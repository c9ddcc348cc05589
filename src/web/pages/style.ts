/**
 * The one style sheet, inline (no build step, no request). Phone first: everything flows in one column,
 * sizes are in rem so 200 % text grows the layout instead of clipping it, long ids wrap, and a list
 * table turns into one card per row below 37.5em (≈ 600 px at the default text size). Colours meet
 * WCAG AA contrast (checked by axe-core in the browser tests).
 */
export const css = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#1a1a1a;background:#f3f4f6;overflow-wrap:anywhere}
a{color:#0a58a8}
.skip{position:absolute;left:-999rem}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.4rem;z-index:9}
header{background:#8f1a1a;color:#fff;padding:.5rem .9rem}
header a,header .who{color:#fff}
header .site{font-weight:700;display:block}
header nav ul{list-style:none;margin:.35rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.15rem 1rem}
header nav a{display:inline-block;padding:.25rem 0}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:.15em}
.who{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:center;margin-top:.35rem;font-size:.95rem}
.who form{margin:0}
.who button,.who a{background:none;border:1px solid #ffffffb0;color:#fff;padding:.15rem .6rem;margin:0;min-height:0;border-radius:4px;font-size:.95rem;text-decoration:none}
main{max-width:66rem;margin:0 auto;padding:.8rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.12rem;margin:.1rem 0 .6rem}
h3{font-size:1rem;margin:.6rem 0 .3rem}
section,.card{background:#fff;border-radius:6px;padding:.8rem;margin:0 0 1rem;box-shadow:0 1px 2px #0002}
.cols{display:grid;gap:0 1rem;grid-template-columns:minmax(0,1fr)}
.cols>*{min-width:0}
@media (min-width:56em){.cols{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}.cols .side{order:2}}
.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fit,minmax(min(12rem,100%),1fr))}
.filters label{margin-top:.2rem}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:0 0 .8rem}
.toolbar .muted{margin:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .45rem;border-bottom:1px solid #dedede;vertical-align:top}
th{font-weight:600;color:#333}
.scroll{overflow-x:auto;max-width:100%;position:relative}
.scroll:focus{outline:2px solid #0a58a8}
.scroll table{width:max-content;min-width:100%}
@media (max-width:37.5em){
  table.list thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
  table.list,table.list tbody{display:block;width:100%}
  table.list tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:.15rem .7rem;border:1px solid #d5d5d5;border-radius:6px;margin:0 0 .6rem;padding:.45rem .6rem}
  table.list td{display:block;border:0;padding:0;max-width:100%;position:relative}
  table.list td.title{flex:1 0 100%;font-size:1.05rem;font-weight:600}
  table.list td.wide{flex:1 0 100%}
  table.list td[data-label]:not(.title)::before{content:attr(data-label) "：";position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
}
label,.label{display:block;margin:.8rem 0 .2rem;font-weight:600}
.hint{display:block;color:#555;font-size:.92rem;font-weight:400;margin:.1rem 0 .2rem}
input,select,textarea{width:100%;max-width:36rem;font:inherit;padding:.55rem;border:1px solid #8a8a8a;border-radius:4px;background:#fff;color:#1a1a1a}
input[type=radio],input[type=checkbox]{width:auto;margin:0 .4rem 0 0}
[aria-invalid=true]{border:2px solid #b3261e}
.field-err{color:#a1231b;font-weight:600;margin:.25rem 0 0}
fieldset{border:0;padding:0;margin:.8rem 0 0;min-width:0}
legend{font-weight:600;padding:0}
.choice{display:inline-flex;align-items:center;font-weight:400;margin:.35rem 1.2rem .35rem 0}
button,.button{display:inline-block;font:inherit;padding:.65rem 1.1rem;border:0;border-radius:4px;background:#8f1a1a;color:#fff;margin-top:.8rem;min-height:2.75rem;cursor:pointer;text-decoration:none;text-align:center}
.button.secondary,button.secondary{background:#fff;color:#8f1a1a;border:1px solid #8f1a1a}
.chips{display:flex;flex-wrap:wrap;gap:.5rem;margin:.3rem 0 .2rem}
.chips button{margin:0;background:#fff;color:#1a1a1a;border:1px solid #8a8a8a;border-radius:1.4rem;padding:.45rem .95rem;min-height:2.75rem}
.msg{padding:.6rem .8rem;border-radius:4px;background:#e4f3e4;border:1px solid #7ab27a;margin:0 0 1rem}
.msg.err{background:#fde8e8;border-color:#d27a7a}
.msg.warn{background:#fff4d6;border-color:#d9b44a}
.st,.sev{display:inline-block;padding:0 .45rem;border-radius:3px;font-size:.92rem;line-height:1.6;white-space:nowrap}
.st-up,.st-on-time,.st-resolved,.st-cleared,.st-ok{background:#d9f0d9;color:#14451a}
.st-degraded,.st-due,.st-late,.st-acknowledged,.st-vendor-contacted,.st-pending{background:#ffefc2;color:#4d3a00}
.st-down,.st-overdue,.st-missed,.st-open,.st-failed{background:#f9d3d3;color:#6b1212}
.st-off-scheduled,.st-unknown{background:#e4e4e4;color:#333}
.sev-critical{background:#b3261e;color:#fff}
.sev-warning{background:#f3c24b;color:#2b2100}
.sev-info{background:#dbe6f7;color:#13305c}
.muted{color:#555;font-size:.92rem}
.big{font-size:1.1rem}
dl.facts{margin:0}
dl.facts>div{display:flex;flex-wrap:wrap;gap:0 .8rem;padding:.15rem 0}
dl.facts dt{color:#555;flex:0 0 7em}
dl.facts dd{margin:0;flex:1 1 12em;min-width:0}
ul.plain{list-style:none;padding:0;margin:0}
ul.plain>li{padding:.35rem 0;border-bottom:1px solid #eee}
ul.plain>li:last-child{border-bottom:0}
ol.timeline{padding-left:1.3rem;margin:0}
ol.timeline li{margin:0 0 .55rem}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .6rem}
meter{width:10rem;max-width:100%;height:1.1rem}
a.tel{display:inline-block;padding:.35rem .7rem;border:1px solid #0a58a8;border-radius:4px;text-decoration:none;margin:.2rem 0}
details summary{cursor:pointer;color:#0a58a8}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
footer{max-width:66rem;margin:0 auto;padding:0 .8rem 1.5rem;color:#555;font-size:.92rem}
@media print{header,nav,footer,.noprint,.who{display:none!important}body{background:#fff}section,.card{box-shadow:none}}
`;
