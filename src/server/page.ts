// The demo page at GET /: paste a post, see the verdict and the findings, apply the fixes. Markup,
// styles and script are strings here (not files) so that the esbuild bundle in dist/ carries them.
// The script is plain browser JavaScript without a framework; it talks to the public API only.
import { DEMO_EXAMPLES, DEMO_SCHOOL } from './demo-case.ts';
import { fullName } from '../modules/people/names.ts';

const KIND_NL: Record<string, string> = { student: 'leerling', employee: 'medewerker', guardian: 'ouder', other: 'anders' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Who is in the demo school, so a visitor knows which names to try. */
function rosterList(): string {
  return (DEMO_SCHOOL.roster ?? [])
    .map((p) => {
      const name = fullName(p);
      const extra = p.kind === 'student' && p.group ? `, groep ${p.group}` : p.kind === 'employee' && p.function ? `, ${p.function}` : '';
      return `<li>${escapeHtml(name)} (${KIND_NL[p.kind] ?? p.kind}${escapeHtml(extra)})</li>`;
    })
    .join('');
}

/** The page; `maxTextLength` is the API's limit, so the text field never accepts more. */
export function pageHtml(maxTextLength: number): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postwijzer – check je bericht voor je het plaatst</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header><p class="brand">Postwijzer</p></header>
<main>
<h1>Check je bericht voor je het plaatst</h1>
<p>Plak je bericht hieronder. Postwijzer toetst het aan het socialemediaprotocol van ASKO, voor de demoschool Basisschool De Regenboog. Je tekst wordt niet bewaard.</p>
<noscript><p class="verdict verdict-not_allowed">Deze pagina heeft JavaScript nodig. Je kunt ook de API gebruiken: zie <a href="/docs">de API-documentatie</a>.</p></noscript>
<form id="check-form">
<label for="text">Je bericht</label>
<textarea id="text" name="text" rows="6" maxlength="${maxTextLength}" aria-describedby="text-hint"></textarea>
<p id="text-hint" class="hint">Postwijzer controleert terwijl je typt.</p>
<label for="role">Wie schrijft het bericht?</label>
<select id="role" name="role">
<option value="student">Leerling</option>
<option value="employee" selected>Medewerker</option>
<option value="guardian">Ouder of verzorger</option>
<option value="other">Iemand anders</option>
</select>
<fieldset><legend>Situatie</legend><div class="choices">
<label><input type="radio" name="situation" value="work" checked> Werk</label>
<label><input type="radio" name="situation" value="private"> Privé</label>
</div></fieldset>
<fieldset><legend>Kanaal</legend><div class="choices">
<label><input type="radio" name="channel" value="school" checked> Account van de school</label>
<label><input type="radio" name="channel" value="personal"> Eigen account</label>
</div></fieldset>
<div class="actions">
<button type="submit">Controleer</button>
<button type="button" id="example" class="secondary">Vul een voorbeeld in</button>
</div>
</form>
<p id="status" role="status"></p>
<section id="result" hidden aria-label="Uitkomst">
<div id="verdict" class="verdict" tabindex="-1"></div>
<div id="preview-block">
<h3>Je bericht, met de gevonden plekken gemarkeerd</h3>
<p id="preview" class="preview"></p>
</div>
<h3>Opmerkingen</h3>
<ol id="findings" class="findings"></ol>
<p id="schedule" class="hint" hidden></p>
<button type="button" id="apply" hidden>Pas alle verbeteringen toe</button>
</section>
<details>
<summary>Wie zitten er in de demoschool?</summary>
<p>Alle namen zijn verzonnen. Het bericht wordt gecontroleerd alsof deze mensen op school zitten of werken.</p>
<ul>${rosterList()}</ul>
</details>
</main>
<footer><p>Voor ontwikkelaars: <a href="/docs">API-documentatie</a>.</p></footer>
</body>
</html>
`;
}

export const PAGE_CSS = `:root{--fg:#1b1b1f;--muted:#4a4a55;--accent:#0b57d0;--border:#767683}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
header{background:#12355b;color:#fff;padding:.75rem 1rem}
.brand{max-width:42rem;margin:0 auto;font-weight:700;font-size:1.125rem}
main,footer{max-width:42rem;margin:0 auto;padding:0 1rem}
footer{margin:2rem auto;color:var(--muted)}
h1{font-size:1.6rem;line-height:1.25;margin:1.25rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
label,legend{display:block;font-weight:600;margin:1rem 0 .35rem;padding:0}
textarea,select{width:100%;font:inherit;color:inherit;background:#fff;border:2px solid var(--border);border-radius:.5rem;padding:.6rem .75rem}
textarea{min-height:9rem;resize:vertical}
fieldset{border:0;padding:0;margin:0}
.choices{display:flex;flex-wrap:wrap;gap:0 1.5rem}
.choices label{display:flex;align-items:center;gap:.5rem;font-weight:400;margin:0;min-height:44px}
input[type=radio]{width:1.25rem;height:1.25rem;margin:0;accent-color:var(--accent)}
.hint{color:var(--muted);font-size:.95rem;margin:.35rem 0 0}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-weight:600;min-height:44px;padding:.55rem 1.1rem;border-radius:.5rem;border:2px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
#apply{margin-top:1rem}
:focus-visible{outline:3px solid #c2410c;outline-offset:2px}
#status{min-height:1.5em;color:var(--muted);margin:1rem 0 0}
.verdict{border-left:.5rem solid;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.verdict h2{margin:0;font-size:1.25rem}
.verdict p{margin:.25rem 0 0}
.verdict-allowed{background:#e7f5ec;border-color:#1e7b3c;color:#0f4a24}
.verdict-allowed_with_changes{background:#fff6e0;border-color:#b26a00;color:#5c3700}
.verdict-needs_review{background:#eef1ff;border-color:#3d4fc4;color:#1f2a73}
.verdict-not_allowed{background:#fdecec;border-color:#b3261e;color:#7a1712}
.verdict-out_of_scope{background:#f1f1f4;border-color:#6b6b78;color:#2d2d35}
.preview{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #c8c8d0;border-radius:.5rem;padding:.75rem 1rem;background:#fafafc;margin:0}
mark{background:#ffe58a;color:#000;border-bottom:2px solid #b26a00;padding:0 .1em}
sup a{color:var(--accent);font-weight:700;padding:0 .15em}
.findings{padding-left:1.5rem}
.findings li{margin:.9rem 0}
.findings p{margin:.15rem 0}
.badge{display:inline-block;font-size:.85rem;font-weight:700;padding:0 .5rem;border-radius:1rem;border:1px solid;margin-right:.4rem}
.badge-block{background:#fdecec;color:#7a1712}
.badge-fix{background:#fff6e0;color:#5c3700}
.badge-review{background:#eef1ff;color:#1f2a73}
.badge-info{background:#f1f1f4;color:#2d2d35}
.fix{color:#0f4a24;font-weight:600}
details{margin:2rem 0}
summary{cursor:pointer;font-weight:600;padding:.5rem 0}
a{color:var(--accent)}
`;

// Plain ES2017 for any current browser. Kept free of backticks so it can live in this string.
const SCRIPT = String.raw`(function () {
  'use strict';
  var DEMO = __DEMO__;
  var EXAMPLES = __EXAMPLES__;
  var VERDICTS = {
    out_of_scope: ['Buiten het protocol', 'Dit bericht gaat niet over school, dus het protocol geldt hier niet.'],
    allowed: ['Mag geplaatst worden', 'Er is niets gevonden dat tegen het protocol ingaat.'],
    allowed_with_changes: ['Mag geplaatst worden, na de verbeteringen', 'Pas de verbeteringen hieronder toe en plaats het dan.'],
    needs_review: ['Overleg eerst', 'Vraag je leidinggevende of de school of dit bericht zo mag.'],
    not_allowed: ['Mag niet geplaatst worden', 'Dit bericht gaat in tegen het protocol. Pas het eerst aan.']
  };
  var SEVERITY = { block: 'Mag niet', fix: 'Verbeteren', review: 'Overleggen', info: 'Goed om te weten' };

  var form = document.getElementById('check-form');
  var textEl = document.getElementById('text');
  var statusEl = document.getElementById('status');
  var resultEl = document.getElementById('result');
  var verdictEl = document.getElementById('verdict');
  var previewBlock = document.getElementById('preview-block');
  var previewEl = document.getElementById('preview');
  var listEl = document.getElementById('findings');
  var scheduleEl = document.getElementById('schedule');
  var applyBtn = document.getElementById('apply');
  var articles = {};
  var scheduledAt = null; // set when the lesson-time fix moves the post
  var timer = null;
  var controller = null;
  var exampleIndex = 0;

  fetch('/api/v1/protocols/' + DEMO.protocol)
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (p) { if (p) p.articles.forEach(function (a) { articles[a.id] = a.title.nl; }); })
    .catch(function () { /* the article ids alone still work */ });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function say(s) { statusEl.textContent = s; }

  function buildCase() {
    var c = JSON.parse(JSON.stringify(DEMO));
    c.post = {
      author: { role: form.elements.role.value },
      situation: form.elements.situation.value,
      channel: { kind: form.elements.channel.value },
      text: textEl.value
    };
    if (scheduledAt) c.post.at = scheduledAt;
    return c;
  }

  function send(url, body) {
    if (controller) controller.abort(); // only the newest answer counts
    controller = new AbortController();
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error(data.message || 'onbekende fout');
        return data;
      });
    });
  }
  function fail(err) {
    if (err && err.name === 'AbortError') return;
    say('Controleren lukte niet: ' + (err && err.message));
  }

  function check() {
    clearTimeout(timer);
    var text = textEl.value;
    if (!text.trim()) { resultEl.hidden = true; say(''); return Promise.resolve(); }
    return send('/api/v1/checks', buildCase()).then(function (result) {
      render(text, result);
      say('Gecontroleerd: ' + VERDICTS[result.verdict][0] + '.');
    }, fail);
  }

  function formatMoment(at) {
    var d = new Date(at);
    if (isNaN(d.getTime())) return at;
    return d.toLocaleString('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: DEMO.school.timezone });
  }
  function fixText(fix) {
    if (!fix) return '';
    if (fix.kind === 'replace') return fix.text ? 'Verbetering: vervang dit door \u201c' + fix.text + '\u201d.' : 'Verbetering: laat dit weg.';
    if (fix.kind === 'append') return 'Verbetering: voeg toe: \u201c' + fix.text + '\u201d';
    if (fix.kind === 'reschedule') return 'Verbetering: plaats het bericht op ' + formatMoment(fix.at) + '.';
    if (fix.kind === 'blur') return 'Verbetering: maak de gezichten onherkenbaar.';
    return '';
  }

  function findingItem(f, i) {
    var li = el('li', 'finding');
    li.id = 'opmerking-' + (i + 1);
    li.tabIndex = -1;
    var head = el('p');
    head.append(el('span', 'badge badge-' + f.severity, SEVERITY[f.severity] || f.severity), ' ',
      el('strong', null, 'Artikel ' + f.rule + (articles[f.rule] ? ': ' + articles[f.rule] : '')));
    li.append(head, el('p', null, f.message.nl));
    var fix = fixText(f.fix);
    if (fix) li.append(el('p', 'fix', fix));
    return li;
  }

  // Marks every span; overlapping spans merge into one mark that refers to all their findings.
  function renderPreview(text, findings) {
    var ranges = [];
    findings.forEach(function (f, i) { if (f.span) ranges.push({ a: f.span[0], b: f.span[1], n: [i + 1] }); });
    ranges.sort(function (x, y) { return x.a - y.a || y.b - x.b; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r.a < last.b) { last.b = Math.max(last.b, r.b); last.n = last.n.concat(r.n); } else merged.push(r);
    });
    var nodes = [];
    var pos = 0;
    merged.forEach(function (r) {
      if (r.a > pos) nodes.push(document.createTextNode(text.slice(pos, r.a)));
      nodes.push(el('mark', null, text.slice(r.a, r.b)));
      var sup = el('sup');
      r.n.forEach(function (n) {
        var a = el('a', null, String(n));
        a.href = '#opmerking-' + n;
        a.setAttribute('aria-label', 'opmerking ' + n);
        sup.append(a);
      });
      nodes.push(sup);
      pos = r.b;
    });
    nodes.push(document.createTextNode(text.slice(pos)));
    previewEl.replaceChildren.apply(previewEl, nodes);
    previewBlock.hidden = merged.length === 0;
  }

  function render(text, result) {
    var v = VERDICTS[result.verdict] || [result.verdict, ''];
    verdictEl.className = 'verdict verdict-' + result.verdict;
    verdictEl.replaceChildren(el('h2', null, v[0]), el('p', null, v[1]));
    renderPreview(text, result.findings);
    listEl.replaceChildren.apply(listEl, result.findings.map(findingItem));
    applyBtn.hidden = !result.findings.some(function (f) { return f.fix; });
    scheduleEl.hidden = !scheduledAt;
    if (scheduledAt) scheduleEl.textContent = 'Tijdstip van plaatsen: ' + formatMoment(scheduledAt) + '.';
    resultEl.hidden = false;
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); check(); });
  textEl.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(check, 600); });
  form.addEventListener('change', function (e) { if (e.target !== textEl) check(); });
  document.getElementById('example').addEventListener('click', function () {
    textEl.value = EXAMPLES[exampleIndex++ % EXAMPLES.length];
    check();
  });
  applyBtn.addEventListener('click', function () {
    send('/api/v1/checks/fixed', buildCase()).then(function (data) {
      textEl.value = data.fixedText;
      scheduledAt = (data.fixed.post && data.fixed.post.at) || null;
      return check();
    }).then(function () {
      say('Alle verbeteringen zijn toegepast. ' + statusEl.textContent);
      verdictEl.focus(); // the button may be gone now: keep keyboard focus on the new verdict
    }, fail);
  });
})();
`;

export const PAGE_JS = SCRIPT.replace('__DEMO__', () => JSON.stringify(DEMO_SCHOOL)).replace('__EXAMPLES__', () =>
  JSON.stringify(DEMO_EXAMPLES),
);
