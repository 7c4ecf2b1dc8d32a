// A tiny canvas chart: bars for receipts per minute, a line for revenue (own scale).
export function drawChart(canvas, series) {
  const g = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, pad = 24;
  g.clearRect(0, 0, w, h);
  if (!series || !series.length) return;
  const maxR = Math.max(1, ...series.map((p) => p.receipts));
  const maxM = Math.max(1, ...series.map((p) => p.revenueMinor));
  const step = (w - 2 * pad) / series.length;
  g.fillStyle = '#2f7de1';
  series.forEach((p, i) => {
    const bh = (h - 2 * pad) * p.receipts / maxR;
    g.fillRect(pad + i * step + 2, h - pad - bh, step - 4, bh);
  });
  g.strokeStyle = '#e8912d';
  g.lineWidth = 2;
  g.beginPath();
  series.forEach((p, i) => {
    const x = pad + i * step + step / 2, y = h - pad - (h - 2 * pad) * p.revenueMinor / maxM;
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
  g.fillStyle = '#555';
  g.font = '11px sans-serif';
  g.fillText(String(maxR) + ' receipts/min', pad, 12);
  g.fillText(series[0].minute.slice(11, 16) + ' UTC', pad, h - 6);
  g.fillText(series[series.length - 1].minute.slice(11, 16), w - pad - 30, h - 6);
}
