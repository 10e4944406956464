/**
 * The page's only script, inlined: selecting a step (click, j/k or the arrow keys, v for the
 * violation) highlights its row and its messages and shows its diff. The page reads without it.
 */
import { ROW_H } from "./svg.ts";

export const SCRIPT = `(() => {
  const rows = [...document.querySelectorAll("#timeline .row")];
  const panels = [...document.querySelectorAll("aside.diff > section")];
  const cursor = document.getElementById("cursor");
  const pane = document.querySelector("section.timeline");
  const violation = rows.findIndex((r) => r.classList.contains("violation"));
  let current = -1;
  function select(i, scroll) {
    if (i < 0 || i >= rows.length || i === current) return;
    if (current >= 0) { rows[current].classList.remove("selected"); rows[current].setAttribute("aria-selected", "false"); panels[current].hidden = true; }
    for (const m of document.querySelectorAll("#timeline .msg.active")) m.classList.remove("active");
    current = i;
    rows[i].classList.add("selected");
    rows[i].setAttribute("aria-selected", "true");
    panels[i].hidden = false;
    for (const m of document.querySelectorAll('#timeline .msg[data-sent="' + i + '"], #timeline .msg[data-ended="' + i + '"]')) m.classList.add("active");
    cursor.setAttribute("y", String(i * ${ROW_H} + 19));
    if (scroll) {
      const top = i * ${ROW_H}, head = 34;
      if (top < pane.scrollTop) pane.scrollTop = top;
      else if (top + ${ROW_H} + head > pane.scrollTop + pane.clientHeight) pane.scrollTop = top + ${ROW_H} + head - pane.clientHeight;
    }
    history.replaceState(null, "", "#step-" + i);
  }
  document.getElementById("timeline").addEventListener("click", (e) => {
    const row = e.target.closest(".row");
    if (row) select(Number(row.dataset.row), false);
  });
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }[e.key];
    if (step) { select(Math.min(rows.length - 1, Math.max(0, current + step)), true); e.preventDefault(); }
    else if (e.key === "v" && violation >= 0) select(violation, true);
    else if (e.key === "Home") { select(0, true); e.preventDefault(); }
    else if (e.key === "End") { select(rows.length - 1, true); e.preventDefault(); }
  });
  const copy = document.getElementById("copy");
  if (copy) copy.addEventListener("click", () => {
    const text = document.getElementById("replay").textContent;
    const done = () => { copy.textContent = "Copied"; setTimeout(() => { copy.textContent = "Copy"; }, 1500); };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => {});
    const range = document.createRange(); range.selectNodeContents(document.getElementById("replay"));
    const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range);
  });
  const head = document.querySelector("header.summary");
  const fit = () => document.documentElement.style.setProperty("--head", head.offsetHeight + "px");
  fit(); addEventListener("resize", fit);
  const hash = /^#step-(\\d+)$/.exec(location.hash);
  const start = hash ? Number(hash[1]) : violation >= 0 ? violation : 0;
  for (const p of panels) p.hidden = true;
  select(start < rows.length ? start : 0, true);
})();`;
