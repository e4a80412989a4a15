/** The report's only styling, inlined so the page needs nothing else. */
export const reportCss = `
body{font-family:system-ui,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:24px;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.partition{padding:10px 14px;border-left:4px solid #4c78a8;background:#eef3f9}
.partition.holdout{border-color:#b45309;background:#fff7e6}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;text-align:left}
table.numbers td{text-align:right;font-variant-numeric:tabular-nums}
table.numbers tbody tr:nth-child(odd){background:#f4f4f4}
.summary th{font-weight:600;color:#555}.big{font-size:1.4rem;font-weight:700}
figure{margin:16px 0;overflow-x:auto}
.losses{display:flex;flex-wrap:wrap;gap:10px}
figure.loss{margin:0;text-align:center;font-size:.85rem;width:120px}
figure.loss img{image-rendering:pixelated;background:#000;max-width:112px}
.notes{color:#444;font-size:.92rem;margin:6px 0 0}
.help{color:#666;font-size:.9rem}
`;
