import type { MailMessage } from './mail.ts';
import type { RequestRow } from './store/types.ts';

/**
 * The two e-mails a contact request can cause, in Polish, as plain text.
 *
 * The ambassador's notice says only that there is a request and where to log in: e-mail passes through servers we do
 * not control, so the resident's name, contact and message stay in the app.
 */
export function ambassadorNotice(to: string, subareaName: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: `Nowa prośba o kontakt — ${subareaName}`,
    text: [
      'Dzień dobry,',
      '',
      `w Sąsiedzkiej Mapie Pomocy czeka nowa prośba o kontakt z podobszaru ${subareaName}.`,
      `Zaloguj się, aby ją zobaczyć: ${new URL('/ambasador', publicUrl).href}`,
      '',
      'Ta wiadomość celowo nie zawiera danych osobowych.',
      '— Mapa Rewitalizacji',
    ].join('\n'),
  };
}

/**
 * The helper asked to be told ("Powiadamiaj mnie o prośbach"): they get the resident's message; the resident's name
 * and contact only when the resident ticked "Możecie przekazać mój kontakt bezpośrednio pomocnikowi".
 */
export function helperNotice(
  to: string,
  r: RequestRow,
  offerName: string,
  ambassador: string,
  publicUrl: string,
): MailMessage {
  const contact = [r.phone && `telefon: ${r.phone}`, r.email && `e-mail: ${r.email}`].filter(Boolean).join(', ');
  const direct = r.shareDirect
    ? [`Ta osoba zgodziła się, by przekazać Ci swój kontakt: ${r.name} (${contact}).`]
    : [`Ta osoba nie podała kontaktu do przekazania Tobie. Połączy Was ambasador: ${ambassador}.`];
  return {
    to,
    subject: 'Ktoś prosi o kontakt w sprawie Twojej oferty pomocy',
    text: [
      'Dzień dobry,',
      '',
      `mieszkaniec prosi o kontakt w sprawie Twojej oferty „${offerName}” w Sąsiedzkiej Mapie Pomocy.`,
      '',
      'Wiadomość:',
      r.message,
      '',
      ...direct,
      '',
      `Powiadomienia wyłączysz w prywatnym linku do swojej oferty. Mapa: ${new URL('/', publicUrl).href}`,
      '— Mapa Rewitalizacji',
    ].join('\n'),
  };
}
