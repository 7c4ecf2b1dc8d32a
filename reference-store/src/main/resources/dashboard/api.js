// A small client of the store's REST API: the token comes from the URL fragment (#token=...) or
// the token form, is kept in sessionStorage, and goes in the Authorization header.
const KEY = 'ambient.token';

export function token() {
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    sessionStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem(KEY);
}

export function setToken(t) {
  sessionStorage.setItem(KEY, t);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
  }
}

export async function api(path, options = {}) {
  const headers = { 'Authorization': 'Bearer ' + token() };
  if (options.body) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { ...options, headers });
  const text = await r.text();
  const body = text ? JSON.parse(text) : null;
  if (!r.ok) throw new ApiError(r.status, body || {});
  return body;
}

export function money(minor, currency) {
  return (minor / 100).toLocaleString(undefined, { style: 'currency', currency: currency || 'EUR' });
}
