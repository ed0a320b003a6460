// Dutch first, English second: every text of the app in both languages, the choice kept in the
// browser. Pages add their texts to the dictionary below, by key.
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export type Lang = 'nl' | 'en';

type Dict = Record<string, { nl: string; en: string }>;

const TEXTS: Dict = {
  'app.name': { nl: 'Postwijzer', en: 'Postwijzer' },
  'app.tagline': { nl: 'Check je bericht voor je het plaatst', en: 'Check your post before you publish it' },
  'app.skip': { nl: 'Naar de inhoud', en: 'Skip to content' },
  'lang.switch': { nl: 'English', en: 'Nederlands' },
  'nav.label': { nl: 'Hoofdmenu', en: 'Main menu' },
  'nav.write': { nl: 'Bericht schrijven', en: 'Write a post' },
  'nav.posts': { nl: 'Mijn berichten', en: 'My posts' },
  'nav.consents': { nl: 'Toestemmingen', en: 'Consents' },
  'nav.myConsents': { nl: 'Toestemming voor mijn kind', en: "Consent for my child" },
  'nav.signOut': { nl: 'Afmelden', en: 'Sign out' },
  'nav.school': { nl: 'School', en: 'School' },
  'common.loading': { nl: 'Even geduld…', en: 'One moment…' },
  'common.error': { nl: 'Er ging iets mis. Probeer het opnieuw.', en: 'Something went wrong. Please try again.' },
  'signIn.title': { nl: 'Aanmelden', en: 'Sign in' },
  'signIn.email': { nl: 'E-mailadres', en: 'E-mail address' },
  'signIn.password': { nl: 'Wachtwoord', en: 'Password' },
  'signIn.submit': { nl: 'Aanmelden', en: 'Sign in' },
  'signIn.with': { nl: 'Aanmelden via {name}', en: 'Sign in with {name}' },
  'signIn.or': { nl: 'of', en: 'or' },
  'signIn.forgot': { nl: 'Wachtwoord vergeten?', en: 'Forgot your password?' },
  'signIn.wrong': { nl: 'Het e-mailadres of het wachtwoord klopt niet.', en: 'The e-mail address or the password is not right.' },
  'signIn.throttled': { nl: 'Te vaak geprobeerd. Wacht een kwartier, of vraag een nieuw wachtwoord aan.', en: 'Too many attempts. Wait a quarter of an hour, or reset your password.' },
  'totp.title': { nl: 'Code uit je app', en: 'Code from your app' },
  'totp.intro': { nl: 'Je rol vraagt om een tweede stap. Vul de code van zes cijfers uit je authenticator-app in.', en: 'Your role needs a second step. Enter the six-digit code from your authenticator app.' },
  'totp.enrolIntro': { nl: 'Je rol vraagt om een tweede stap. Voeg Postwijzer toe aan een authenticator-app (bijvoorbeeld Microsoft Authenticator of Google Authenticator) met deze sleutel, en vul daarna de code in.', en: 'Your role needs a second step. Add Postwijzer to an authenticator app (for example Microsoft Authenticator or Google Authenticator) with this key, then enter the code.' },
  'totp.key': { nl: 'Sleutel', en: 'Key' },
  'totp.openApp': { nl: 'Open in je authenticator-app', en: 'Open in your authenticator app' },
  'totp.code': { nl: 'Code', en: 'Code' },
  'totp.submit': { nl: 'Bevestigen', en: 'Confirm' },
  'totp.wrong': { nl: 'De code klopt niet. Gebruik de nieuwste code uit je app.', en: 'The code is not right. Use the newest code from your app.' },
  'invite.title': { nl: 'Welkom bij Postwijzer', en: 'Welcome to Postwijzer' },
  'invite.intro': { nl: 'Kies een wachtwoord van minstens 10 tekens. Een zin werkt goed.', en: 'Choose a password of at least 10 characters. A sentence works well.' },
  'invite.submit': { nl: 'Wachtwoord opslaan', en: 'Save password' },
  'invite.invalid': { nl: 'Deze uitnodiging is onbekend, al gebruikt of verlopen. Vraag je directeur of HR om een nieuwe.', en: 'This invitation is unknown, used or expired. Ask your director or HR for a new one.' },
  'password.weak': { nl: 'Dit wachtwoord is te zwak: gebruik minstens 10 tekens, met genoeg verschillende tekens, en niet je e-mailadres.', en: 'This password is too weak: use at least 10 characters, enough different ones, and not your e-mail address.' },
  'password.new': { nl: 'Nieuw wachtwoord', en: 'New password' },
  'forgot.title': { nl: 'Wachtwoord vergeten', en: 'Forgot your password' },
  'forgot.intro': { nl: 'Vul je e-mailadres in. Hoort er een account bij, dan krijg je een link om een nieuw wachtwoord te kiezen.', en: 'Enter your e-mail address. If it has an account, you get a link to choose a new password.' },
  'forgot.submit': { nl: 'Stuur de link', en: 'Send the link' },
  'forgot.sent': { nl: 'Als dit e-mailadres een account heeft, is de link onderweg. Hij werkt één keer, een uur lang.', en: 'If this address has an account, the link is on its way. It works once, for one hour.' },
  'reset.title': { nl: 'Nieuw wachtwoord kiezen', en: 'Choose a new password' },
  'reset.submit': { nl: 'Wachtwoord opslaan', en: 'Save password' },
  'reset.done': { nl: 'Je wachtwoord is veranderd. Meld je opnieuw aan.', en: 'Your password has been changed. Please sign in again.' },
  'reset.invalid': { nl: 'Deze link is onbekend, al gebruikt of verlopen. Vraag een nieuwe aan.', en: 'This link is unknown, used or expired. Ask for a new one.' },
  'home.title': { nl: 'Welkom, {name}', en: 'Welcome, {name}' },
  'home.intro': { nl: 'Kies hieronder wat je wilt doen.', en: 'Choose what you want to do.' },
  'home.noSchool': { nl: 'Je account heeft (nog) geen rol op een school. Vraag je school om een uitnodiging.', en: 'Your account has no role at a school yet. Ask your school for an invitation.' },
  'notFound.title': { nl: 'Deze pagina bestaat niet', en: 'This page does not exist' },
};

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'nl', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('pw.lang') === 'en' ? 'en' : 'nl'));
  useEffect(() => {
    localStorage.setItem('pw.lang', lang);
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

/** Adds a page's texts to the dictionary (call at module level in the page's file). */
export function addTexts(texts: Dict): void {
  Object.assign(TEXTS, texts);
}

/** t('key', { name: 'Sanne' }) in the chosen language; a missing key shows itself, so it is noticed. */
export function useT(): (key: string, vars?: Record<string, string | number>) => string {
  const { lang } = useLang();
  return useCallback(
    (key, vars) => {
      let s = TEXTS[key]?.[lang] ?? key;
      for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [lang],
  );
}
