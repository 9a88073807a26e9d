import type {
  AuthRepository,
  ContactRequestRepository,
  MailState,
  RequestRow,
  SessionAccount,
  StaffAuditEntry,
  StaffAuditRepository,
} from './store/types.ts';
import type { Contributions } from './contributions.ts';
import type { Ambassadors } from './ambassadors.ts';
import type { SiteData } from './site-data.ts';
import type { Mailer } from './mail.ts';
import { ambassadorNotice, helperNotice } from './contact-notices.ts';
import { ApiError } from './http-error.ts';
import { randomId } from './crypto.ts';
import {
  CONTACT_LIMITS,
  type ContactRequestCreate,
  type ContactRequestCreated,
  type HelperRequests,
  type Inbox,
  type InboxRequest,
  type RequestAction,
} from '../common/contact-requests.ts';

export interface ContactRequestOptions {
  /** null: no SMTP configured; the inbox alone carries the requests. */
  mailer: Mailer | null;
  /** PUBLIC_URL: the login link in the ambassador's notice. */
  publicUrl: string;
  /** Closed requests are erased this many days after closing (retention). */
  closedKeepDays: number;
}

/** Minutes to wait after the 1st, 2nd, … failed attempt; after the last one the notice stays "not sent". */
export const MAIL_RETRY_MINUTES = [1, 5, 15, 60, 240] as const;
const DAY_MS = 86_400_000;

/**
 * "Poproś o kontakt" end to end: the resident's request, the ambassador's inbox and actions, the helper's view, the
 * e-mail notices and their retries, and the erasure of closed requests. A request is always stored before any mail
 * is tried, so a failing SMTP server never loses one.
 */
export class ContactRequests {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: ContactRequestRepository,
    private readonly audit: StaffAuditRepository,
    private readonly contributions: Contributions,
    private readonly ambassadors: Ambassadors,
    private readonly accounts: AuthRepository,
    private readonly site: SiteData,
    private readonly now: () => Date,
    private readonly opts: ContactRequestOptions,
  ) {}

  async create(pointId: string, body: ContactRequestCreate): Promise<ContactRequestCreated> {
    if (body.homepage) {
      throw new ApiError(400, 'Formularz wypełnił automat, prośby nie wysłano.', [
        { path: 'homepage', message: 'To pole zostaw puste.' },
      ]);
    }
    if (body.fillMs < CONTACT_LIMITS.minFillMs) {
      throw new ApiError(400, 'Formularz wysłano zbyt szybko. Sprawdź go i wyślij jeszcze raz.', [
        { path: 'fillMs', message: `Wypełnianie trwało krócej niż ${CONTACT_LIMITS.minFillMs / 1000} s.` },
      ]);
    }
    const p = await this.contributions.points.get(pointId);
    const r = p?.record;
    if (!r || r.status === 'removed' || r.status === 'rejected')
      throw new ApiError(404, 'Tej oferty nie ma już na mapie.');
    if (r.layer !== 'help') throw new ApiError(400, 'O kontakt można prosić tylko przy ofertach pomocy.');
    if (r.status === 'pending')
      throw new ApiError(409, 'Ta oferta czeka jeszcze na sprawdzenie. Spróbuj za kilka dni.');
    if (r.paused) throw new ApiError(409, 'Pomocnik wstrzymał na razie tę ofertę. Wybierz inną albo spróbuj później.');
    const hasContact = !!(r.contact?.phone || r.contact?.email || r.contact?.www);
    if (r.helperType === 'organisation' && hasContact) {
      throw new ApiError(409, 'Ta organizacja podaje kontakt na mapie — skontaktuj się z nią bezpośrednio.');
    }
    const subarea = this.ambassadors.brokerFor(r.subarea);
    if (!subarea) throw new ApiError(409, 'Dla tego miejsca nie ma ambasadora, który mógłby przekazać kontakt.');

    await this.purgeClosed();
    const at = this.now().toISOString();
    const mail = !!this.opts.mailer;
    const ambassadorMail: MailState =
      mail && (await this.accounts.ambassadorEmails(subarea)).length > 0 ? 'pending' : 'none';
    const helperMail: MailState = mail && r.notifyRequests && r.contact?.email ? 'pending' : 'none';
    const due = ambassadorMail === 'pending' || helperMail === 'pending';
    const row: RequestRow = {
      id: randomId(),
      pointId,
      subarea,
      status: 'open',
      name: body.name,
      phone: body.phone || null,
      email: body.email || null,
      message: body.message,
      shareDirect: body.shareDirect ?? false,
      note: null,
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      ambassadorMail,
      helperMail,
      mailAttempts: 0,
      mailNextAt: due ? at : null,
    };
    await this.store.insert(row);
    // Not awaited: the resident's answer does not wait for (or depend on) the mail server.
    if (due) void this.deliver(row.id);
    return { id: row.id, status: 'open', subarea, ambassador: this.ambassadors.of(subarea).organisation };
  }

  /** The subarea a request belongs to (for requireSubarea); 404 when unknown or already erased. */
  async subareaOf(id: string): Promise<string> {
    const r = await this.store.get(id);
    if (!r) throw new ApiError(404, `no contact request ${id}`);
    return r.subarea;
  }

  /** The ambassador's inbox (an admin's: every subarea). Each helper contact shown is written to the audit log. */
  async inbox(account: SessionAccount): Promise<Inbox> {
    await this.purgeClosed();
    const rows = await this.store.inbox(account.role === 'admin' ? null : account.subarea);
    const shown: StaffAuditEntry[] = [];
    const requests = await Promise.all(rows.map((r) => this.view(r, account, shown)));
    // The audit entries of every contact shown are written before the inbox is answered.
    await this.audit.append(shown);
    return { requests };
  }

  async act(account: SessionAccount, id: string, action: RequestAction): Promise<InboxRequest> {
    const r = await this.store.get(id);
    if (!r) throw new ApiError(404, `no contact request ${id}`);
    const open = r.status === 'open';
    if (action.action === 'reopen' ? open : !open) {
      throw new ApiError(
        409,
        open ? 'Ta prośba jest otwarta.' : 'Ta prośba jest już zamknięta — najpierw ją otwórz ponownie.',
      );
    }
    const at = this.now().toISOString();
    const status = action.action === 'reopen' ? 'open' : action.action;
    const note = action.action === 'failed' ? action.note : null;
    const verb = (
      { 'handed-over': 'request-handed-over', failed: 'request-failed', open: 'request-reopened' } as const
    )[status];
    await this.store.setStatus(id, status, note, {
      at,
      actor: account.login,
      action: verb,
      subject: `contact-request:${id}`,
    });
    const shown: StaffAuditEntry[] = [];
    const view = await this.view((await this.store.get(id))!, account, shown);
    await this.audit.append(shown);
    return view;
  }

  /** The helper's private link: that people asked, when, and what became of it — nothing about who asked. */
  async forHelper(pointId: string, token: string | undefined): Promise<HelperRequests> {
    await this.contributions.own(pointId, token);
    const rows = await this.store.forPoint(pointId);
    return { requests: rows.map((r) => ({ createdAt: r.createdAt, status: r.status })) };
  }

  /** Erases requests closed more than closedKeepDays ago; returns how many (the retention rule for them). */
  purgeClosed(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.opts.closedKeepDays * DAY_MS).toISOString();
    return this.store.purgeClosedBefore(cutoff);
  }

  /** Another attempt for every notice whose retry time has come (called on a timer when SMTP is configured). */
  async retryDue(): Promise<void> {
    for (const id of await this.store.mailDue(this.now().toISOString())) await this.deliver(id);
  }

  /** The request as the inbox shows it; each helper contact shown adds an entry to `shown` for the audit log. */
  private async view(r: RequestRow, account: SessionAccount, shown: StaffAuditEntry[]): Promise<InboxRequest> {
    const point = (await this.contributions.points.get(r.pointId))?.record;
    const help = point?.layer === 'help' ? point : undefined;
    const c = help?.status !== 'removed' ? help?.contact : undefined;
    const helperContact = r.status === 'open' && c && (c.phone || c.email || c.www) ? { ...c } : null;
    if (helperContact) {
      shown.push({
        at: this.now().toISOString(),
        actor: account.login,
        action: 'view-helper-contact',
        subject: `contact-request:${r.id}`,
      });
    }
    return {
      id: r.id,
      status: r.status,
      subarea: r.subarea,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      closedAt: r.closedAt,
      name: r.name,
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.email ? { email: r.email } : {}),
      message: r.message,
      shareDirect: r.shareDirect,
      note: r.note,
      offer: {
        id: r.pointId,
        status: point?.status ?? 'removed',
        ...(help && help.status !== 'removed' ? { name: help.name, helperType: help.helperType } : {}),
        ...(help?.paused ? { paused: true } : {}),
      },
      helperContact,
      mailFailed: r.ambassadorMail === 'failed' || r.helperMail === 'failed',
    };
  }

  private async deliver(id: string): Promise<void> {
    const mailer = this.opts.mailer;
    if (!mailer || this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const r = await this.store.get(id);
      if (!r) return;
      const wants = (s: MailState) => s === 'pending' || s === 'failed';
      const attempt = async (send: () => Promise<void>): Promise<MailState> => {
        try {
          await send();
          return 'sent';
        } catch (e) {
          console.warn(`contact request ${id}: e-mail notice not sent (${(e as Error).message}); will retry`);
          return 'failed';
        }
      };
      const subareaName = this.site.subareas.find((s) => s.id === r.subarea)?.name ?? r.subarea;
      let { ambassadorMail, helperMail } = r;
      if (wants(ambassadorMail)) {
        ambassadorMail = await attempt(async () => {
          for (const to of await this.accounts.ambassadorEmails(r.subarea))
            await mailer.send(ambassadorNotice(to, subareaName, this.opts.publicUrl));
        });
      }
      if (wants(helperMail)) {
        const point = (await this.contributions.points.get(r.pointId))?.record;
        const to =
          point?.layer === 'help' && point.status !== 'removed' && point.notifyRequests
            ? point.contact?.email
            : undefined;
        const organisation = this.ambassadors.of(r.subarea).organisation;
        helperMail =
          to && point?.layer === 'help'
            ? await attempt(() => mailer.send(helperNotice(to, r, point.name, organisation, this.opts.publicUrl)))
            : 'none';
      }
      const attempts = r.mailAttempts + 1;
      const wait = MAIL_RETRY_MINUTES[attempts - 1];
      const failed = ambassadorMail === 'failed' || helperMail === 'failed';
      const mailNextAt =
        failed && wait !== undefined ? new Date(this.now().getTime() + wait * 60_000).toISOString() : null;
      if (await this.store.get(id))
        await this.store.setMail(id, { ambassadorMail, helperMail, mailAttempts: attempts, mailNextAt });
    } finally {
      this.inFlight.delete(id);
    }
  }
}
