/// The page at `/`: paste copy or drop a file, see each finding highlighted in the text, click
/// one for the law, the penalty, why and what to write instead. Everything is in this one
/// document (no CDN, no external font or script), so it works offline.
enum WebPage {
    static let html = #"""
<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="adlaw serve">
<title>adlaw 廣告文案法規檢查</title>
<style>
:root { --error:#c62828; --warning:#b26a00; --info:#1565c0; --bg:#fafafa; --line:#ddd; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",system-ui,sans-serif; background:var(--bg); color:#222; line-height:1.6; }
header { background:#263238; color:#fff; padding:.8rem 1.2rem; }
header h1 { margin:0; font-size:1.25rem; }
header p { margin:.2rem 0 0; font-size:.9rem; opacity:.85; }
main { max-width:1100px; margin:0 auto; padding:1rem; display:grid; grid-template-columns: 1fr 1fr; gap:1rem; }
@media (max-width: 760px) { main { grid-template-columns: 1fr; } }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1rem; }
label { font-weight:600; display:block; margin:.4rem 0 .2rem; }
textarea { width:100%; min-height:14rem; font:inherit; padding:.6rem; border:1px solid #bbb; border-radius:6px; }
select, button, input[type=file] { font:inherit; }
button { padding:.45rem 1rem; border-radius:6px; border:1px solid #37474f; background:#37474f; color:#fff; cursor:pointer; }
button.secondary { background:#fff; color:#37474f; }
button:focus-visible, textarea:focus-visible, select:focus-visible, .finding:focus-visible, mark:focus-visible { outline:3px solid #ffb300; outline-offset:2px; }
#drop { border:2px dashed #90a4ae; border-radius:8px; padding:1rem; text-align:center; margin:.6rem 0; }
#drop.over { background:#eceff1; }
.row { display:flex; gap:.5rem; flex-wrap:wrap; align-items:center; margin:.6rem 0; }
#verdict { font-size:1.15rem; font-weight:700; padding:.5rem .8rem; border-radius:6px; margin-bottom:.6rem; }
#verdict.publish { background:#e8f5e9; color:#1b5e20; }
#verdict.needs-review { background:#fff8e1; color:#8d5a00; }
#verdict.block { background:#ffebee; color:#b71c1c; }
#shown { white-space:pre-wrap; border:1px solid var(--line); border-radius:6px; padding:.6rem; min-height:3rem; background:#fcfcfc; }
mark { background:none; border-bottom:3px solid; cursor:pointer; padding:0 1px; }
mark.error { border-color:var(--error); background:#ffebee; }
mark.warning { border-color:var(--warning); background:#fff8e1; }
mark.info { border-color:var(--info); background:#e3f2fd; }
mark.active { outline:2px solid #263238; }
ol#findings { padding-left:1.2rem; }
.finding { cursor:pointer; margin:.3rem 0; border-radius:4px; padding:.2rem .3rem; }
.finding.active { background:#eceff1; }
.sev { font-size:.8rem; font-weight:700; padding:0 .35rem; border-radius:4px; color:#fff; }
.sev.error { background:var(--error); } .sev.warning { background:var(--warning); } .sev.info { background:var(--info); }
#detail { border-top:1px solid var(--line); margin-top:.6rem; padding-top:.6rem; }
#detail h3 { margin:.2rem 0; font-size:1.05rem; }
#detail .law { margin:.3rem 0; padding:.3rem .5rem; background:#f5f5f5; border-radius:4px; }
.muted { color:#666; font-size:.9rem; }
#notes li { font-size:.9rem; color:#555; }
</style>
</head>
<body>
<header>
  <h1>adlaw 廣告文案法規檢查</h1>
  <p>貼上文案或放入檔案，逐句指出可能違反的法規、原因與建議寫法。結果僅供參考，正式刊登前請由法務確認。</p>
</header>
<main>
  <section aria-labelledby="input-title">
    <h2 id="input-title" style="margin-top:0;font-size:1.1rem">文案</h2>
    <label for="text">貼上文案</label>
    <textarea id="text" placeholder="例如：每天一杯，預防感冒，讓全家人元氣滿滿。"></textarea>
    <div id="drop" tabindex="0" role="button" aria-label="選擇或拖放檔案">
      或將檔案拖放到這裡（Word、PowerPoint、Excel、PDF、HTML、Markdown、CSV、JSON、純文字）<br>
      <input type="file" id="file" aria-label="選擇檔案">
    </div>
    <label for="sector">商品類別</label>
    <select id="sector"><option value="">自動判斷（依文案內容推斷）</option></select>
    <div class="row">
      <button id="check" type="button">檢查</button>
      <button id="audit" type="button" class="secondary" hidden>下載審閱報告</button>
      <span id="status" class="muted" role="status" aria-live="polite"></span>
    </div>
  </section>
  <section aria-labelledby="result-title">
    <h2 id="result-title" style="margin-top:0;font-size:1.1rem">檢查結果</h2>
    <div id="verdict" role="status" aria-live="polite">尚未檢查</div>
    <p id="sectors" class="muted"></p>
    <div id="shown" aria-label="標示後的文案"></div>
    <ol id="findings" aria-label="發現的問題"></ol>
    <div id="detail" hidden aria-live="polite"></div>
    <ul id="notes"></ul>
  </section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const sevName = { error: "禁止", warning: "需佐證", info: "提醒" };
const sourceName = { option: "您選擇的類別", "front-matter": "文件開頭標示", config: "設定檔", inferred: "依文案推斷", none: "" };
let current = null, uploaded = null, sectorNames = {};

function escapeHTML(s) { return String(s).replace(/[&<>"']/g, c => ({"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;","'":"&#39;"}[c])); }

async function loadSectors() {
  try {
    const sectors = await (await fetch("/v1/sectors")).json();
    sectors.forEach(s => {
      sectorNames[s.id] = s.name;
      const o = document.createElement("option"); o.value = s.id; o.textContent = s.name; $("sector").appendChild(o);
    });
  } catch (e) { /* the selector keeps 自動判斷 */ }
}

function setStatus(text) { $("status").textContent = text; }

async function runCheck() {
  const sector = $("sector").value;
  setStatus("檢查中…");
  let response;
  try {
    if (uploaded) {
      response = await fetch("/v1/check", { method: "POST", body: uploadForm() });
    } else {
      const body = { text: $("text").value, filename: "文案.txt" };
      if (sector) body.sectors = [sector];
      response = await fetch("/v1/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    }
  } catch (e) { setStatus("無法連線到伺服器"); return; }
  const result = await response.json();
  if (!response.ok) { setStatus("無法檢查：" + (result.error || response.status)); return; }
  setStatus("");
  current = result;
  render(result);
}

function render(result) {
  const v = result.verdict;
  const n = result.findings.length;
  const label = v.level === "publish" ? "可刊登" : v.level === "block" ? "不得刊登（" + n + " 處須修改）" : "需修改 " + n + " 處（請法務審閱）";
  $("verdict").className = v.level;
  $("verdict").textContent = label;
  const file = result.files[0];
  if (file) {
    const name = (s) => sectorNames[s] || s;
    const why = file.sectorSource === "inferred"
      ? "（依文案推斷：" + Object.entries(file.inferredFrom || {}).map(([s, w]) => name(s) + "：" + w.join("、")).join("；") + "）"
      : file.sectorSource === "none" ? "（未判斷出商品類別，只檢查適用所有商品的規則；請在上方選擇類別）" : "（" + (sourceName[file.sectorSource] || file.sectorSource) + "）";
    $("sectors").textContent = "商品類別：" + (file.sectors.length ? file.sectors.map(name).join("、") : "無") + why;
  }
  renderText(result);
  const list = $("findings");
  list.innerHTML = "";
  result.findings.forEach((f, i) => {
    const li = document.createElement("li");
    li.className = "finding"; li.tabIndex = 0; li.dataset.index = i;
    const where = f.location && f.location.kind !== "text" ? f.location.description : "第 " + f.line + " 行第 " + f.column + " 字";
    li.innerHTML = '<span class="sev ' + f.severity + '">' + sevName[f.severity] + "</span> 「" + escapeHTML(f.matchedText) + "」 " + escapeHTML(f.ruleName) + ' <span class="muted">' + escapeHTML(where) + "</span>";
    li.addEventListener("click", () => select(i));
    li.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(i); } });
    list.appendChild(li);
  });
  $("notes").innerHTML = (result.diagnostics || []).map(d => "<li>" + escapeHTML(d.message) + "</li>").join("");
  $("detail").hidden = true;
  $("audit").hidden = !uploaded;
}

function renderText(result) {
  const shown = $("shown");
  if (uploaded) { shown.textContent = "（檔案：" + uploaded.name + "；各問題的位置列在下方）"; return; }
  const lines = $("text").value.split("\n").map(l => Array.from(l));
  const marks = [];
  result.findings.forEach((f, i) => marks.push({ i, sl: f.line - 1, sc: f.column - 1, el: f.endLine - 1, ec: f.endColumn - 1, sev: f.severity }));
  let html = "";
  lines.forEach((chars, li) => {
    let col = 0;
    const starts = marks.filter(m => m.sl === li).sort((a, b) => a.sc - b.sc);
    for (const m of starts) {
      if (m.sc < col) continue;
      html += escapeHTML(chars.slice(col, m.sc).join(""));
      const end = m.el === li ? m.ec : chars.length;
      html += '<mark tabindex="0" class="' + m.sev + '" data-index="' + m.i + '">' + escapeHTML(chars.slice(m.sc, end).join("")) + "</mark>";
      col = end;
    }
    html += escapeHTML(chars.slice(col).join("")) + (li < lines.length - 1 ? "\n" : "");
  });
  shown.innerHTML = html;
  shown.querySelectorAll("mark").forEach(m => {
    m.addEventListener("click", () => select(+m.dataset.index));
    m.addEventListener("keydown", e => { if (e.key === "Enter") select(+m.dataset.index); });
  });
}

async function select(i) {
  const f = current.findings[i];
  document.querySelectorAll(".active").forEach(e => e.classList.remove("active"));
  document.querySelectorAll('[data-index="' + i + '"]').forEach(e => e.classList.add("active"));
  const d = $("detail");
  d.hidden = false;
  const laws = f.references.map(r => '<div class="law">' + escapeHTML(r.law + " " + r.article) + (r.penalty ? "<br>罰則：" + escapeHTML(r.penalty) : "") + (r.url ? '<br><a href="' + escapeHTML(r.url) + '" target="_blank" rel="noopener">法規全文</a>' : "") + "</div>").join("");
  d.innerHTML = "<h3>" + escapeHTML(f.ruleName) + ' <span class="sev ' + f.severity + '">' + sevName[f.severity] + "</span></h3><p>" + escapeHTML(f.message) + "</p>" + laws
    + '<p id="rationale" class="muted">說明載入中…</p>'
    + (f.suggestion ? '<p><strong>建議寫法：</strong><span id="suggestion">' + escapeHTML(f.suggestion) + '</span> <button type="button" class="secondary" id="copy">複製建議</button></p>' : "");
  if (f.suggestion) $("copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(f.suggestion); $("copy").textContent = "已複製"; }
    catch (e) { const r = document.createRange(); r.selectNodeContents($("suggestion")); const s = getSelection(); s.removeAllRanges(); s.addRange(r); $("copy").textContent = "已選取，請按 Ctrl+C"; }
  });
  try {
    const rule = await (await fetch("/v1/rules/" + encodeURIComponent(f.ruleId))).json();
    $("rationale").textContent = "為什麼：" + (rule.rationale || "");
  } catch (e) { $("rationale").textContent = ""; }
}

// The uploaded file and the chosen product type as multipart/form-data.
function uploadForm() {
  const form = new FormData();
  form.append("file", uploaded, uploaded.name);
  if ($("sector").value) form.append("sectors", $("sector").value);
  return form;
}

async function downloadAudit() {
  if (!uploaded) return;
  const response = await fetch("/v1/audit", { method: "POST", body: uploadForm() });
  if (!response.ok) { setStatus("無法產生報告"); return; }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement("a"); a.href = url; a.download = "審閱報告.html"; a.click(); URL.revokeObjectURL(url);
}

function useFile(file) { uploaded = file; setStatus("已選擇檔案：" + file.name + "（按「檢查」）"); }
$("file").addEventListener("change", e => { if (e.target.files[0]) useFile(e.target.files[0]); });
$("text").addEventListener("input", () => { uploaded = null; $("file").value = ""; });
const drop = $("drop");
drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files[0]) useFile(e.dataTransfer.files[0]); });
drop.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("file").click(); } });
$("check").addEventListener("click", runCheck);
$("audit").addEventListener("click", downloadAudit);
loadSectors();
</script>
</body>
</html>
"""#
}
