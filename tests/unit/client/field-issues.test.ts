import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldMessages, fromZod, issuesByField } from '../../../src/client/state/field-issues.ts';
import { fieldOf as offerField } from '../../../src/client/views/help/offer-draft.svelte.ts';
import { fieldOf as walkField } from '../../../src/client/views/walk/walk-validation.ts';

const Body = z.object({
  title: z.string().min(1),
  lng: z.number(),
  contact: z.object({ phone: z.string().regex(/^\d+$/) }),
  extra: z.literal(true),
});

describe('issues onto form fields', () => {
  it('joins a nested zod path as the API does, keeping the code the message is chosen by', () => {
    const parsed = Body.safeParse({ title: '', lng: 19.9, contact: { phone: 'abc' }, extra: true });
    expect(fromZod(parsed.error!.issues)).toMatchObject([
      { path: 'title', code: 'too_small' },
      { path: 'contact.phone', code: 'invalid_format' },
    ]);
  });

  it('keeps the first issue of each field, so one field shows one message', () => {
    const { fields } = issuesByField(
      [
        { path: 'title', message: 'too short' },
        { path: 'title', message: 'control character' },
      ],
      walkField,
    );
    expect(fields).toEqual({ title: { path: 'title', message: 'too short' } });
  });

  it('folds the coordinates onto the place field and a contact path onto its own field', () => {
    const walk = issuesByField([{ path: 'lat', message: 'outside Kraków' }], walkField);
    expect(Object.keys(walk.fields)).toEqual(['place']);
    const offer = issuesByField(
      [
        { path: 'lng', message: 'outside Kraków' },
        { path: 'contact.phone', message: 'not a number' },
      ],
      offerField,
    );
    expect(Object.keys(offer.fields)).toEqual(['location', 'phone']);
  });

  it('keeps an issue on a path the form does not show under other, never dropping it', () => {
    const { fields, other } = issuesByField([{ path: 'moderatorNote', message: 'not allowed' }], walkField);
    expect(fields).toEqual({});
    expect(other).toEqual([{ path: 'moderatorNote', message: 'not allowed' }]);
  });

  it('words each field once, through the form’s own wording', () => {
    const { fields } = issuesByField(
      [
        { path: 'title', message: 'a' },
        { path: 'kind', message: 'b' },
      ],
      walkField,
    );
    expect(fieldMessages(fields, (field, issue) => `${field}: ${issue.message}`)).toEqual({
      title: 'title: a',
      kind: 'kind: b',
    });
  });
});
