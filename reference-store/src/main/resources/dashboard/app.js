// The store dashboard: plain ES modules, live by server-sent events, no build step.
import { api, token, setToken, money, ApiError } from './api.js';
import { drawChart } from './chart.js';
import { loadReviews } from './reviews.js';

const $ = (s) => document.querySelector(s);
let currency = 'EUR';
let pending = null;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function rows(tbody, list, render, empty) {
  const t = $(tbody);
  t.replaceChildren(...(list.length ? list.map(render)
    : [el('tr', {}, el('td', { colspan: 9, class: 'note' }, empty))]));
}

async function section(name, fn) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      document.querySelectorAll(`[data-needs="${name}"]`).forEach((n) => n.remove());
      const note = el('p', { class: 'note', 'data-needs': name }, `Your token's role cannot see ${name}.`);
      const host = { audit: '#audit', dsr: '#dsr', receipts: '#receipts', reviews: '#reviews' }[name];
      if (host) $(host).before(note);
    } else if (e instanceof ApiError && e.status === 401) {
      $('#token-form').hidden = false;
    } else {
      console.warn(name, e);
    }
  }
}

async function loadStatus() {
  const s = await api('/api/status');
  $('#store-name').textContent = s.name;
  $('#store-kind').textContent = `${s.kind} · ${s.store} · ${s.region}/${s.privacyRegime} · ${s.database}`;
  currency = s.currency;
}

async function loadKpis() {
  const k = await api('/api/kpis');
  const tiles = [
    ['receipts', 'Receipts', k.receipts],
    ['captured', 'Captured', k.capturedMinor == null ? '\u2014' : money(k.capturedMinor, k.currency)],
    ['basket', 'Basket size', k.basketSize.toFixed(2)],
    ['conversion', 'Conversion', pct(k.conversion)],
    ['checkout', 'Checkout time', k.checkoutSeconds.toFixed(1) + ' s'],
    ['stockout', 'Stock-out rate', pct(k.stockOutRate)],
    ['shrink', 'Shrink rate', pct(k.shrinkRate)],
    ['uptime', 'Device uptime', pct(k.deviceUptime)],
    ['review', 'Review rate', pct(k.reviewRate)],
  ];
  $('#kpis').replaceChildren(...tiles.map(([id, label, v]) =>
    el('div', { class: 'tile', id: 'kpi-' + id }, el('span', { class: 'v' }, v), el('span', {}, label))));
  drawChart($('#chart'), k.perMinute);
}

const pct = (x) => (x * 100).toFixed(1) + ' %';

async function loadPlan() {
  const p = await api('/api/plan');
  $('#people').textContent = `${p.peopleInStore} in store`;
  const at = {};
  for (const c of p.carts) (at[c.at] ||= []).push(c);
  const shelves = p.shelves.map((s) => {
    const lanes = s.lanes.map((l) => {
      // one source per figure: the badge, bar and colour are the ledger's count (as the stock
      // table and the stock-out rate); the shelf's live count shows, labelled, only when it differs
      const cls = l.onHand <= 0 ? 'lane empty' : l.onHand < l.min ? 'lane low' : 'lane';
      const fill = Math.max(0, Math.min(100, Math.round(100 * l.onHand / l.capacity)));
      const differs = l.onShelf !== l.onHand;
      return el('div', { class: cls + (differs ? ' differs' : ''), 'data-lane': l.id,
        title: `${l.name}: ${l.onHand} in stock (ledger), ${l.onShelf} counted on the shelf, minimum ${l.min}` },
        el('b', {}, l.id), el('span', { class: 'pname' }, l.name,
          ...(differs ? [' ', el('span', { class: 'shelf-count' }, 'shelf ' + l.onShelf)] : [])),
        el('span', { class: 'bar' }, el('i', { style: `width:${fill}%` })),
        el('span', { class: 'qty', title: 'in stock (ledger) / capacity' }, l.onHand + '/' + l.capacity));
    });
    const shoppers = (at[s.id] || []).map((c) => el('span', { class: 'shopper' + (c.review ? ' review' : ''), title: c.session }, c.items));
    return el('div', { class: 'shelf', 'data-shelf': s.id }, el('h4', {}, 'Shelf ' + s.id, ...shoppers), ...lanes);
  });
  const special = ['entry', 'exit', 'kiosk'].map((w) => (at[w] || []).length
    ? el('div', { class: 'zone' }, w + ': ', ...(at[w]).map((c) => el('span', { class: 'shopper', title: c.session }, c.items))) : null)
    .filter(Boolean);
  $('#plan').replaceChildren(...shelves, ...special);
  rows('#carts tbody', p.carts, (c) => el('tr', {}, el('td', {}, c.session), el('td', {}, c.at), el('td', {}, c.items),
    el('td', {}, money(c.totalMinor, currency)), el('td', {}, c.review ? 'review' : '')), 'No open carts');
}

async function loadReceipts() {
  const list = await api('/api/receipts?limit=15');
  rows('#receipts tbody', list, (r) => el('tr', { 'data-receipt': r.receipt },
    el('td', {}, el('a', { href: '#', onclick: (e) => { e.preventDefault(); openReceipt(r.receipt); } }, r.receipt)),
    el('td', {}, r.lines.reduce((n, l) => n + l.qty, 0)),
    el('td', {}, money(r.total.minor, r.total.currency)),
    el('td', {}, r.card || ''),
    el('td', {}, el('button', { class: 'small', onclick: () => askRefund(r) }, 'Refund'))), 'No receipts yet');
}

async function openReceipt(id) {
  const r = await fetch(`/api/receipts/${id}/html`, { headers: { Authorization: 'Bearer ' + token() } });
  const w = window.open('', '_blank');
  if (w) { w.document.write(await r.text()); w.document.close(); }
}

function askRefund(r) {
  $('#refund-receipt').textContent = r.receipt;
  $('#refund-amount').max = r.total.minor;
  $('#refund-amount').value = r.total.minor;
  $('#refund-reason').value = '';
  const d = $('#refund-dialog');
  d.returnValue = '';
  d.onclose = async () => {
    if (d.returnValue !== 'ok') return;
    try {
      await api('/api/refunds', { method: 'POST', body: JSON.stringify({
        receipt: r.receipt, amountMinor: Number($('#refund-amount').value), reason: $('#refund-reason').value }) });
    } catch (e) { alert('Refund failed: ' + e.message); }
    refresh();
  };
  d.showModal();
}

// The remote override for an exit gate that did not open after a settled exit: one
// exit_gate_failed alert per session (its subject); the result is kept across live refreshes.
const gateResults = {};

function exitGateSession(a) {
  return a.kind === 'exit_gate_failed' ? a.subject : null;
}

function exitGateControl(sid) {
  const out = el('span', { class: 'note gate-result' }, gateResults[sid] || '');
  const b = el('button', { class: 'small gate-override', 'data-session': sid, onclick: async () => {
    b.disabled = true;
    try {
      const r = await api(`/api/sessions/${encodeURIComponent(sid)}/exit-gate`, { method: 'POST' });
      gateResults[sid] = r.opened ? 'gate opened' : 'gate still not answering: ' + r.reason;
    } catch (e) { gateResults[sid] = 'override refused: ' + e.message; }
    out.textContent = gateResults[sid];
    b.disabled = false;
    refresh();
  } }, 'Open exit gate');
  return el('span', {}, ' ', b, ' ', out);
}

async function loadAlerts() {
  const list = await api('/api/alerts');
  const ul = $('#alerts');
  ul.replaceChildren(...(list.length ? list.map((a) => {
    const sid = exitGateSession(a);
    return el('li', { class: 'alert ' + a.kind },
      el('b', {}, a.kind.replaceAll('_', ' ')), ' ', a.subject, ': ', a.message,
      ...(sid ? [exitGateControl(sid)] : []));
  })
    : [el('li', { class: 'note' }, 'No open alerts')]));
  const opened = Object.entries(gateResults).filter(([, v]) => v === 'gate opened');
  $('#gate-log').textContent = opened.length ? 'Exit gate opened remotely for ' + opened.map(([k]) => k).join(', ') : '';
}

async function loadDevices() {
  const list = await api('/api/devices');
  rows('#devices tbody', list, (d) => el('tr', { class: d.online ? '' : 'offline' }, el('td', {}, d.id), el('td', {}, d.type),
    el('td', {}, d.online ? 'online' : 'OFFLINE'), el('td', {}, pct(d.uptime))), 'No devices');
}

async function loadStock() {
  const orders = await api('/api/replenishment');
  rows('#orders tbody', orders, (o) => el('tr', {}, el('td', {}, o.laneId), el('td', {}, o.name), el('td', {}, o.onHand),
    el('td', {}, o.qty + ' from ' + o.supplier), el('td', {}, el('button', { class: 'small', onclick: () => restock(o) }, 'Restocked'))),
  'Every lane is above its minimum');
  const stock = await api('/api/stock?limit=1');
  rows('#shrink tbody', stock.shrinkByLaneHour.slice(-12), (s) => el('tr', {}, el('td', {}, s.hourStart.slice(0, 13) + 'h'),
    el('td', {}, s.lane), el('td', {}, s.units)), 'No shrink recorded');
}

async function restock(o) {
  await api(`/api/stock/${o.laneId}/restock`, { method: 'POST', body: JSON.stringify({ qty: o.qty }) });
  refresh();
}

let verified = null;

async function loadAudit() {
  const skip = $('#audit-checks').checked ? '' : '&skip=access.check,auth.token';
  const list = await api('/api/audit?limit=25' + skip);
  rows('#audit tbody', list, (a) => el('tr', { class: a.outcome === 'FAILURE' ? 'failure' : '' },
    el('td', {}, a.seq), el('td', {}, new Date(a.atMs).toISOString().slice(11, 19)),
    el('td', {}, a.actor), el('td', {}, a.action), el('td', {}, a.outcome.toLowerCase()),
    el('td', {}, a.origin), el('td', {}, a.target), el('td', {}, a.detail)), 'Empty');
  // verifying reads the whole log: at most once a minute; the checkpoint is cheap
  if (!verified || Date.now() - verified.at > 60000) {
    verified = { at: Date.now(), v: await api('/api/audit/verify') };
  }
  const v = verified.v;
  const cp = await api('/api/audit/checkpoint');
  // two figures from two moments, each labelled with its own: the chain check (at most once a
  // minute) and the newest signed checkpoint (the log has grown since either)
  const at = (ms) => new Date(ms).toISOString().slice(11, 19);
  $('#audit-state').textContent = (v.ok
    ? `Chain verified at ${at(verified.at)}: the first ${v.entries} entries are intact`
    : `Chain BROKEN at entry ${v.firstBadEntry} (checked ${at(verified.at)}): ${v.reason}`)
    + (cp.size ? ` · newest signed checkpoint covers the first ${cp.size} entries (signed ${at(cp.signedMs)} by ${cp.keyName}, root ${cp.root.slice(0, 12)}…)` : ' · no checkpoint signed yet');
}

function dsrResult(r) {
  const steps = (r.steps || []).map((s) => `${s.store} ${s.done ? s.records : 'failed: ' + s.error}`).join(', ');
  const found = r.result ? ' · found ' + Object.entries(r.result).map(([k, v]) => `${k} ${v.length}`).join(', ') : '';
  const proof = r.proof ? ' · proof ' + r.proof.slice(r.proof.lastIndexOf(' ') + 1, r.proof.lastIndexOf(' ') + 13) + '…' : '';
  return `${r.dsr} ${r.kind} ${r.state}: ${steps}${found}${proof}`;
}

async function loadDsr() {
  const list = await api('/api/dsr');
  rows('#dsr tbody', list, (d) => el('tr', {}, el('td', {}, d.dsr), el('td', {}, d.subject), el('td', {}, d.kind),
    el('td', {}, d.state), el('td', {}, (d.steps || []).map((s) => `${s.store}:${s.done ? s.records : '✗'}`).join(' ')),
    el('td', {}, d.state === 'PARTIAL'
      ? el('button', { onclick: async () => { $('#dsr-result').textContent = dsrResult(await api(`/api/dsr/${d.dsr}/resume`, { method: 'POST' })); refresh(); } }, 'Resume')
      : (d.kind === 'access' || d.kind === 'export') && d.state === 'COMPLETED'
        ? el('a', { href: '#', onclick: (e) => { e.preventDefault(); exportDsr(d.dsr); } }, 'Export') : '')),
  'No requests');
  const r = await api('/api/privacy/retention');
  $('#retention').textContent = r.ranAt ? `Retention ${r.ranAt.slice(0, 19)}: ${r.deleted} deleted, ${r.held} held, `
    + `${r.unmanaged} unmanaged, ${r.failures.length} failures` : 'Retention has not run yet';
}

async function exportDsr(id) {
  try {
    const body = await api(`/api/dsr/${id}/export`);
    const a = el('a', { href: URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' })), download: `${id}.json` });
    a.click();
  } catch (err) {
    $('#dsr-result').textContent = 'Export failed: ' + err.message;
  }
}

function refresh() {
  if (pending) return;
  pending = setTimeout(async () => {
    pending = null;
    await Promise.all([
      section('plan', loadPlan), section('kpis', loadKpis), section('receipts', loadReceipts),
      section('alerts', loadAlerts), section('devices', loadDevices), section('stock', loadStock),
      section('audit', loadAudit), section('dsr', loadDsr),
      section('reviews', () => loadReviews($('#reviews tbody'), el, refresh))]);
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
  }, 250);
}

function live() {
  const es = new EventSource('/api/events?access_token=' + encodeURIComponent(token()));
  es.onopen = () => { $('#live').textContent = 'live'; $('#live').className = 'live on'; };
  es.onerror = () => { $('#live').textContent = 'reconnecting…'; $('#live').className = 'live off'; };
  for (const t of ['receipt', 'cart', 'shelf', 'alert', 'session', 'restock', 'refund', 'presence', 'stock', 'door', 'review']) {
    es.addEventListener(t, refresh);
  }
}

$('#token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  setToken($('#token-input').value);
  $('#token-form').hidden = true;
  start();
});

$('#dsr-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const kind = $('#dsr-kind').value;
    const req = { shopper: $('#dsr-shopper').value.trim(), kind };
    if (kind === 'rectify') {
      for (const f of ['store', 'record', 'field', 'value']) req[f] = $('#dsr-' + f).value.trim();
    } else if (kind === 'object') {
      req.purpose = $('#dsr-purpose').value.trim();
    }
    const r = await api('/api/dsr', { method: 'POST', body: JSON.stringify(req) });
    $('#dsr-result').textContent = dsrResult(r);
  } catch (err) {
    $('#dsr-result').textContent = 'Request failed: ' + err.message;
  }
  refresh();
});

$('#dsr-kind').addEventListener('change', () => {
  $('#dsr-rectify').hidden = $('#dsr-kind').value !== 'rectify';
  $('#dsr-purpose').hidden = $('#dsr-kind').value !== 'object';
});

$('#audit-checks').addEventListener('change', refresh);

async function start() {
  if (!token()) { $('#token-form').hidden = false; return; }
  await section('status', loadStatus);
  refresh();
  live();
  setInterval(refresh, 5000);
}

start();
