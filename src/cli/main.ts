// The `postwijzer` command. Exit codes: 0 done (any verdict), 2 bad input or usage, 1 failure.
import { COMMANDS } from './commands/index.ts';
import { UsageError } from './errors.ts';

const HELP = `postwijzer — het social-media-protocol van school, in de praktijk

Gebruik:
  postwijzer check [--case FILE] [--batch] [--format json|text] [--lang nl|en] [--apply-fixes] [--now ISO]
      Controleert een conceptbericht (een "case", zie docs/check-engine.md).
      Zonder --case (of met --case -) leest het de case van standaardinvoer.
      --batch         JSON Lines: één case per regel in, één resultaat per regel uit
      --format        json (standaard) of text (leesbaar, Nederlands; --lang en voor Engels)
      --apply-fixes   past alle verbeteringen toe; drukt de verbeterde case (json) of tekst (text) af
      --now           het moment van controleren als de post geen "at" heeft (standaard: nu)
  postwijzer thread [BESTAND|-] [--format json|text] [--lang nl|en]
      Zegt of een online gesprek ontspoort (B.2) en welke berichten dat drijven. Een gesprek is
      JSON: {"messages": [{"author", "at", "text"}]}; zonder BESTAND (of met -) van standaardinvoer.
  postwijzer serve [--port N]
      Start de webapp en de API (PORT, standaard 3000). Zonder DATABASE_URL een ingebouwde
      database (PGlite) in data/pglite, met een demoschool bij de eerste start.
  postwijzer migrate [--status]
      Voert de databasemigraties uit (of toont welke er zijn).
  postwijzer seed demo [--seed N] [--force]
      Maakt het demobestuur met twee scholen aan.
  postwijzer import roster BESTAND|MAP [--school BRIN] [--format simple|oneroster] [--dry-run]
      Leest leerlingen, ouders en medewerkers in (eenvoudige CSV of OneRoster 1.1).
  postwijzer import consents BESTAND [--school ID|BRIN] [--dry-run]
      Leest een toestemmingslijst (CSV) uit een ander schoolsysteem in, alles of niets
      (kolommen en voorbeeld: docs/consent.md). --dry-run controleert en telt alleen.
  postwijzer backup BESTAND | restore BESTAND [--force]
      Maakt een back-up van de database (SQL) of zet er een terug.
  postwijzer audit verify [--school ID]
      Controleert of het auditspoor onveranderd is (hashketen per school).
  postwijzer accounts invite --school ID|BRIN --email E --name NAAM --role ROL [--person ID]
      Nodigt iemand uit op een school met een rol (elke rol, ook de eerste directeur of HR).
      De uitnodiging gaat per e-mail (SMTP_URL); zonder SMTP_URL blijft ze in de outbox staan.
  postwijzer accounts list --school ID|BRIN
      Toont de accounts met een rol op de school.
  postwijzer media inspect BESTAND [--format text|json] [--no-tiles]
      Bekijkt een foto, video of geluid (het type volgt uit de inhoud, niet uit de naam): de
      gezichten (alleen waar ze zijn, nooit wie) en welke metadata er in zit (GPS, EXIF, ...).
  postwijzer media redact BESTAND -o UIT [--blur-faces all|none|0,2]
      Schrijft een kopie zonder metadata; op een foto zijn de gekozen gezichten vervaagd
      (standaard all; de nummers komen uit "media inspect"). Video en geluid: alleen metadata weg.
  postwijzer files purge [--dry-run] [--json]
      Verwijdert dossierstukken waarvan de bewaartermijn voorbij is, met hun documenten, en legt
      vast wat er weg is (zonder namen of inhoud). --dry-run toont alleen wat weg zou gaan.
  postwijzer subject export --person ID [--format json|pdf] [--out BESTAND]
      Inzage (AVG art. 15): alles wat Postwijzer over één persoon bewaart, als JSON of als
      leesbare pdf; anderen staan er als "andere persoon" in. Wordt vastgelegd in het auditspoor.
  postwijzer subject erasure --person ID
      Toont wat wissen (AVG art. 17) zou verwijderen en wat het nu tegenhoudt.
  postwijzer subject erase --person ID --confirm-name "VOLLEDIGE NAAM"
      Wist de persoon als de wet dat toelaat; anders de redenen en exit code 1.
  postwijzer help

Exit codes: 0 klaar (elk oordeel), 2 ongeldige invoer, 1 fout.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(`unknown command "${command}". Run "postwijzer help" to see the commands.`);
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`postwijzer: ${err.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`postwijzer: something went wrong: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
