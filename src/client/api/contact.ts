import {
  ContactRequestCreated,
  HelperRequests,
  Inbox,
  InboxRequest,
  type ContactRequestCreateInput,
  type RequestAction,
} from '../../common/contact-requests.ts';
import type { AmbassadorCardEditInput } from '../../common/ambassador-card.ts';
import { Ambassador } from '../../common/subareas.ts';
import { request } from './http.ts';

const send = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** "Poproś o kontakt" (public). */
export const askForContact = (pointId: string, body: ContactRequestCreateInput) =>
  request(ContactRequestCreated, `/api/points/${encodeURIComponent(pointId)}/contact-requests`, send('POST', body));

/** The helper's view through their private link. */
export const fetchHelperRequests = (pointId: string, token: string, signal?: AbortSignal) =>
  request(HelperRequests, `/api/points/${encodeURIComponent(pointId)}/contact-requests`, {
    headers: { Authorization: `Bearer ${token}` },
    signal,
  });

export const fetchInbox = () => request(Inbox, '/api/ambassador/requests');
export const actOnRequest = (id: string, action: RequestAction) =>
  request(InboxRequest, `/api/ambassador/requests/${encodeURIComponent(id)}`, send('PATCH', action));
export const saveCard = (subarea: string, edit: AmbassadorCardEditInput) =>
  request(Ambassador, `/api/ambassador/cards/${encodeURIComponent(subarea)}`, send('PUT', edit));
