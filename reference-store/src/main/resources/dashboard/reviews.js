// Receipts held for review: the cart as the store saw it (ambiguous lines marked), with approve,
// adjust (edit the quantities) and void. The money is captured only once staff decide.
import { api, money } from './api.js';

let shown = null;

// Renders into tbody; keeps the rows (and any quantity being edited) while the list is unchanged.
export async function loadReviews(tbody, el, onDecided) {
  const list = await api('/api/reviews');
  const key = list.map((r) => r.session).join(',');
  if (key === shown && tbody.children.length) return;
  shown = key;
  if (!list.length) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 9, class: 'note' }, 'No receipts held for review')));
    return;
  }
  tbody.replaceChildren(...list.map((r) => row(r, el, onDecided)));
}

function row(r, el, onDecided) {
  const inputs = r.lines.map((l) => el('input', { type: 'number', min: '0', max: '999', value: String(l.qty),
    'data-lane': l.lane, class: 'qty', title: l.name }));
  const lines = r.lines.map((l, i) => el('div', { class: l.ambiguous ? 'line ambiguous' : 'line' },
    inputs[i], ' ', l.lane, ' ', l.name, ' ', money(l.amountMinor, r.currency), l.ambiguous ? ' (ambiguous)' : ''));
  const note = el('span', { class: 'note' });
  const decide = async (body) => {
    try {
      const o = await api(`/api/reviews/${r.session}`, { method: 'POST', body: JSON.stringify(body) });
      note.textContent = o.settled ? `${o.decision}: ${o.receipt || 'hold released'}` : `${o.decision}: capture pending`;
      shown = null;
      onDecided();
    } catch (e) {
      note.textContent = 'Failed: ' + e.message;
    }
  };
  const adjusted = () => ({ decision: 'adjust', lines: inputs.map((i) => ({ lane: i.dataset.lane, qty: Number(i.value) })) });
  return el('tr', { 'data-review': r.session },
    el('td', {}, r.session),
    el('td', {}, ...lines),
    el('td', {}, money(r.totalMinor, r.currency)),
    el('td', {}, 'until ' + r.dueAt.slice(11, 16) + ', then ' + r.whenLate),
    el('td', {},
      el('button', { class: 'small approve', onclick: () => decide({ decision: 'approve' }) }, 'Approve'), ' ',
      el('button', { class: 'small adjust', onclick: () => decide(adjusted()) }, 'Adjust'), ' ',
      el('button', { class: 'small void', onclick: () => decide({ decision: 'void' }) }, 'Void'), ' ', note));
}
