/** The page's stylesheet, inlined. Patterns and text carry every meaning colour carries. */
export const STYLE = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#5b6470;--line:#c9ced6;--sel:#fff3bf;--bad:#b42318;--badbg:#fde8e7;--msg:#2f5d9e;--font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;--mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 var(--font);color:var(--ink);background:#fff}
header.summary{padding:8px 16px;border-bottom:1px solid var(--line)}
h1{font-size:18px;margin:0 0 6px}
h1 .bad{color:var(--bad)}
p{margin:4px 0}
code,.mono{font-family:var(--mono);font-size:12.5px;overflow-wrap:anywhere}
.facts{display:flex;flex-wrap:wrap;gap:0 18px;color:var(--muted);margin:4px 0;font-size:13px}
.replay{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-top:6px}
.replay code{background:#f3f4f6;padding:3px 6px;border-radius:4px;word-break:break-all}
button{font:inherit;padding:2px 10px;border:1px solid var(--ink);border-radius:4px;background:#fff;cursor:pointer}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;color:var(--muted);font-size:12.5px;margin-top:6px}
.legend svg{vertical-align:middle}
main.split{display:grid;grid-template-columns:minmax(0,1fr) minmax(300px,32%);gap:0;height:calc(100vh - var(--head,150px))}
section.timeline{overflow:auto;position:relative;border-right:1px solid var(--line);outline:none}
section.timeline:focus-visible{outline:2px solid var(--msg);outline-offset:-2px}
.lanes-wrap{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);width:max-content}
aside.diff{overflow:auto;padding:10px 14px}
aside.diff h2{font-size:15px;margin:0 0 4px}
aside.diff ul{margin:4px 0 10px;padding-left:18px}
aside.diff li{font-family:var(--mono);font-size:12.5px;word-break:break-word;margin:1px 0}
aside.diff h3{font-size:13px;margin:10px 0 2px;color:var(--muted)}
.broke{border:2px solid var(--bad);background:var(--badbg);border-left-width:8px;padding:6px 10px;margin:6px 0 10px}
.broke strong{color:var(--bad)}
.hint{color:var(--muted);font-size:12.5px}
svg text{font-family:var(--font);font-size:12.5px;fill:var(--ink)}
.lane-label{font-weight:600}
.gutter-label{fill:var(--muted);font-size:11.5px}
.row .bg{fill:transparent}
.row:nth-child(even of .row) .bg{fill:#f7f8fa}
.row{cursor:pointer}
.row.violation .bg{fill:var(--badbg);stroke:var(--bad);stroke-width:2}
.row.selected .bg{fill:var(--sel);stroke:var(--ink);stroke-width:1.5;stroke-dasharray:4 2}
.row.violation.selected .bg{fill:#f9d3cf;stroke:var(--bad);stroke-width:2.5;stroke-dasharray:none}
.num{font-weight:600;text-anchor:end}
.time{fill:var(--muted);font-size:11.5px}
.what{pointer-events:none}
.violation-mark{fill:var(--bad);font-weight:700}
.cursor{font-size:11px;fill:var(--ink);pointer-events:none}
line.lane{stroke:var(--line);stroke-width:2}
.event{fill:var(--ink)}
.happening{fill:#fff;stroke:var(--ink);stroke-width:1.5}
.note{font-size:11px;font-weight:600;fill:#3d2c8d;paint-order:stroke;stroke:#fff;stroke-width:3px}
.span rect{fill:url(#hatch);stroke:#7a828e;stroke-width:1}
.span.ok rect{fill:#d8f0dc;stroke:#2b7a3d}.span.fail rect{fill:#fff;stroke:var(--bad);stroke-dasharray:4 2}.span.info rect{fill:#fff3bf;stroke:#8a6d00;stroke-dasharray:1 2}
.span.window rect{fill:none;stroke:var(--bad);stroke-width:2.5}
.hatch-bg{fill:#eceef1}.hatch-line{stroke:#9aa1ab;stroke-width:3}
.span-label{font-size:10.5px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
.msg line{stroke:var(--msg);stroke-width:1.4}
.head{fill:var(--msg)}
.msg.lost line{stroke:var(--bad);stroke-dasharray:2 3}
.lost-mark{fill:var(--bad);font-size:16px;font-weight:700}
.msg.pending line{stroke:#7a828e;stroke-dasharray:1 4;stroke-width:2}
.msg.dup line{stroke-dasharray:7 3}
.dup-mark{font-size:10px;fill:var(--msg);font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:3px}
.msg.active line{stroke-width:3}
@media (max-width:760px){
 main.split{grid-template-columns:1fr;grid-template-rows:55vh 45vh;height:100vh}
 section.timeline{border-right:0;border-bottom:2px solid var(--ink)}
 header.summary .legend,header.summary .facts{font-size:12px}
}
@media print{main.split{display:block;height:auto}section.timeline{overflow:visible}}
`;
