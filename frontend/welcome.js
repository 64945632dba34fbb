// The welcome and sign-in pages (index.html): what a phone loads first, so plain HTML and this
// small script, not a web app. It does what the apps do at these pages: the chosen language and
// easy read (the same `chorus.prefs` the apps keep), quick exit, read aloud, a sign-out still owed
// paid first, someone already signed in sent home, and signing in, which hands over to the voice
// app through the refresh cookie the server sets. The words are en.json's; other languages come
// from /locales/<code>.json like the apps'.
const API = '/api/v1';
const PREFS = 'chorus.prefs';
const SIGN_OUT_OWED = 'chorus.sign_out_owed';
const RIGHT_TO_LEFT = ['ur', 'ar'];

function stored(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

function store(key, value) {
  try {
    if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
  } catch { /* private browsing: nothing is kept */ }
}

function prefs() {
  try { return JSON.parse(stored(PREFS)) || {}; } catch { return {}; }
}

// The page's own words are English; `words` holds the chosen language's (empty for English).
const english = new Map([...document.querySelectorAll('[data-t]')].map((e) => [e.dataset.t, e.textContent]));

// One page at a time: the other is taken out, so the page has one main part.
document.getElementById(location.pathname === '/sign-in' ? 'welcome' : 'sign-in').remove();
document.querySelector('main').hidden = false;
let words = {};
let code = 'en';

function word(key) {
  return words[key] ?? english.get(key) ?? key;
}

// Puts `chosen` (a language code) on the page: its words (English when they cannot be fetched: a
// page half in one language is worse than one in English), `lang`, and `dir`. Only the latest
// choice is put on: a slow download of an earlier one never overwrites it.
let latest = 0;
async function useLanguage(chosen) {
  const asked = ++latest;
  let [chosenWords, chosenCode] = [{}, 'en'];
  if (chosen && chosen !== 'en') {
    try {
      const response = await fetch(`/locales/${chosen}.json`);
      if (response.ok) [chosenWords, chosenCode] = [await response.json(), chosen];
    } catch { /* offline: English */ }
  }
  if (asked !== latest) return;
  [words, code] = [chosenWords, chosenCode];
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = word(e.dataset.t);
  for (const e of document.querySelectorAll('[data-t-label]')) e.setAttribute('aria-label', word(e.dataset.tLabel));
  const root = document.documentElement;
  root.lang = code;
  root.dir = RIGHT_TO_LEFT.includes(code) ? 'rtl' : 'ltr';
  for (const b of document.querySelectorAll('button.language')) b.setAttribute('aria-pressed', String(b.lang === code));
}

for (const button of document.querySelectorAll('button.language')) {
  button.addEventListener('click', () => {
    store(PREFS, JSON.stringify({ ...prefs(), language: button.lang }));
    useLanguage(button.lang);
  });
}

// Signed in on this page (just now): quick exit must end it too.
let signedIn = false;

document.getElementById('quick-exit').addEventListener('click', () => {
  if (signedIn) {
    // The page is gone this instant, so the sign-out is owed until the next start settles it.
    store(SIGN_OUT_OWED, '1');
    navigator.sendBeacon(`${API}/auth/sign-out`);
  }
  location.replace('about:blank');
});

// The browser's own speech (nothing leaves the phone), in the page's language when it has a voice.
document.getElementById('read-aloud').addEventListener('click', () => {
  const synth = window.speechSynthesis;
  if (!synth) return;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(document.querySelector('main').innerText);
  utterance.lang = code;
  utterance.rate = 0.9;
  const voice = synth.getVoices().find((v) => v.lang.startsWith(code));
  if (voice) utterance.voice = voice;
  synth.speak(utterance);
});

// English words for a refusal (the page carries only its own), fetched when first needed.
let allEnglish;
async function englishWords() {
  if (!allEnglish) {
    try { allEnglish = await (await fetch('/locales/en.json')).json(); } catch { return {}; }
  }
  return allEnglish;
}

// Words for a refused request, as the apps choose them (i18n::error_text): the reason's, else the
// server's message for a refused field, else the error code's, else the server's message.
async function refusal(response) {
  let error = {};
  try { error = await response.json(); } catch { /* no body: the code's words */ }
  const all = { ...(await englishWords()), ...words };
  return all[`reason.${error.reason}`] ?? all[`error.${error.reason}`]
    ?? (error.error === 'invalid_input' ? error.message : undefined)
    ?? all[`error.${error.error}`] ?? error.message ?? word('common.offline');
}

const form = document.getElementById('sign-in-form');
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const failure = document.getElementById('failure');
  const submit = form.querySelector('button[type=submit]');
  failure.hidden = true;
  submit.disabled = true;
  let text;
  try {
    const response = await fetch(`${API}/auth/young-person/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sign_in_name: document.getElementById('who').value,
        pin: document.getElementById('secret').value,
      }),
    });
    if (response.ok) {
      // Stays disabled while the voice app loads: a second tap would sign in twice.
      signedIn = true;
      location.assign('/home');
      return;
    }
    text = await refusal(response);
  } catch {
    text = word('common.offline');
  }
  submit.disabled = false;
  failure.hidden = false;
  failure.textContent = text;
});

// Whoever is still signed in on this phone goes home (staff to the staff door, which sends them
// on); a sign-out still owed is paid first, and then nobody is signed in.
async function settle() {
  try {
    if (stored(SIGN_OUT_OWED)) {
      await fetch(`${API}/auth/sign-out`, { method: 'POST' });
      store(SIGN_OUT_OWED, null);
      return;
    }
    const response = await fetch(`${API}/auth/refresh`, { method: 'POST' });
    if (response.status === 200) {
      const session = await response.json();
      location.replace(session.me.role === 'young_person' ? '/home' : '/staff');
    }
  } catch { /* offline: stay on this page */ }
}

const chosen = prefs();
document.documentElement.className = chosen.easy_read ? 'easy-read' : '';
useLanguage(chosen.language);
settle();
navigator.serviceWorker?.register('/sw.js');
