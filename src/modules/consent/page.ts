// The consent page at /toestemming: a parent (or a student from 16) opens the link from the
// e-mail, sees their children and the channels the school asks about, and chooses "ja" or "nee"
// per child, channel and kind. The token stays in the URL fragment (never sent to the server in
// a request line or Referer): the script reads it and sends it in the body. Dutch first, with an
// English switch. Plain browser JavaScript, styles shared with the start page (/app.css).

export const CONSENT_PAGE_HTML = `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Toestemming foto's, film en geluid – Postwijzer</title>
<link rel="stylesheet" href="/app.css">
<link rel="stylesheet" href="/toestemming.css">
<script src="/toestemming.js" defer></script>
</head>
<body>
<header><p class="brand">Postwijzer</p></header>
<main>
<p class="lang"><button type="button" id="lang" class="secondary" lang="en">English</button></p>
<h1 id="title">Toestemming voor foto's, film en geluid</h1>
<noscript><p>Deze pagina heeft JavaScript nodig. / This page needs JavaScript.</p></noscript>
<div id="status" role="status" aria-live="polite"></div>
<form id="consent-form" hidden novalidate>
<p id="intro"></p>
<div id="children"></div>
<div class="actions"><button type="submit" id="save">Keuze opslaan</button></div>
</form>
</main>
</body>
</html>`;

// The yes/no choices look like those of the web app's consent page (/mijn-toestemmingen): the
// same palette, bordered buttons of 44 px, green for "ja" and red for "nee" once chosen.
export const CONSENT_PAGE_CSS = `.lang{display:flex;justify-content:flex-end;margin:.75rem 0 0}
.child{border:2px solid #d6d6de;border-radius:.75rem;padding:.5rem 1rem 1rem;margin:1rem 0}
.child h2{font-size:1.2rem;margin:.5rem 0}
.row{display:grid;grid-template-columns:minmax(0,1fr) auto;align-items:center;gap:.25rem 1rem;border-top:1px solid #e4e4ea;padding:.4rem 0}
.row legend{float:left;font-weight:600;margin:0}
.row .choices{gap:.5rem}
.row .choices label{min-height:44px;min-width:4.5rem;padding:.3rem .7rem;border:2px solid var(--border);border-radius:.5rem;font-weight:600;cursor:pointer;background:#fff}
.row .choices label:has(input[value=granted]:checked){border-color:#0f4a24;background:#e7f5ec;color:#0f4a24}
.row .choices label:has(input[value=refused]:checked){border-color:#7a1712;background:#fdecec;color:#7a1712}
.row .choices label:has(input:focus-visible){outline:3px solid #c2410c;outline-offset:2px}
.row input[type=radio]{accent-color:var(--fg)}
#status.ok{color:#0f4a24;font-weight:600;background:#e7f5ec;border-left:6px solid #0f4a24;padding:.5rem 1rem;border-radius:.25rem}
#status.error{color:#7a1712;font-weight:600;background:#fdecec;border-left:6px solid #7a1712;padding:.5rem 1rem;border-radius:.25rem}`;

export const CONSENT_PAGE_JS = `(() => {
  'use strict';
  const T = {
    nl: {
      title: "Toestemming voor foto's, film en geluid", lang: 'English', save: 'Keuze opslaan', yes: 'Ja', no: 'Nee',
      intro: (s, y) => s + ' vraagt uw toestemming voor schooljaar ' + y + '. Kies per kanaal wat wel en niet mag. U kunt dit later altijd veranderen.',
      introSelf: (s, y) => s + ' vraagt je toestemming voor schooljaar ' + y + '. Kies per kanaal wat wel en niet mag. Je kunt dit later altijd veranderen.',
      loading: 'Even geduld…', saved: 'Dank u wel: uw keuze is opgeslagen.', noToken: 'Deze link is niet compleet. Open de link uit de e-mail van school opnieuw.',
      group: 'groep', failed: 'Opslaan is niet gelukt. Probeer het opnieuw.',
      invalidLink: 'Deze link is onbekend of niet meer geldig. Gebruik de nieuwste e-mail van school, of vraag de school om een nieuwe link.',
      channels: { school_social_media: 'Sociale media van de school', school_website: 'Website van de school', newsletter: 'Nieuwsbrief', personal_social_media: 'Sociale media van medewerkers' },
      media: { photo: "Foto's", video: 'Film', audio: 'Geluid' },
    },
    en: {
      title: 'Consent for photos, film and sound', lang: 'Nederlands', save: 'Save my choice', yes: 'Yes', no: 'No',
      intro: (s, y) => s + ' asks for your consent for the ' + y + ' school year. Choose per channel what may and may not be used. You can change this at any time.',
      introSelf: (s, y) => s + ' asks for your consent for the ' + y + ' school year. Choose per channel what may and may not be used. You can change this at any time.',
      loading: 'One moment…', saved: 'Thank you: your choice has been saved.', noToken: 'This link is incomplete. Open the link from the school’s e-mail again.',
      group: 'group', failed: 'Saving did not work. Please try again.',
      invalidLink: 'This link is unknown or no longer valid. Use the newest e-mail from the school, or ask the school for a new link.',
      channels: { school_social_media: "The school's social media", school_website: "The school's website", newsletter: 'Newsletter', personal_social_media: "Staff's social media" },
      media: { photo: 'Photos', video: 'Film', audio: 'Sound' },
    },
  };
  let lang = 'nl';
  let view = null;
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const status = (text, kind) => { const s = $('status'); s.textContent = text; s.className = kind || ''; };
  const el = (tag, props, ...kids) => { const e = document.createElement(tag); Object.assign(e, props || {}); for (const k of kids) e.append(k); return e; };
  const current = (child, channel, media) => (child.choices.find((c) => c.channel === channel && c.media === media) || {}).status;

  function render() {
    const t = T[lang];
    document.documentElement.lang = lang;
    $('title').textContent = t.title;
    $('lang').textContent = t.lang;
    $('lang').lang = lang === 'nl' ? 'en' : 'nl';
    $('save').textContent = t.save;
    if (!view) return;
    $('intro').textContent = (view.self ? t.introSelf : t.intro)(view.school, view.schoolYear);
    const box = $('children');
    const kept = new Map([...box.querySelectorAll('input:checked')].map((i) => [i.name, i.value]));
    box.replaceChildren();
    view.children.forEach((child, ci) => {
      const sec = el('section', { className: 'child' });
      sec.append(el('h2', { textContent: child.name + (child.group ? ' (' + t.group + ' ' + child.group + ')' : '') }));
      for (const channel of view.channels) {
        for (const media of view.media) {
          const name = 'c' + ci + '-' + channel + '-' + media;
          const label = (t.channels[channel] || channel) + ': ' + t.media[media];
          const fs = el('fieldset', { className: 'row' }, el('legend', { textContent: label }));
          const choices = el('div', { className: 'choices' });
          const was = kept.get(name) || (current(child, channel, media) === 'granted' ? 'granted' : current(child, channel, media) ? 'refused' : '');
          for (const [value, text] of [['granted', t.yes], ['refused', t.no]]) {
            const input = el('input', { type: 'radio', name, value, checked: was === value });
            input.dataset.person = child.id; input.dataset.channel = channel; input.dataset.media = media;
            choices.append(el('label', {}, input, text));
          }
          fs.append(choices);
          sec.append(fs);
        }
      }
      box.append(sec);
    });
  }

  async function post(url, body) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error === 'invalid_link' ? T[lang].invalidLink : T[lang].failed);
    return json;
  }

  // A new link pasted into the same tab changes only the fragment: start again with it.
  window.addEventListener('hashchange', () => location.reload());
  $('lang').addEventListener('click', () => { lang = lang === 'nl' ? 'en' : 'nl'; render(); });
  $('consent-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const choices = [...document.querySelectorAll('#children input:checked')].map((i) => {
      const child = view.children.find((c) => c.id === i.dataset.person);
      const before = current(child, i.dataset.channel, i.dataset.media);
      // "Nee" after an earlier "ja" withdraws the consent; otherwise it is a refusal.
      const status = i.value === 'granted' ? 'granted' : before === 'granted' ? 'revoked' : 'refused';
      return { personId: i.dataset.person, channel: i.dataset.channel, media: i.dataset.media, status };
    }).filter((c) => current(view.children.find((x) => x.id === c.personId), c.channel, c.media) !== c.status && !(c.status === 'refused' && current(view.children.find((x) => x.id === c.personId), c.channel, c.media) === 'revoked'));
    try {
      if (choices.length) await post('/api/v1/consent-link/answer', { token, choices });
      view = await post('/api/v1/consent-link/view', { token });
      render();
      status(T[lang].saved, 'ok');
    } catch (err) { status(err.message, 'error'); }
  });

  (async () => {
    render();
    if (!token) { status(T[lang].noToken, 'error'); return; }
    status(T[lang].loading);
    try {
      view = await post('/api/v1/consent-link/view', { token });
      status('');
      $('consent-form').hidden = false;
      render();
    } catch (err) { status(err.message, 'error'); }
  })();
})();`;
