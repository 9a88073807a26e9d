import { describe, expect, it } from 'vitest';
import { FieldCheck } from '../../../src/client/state/field-check.svelte.ts';

/** A two-field form: a required title and an optional nickname of at most 5 letters. */
function form() {
  const values = $state({ title: '', nickname: '' });
  const check = new FieldCheck<'title' | 'nickname'>(() => ({
    ...(values.title ? {} : { title: 'Wpisz tytuł' }),
    ...(values.nickname.length > 5 ? { nickname: 'Za długi podpis' } : {}),
  }));
  return { values, check };
}

describe('FieldCheck', () => {
  it('shows nothing before the first submit, however wrong the form is', () => {
    const { check } = form();
    expect(check.errors).toEqual({});
  });

  it('shows every failing field on submit and clears a field as soon as it is fixed', () => {
    const { values, check } = form();
    values.nickname = 'Aleksandra';
    expect(check.submit()).toBe(false);
    expect(check.errors).toEqual({ title: 'Wpisz tytuł', nickname: 'Za długi podpis' });
    values.title = 'Ławka';
    expect(check.errors).toEqual({ nickname: 'Za długi podpis' });
    values.nickname = 'Ola';
    expect(check.errors).toEqual({});
    expect(check.count).toBe(0);
  });

  it('brings a fixed field’s message back when it is broken again, but keeps quiet about fields not yet flagged', () => {
    const { values, check } = form();
    check.submit();
    values.title = 'Ławka';
    expect(check.errors).toEqual({});
    values.title = '';
    expect(check.errors).toEqual({ title: 'Wpisz tytuł' });
    values.nickname = 'Aleksandra';
    expect(check.errors).toEqual({ title: 'Wpisz tytuł' });
  });

  it('keeps the server’s messages until the next submit', () => {
    const { values, check } = form();
    values.title = 'Ławka';
    expect(check.submit()).toBe(true);
    check.fromServer({ title: 'Serwer: tytuł zajęty' });
    expect(check.errors).toEqual({ title: 'Serwer: tytuł zajęty' });
    expect(check.submit()).toBe(true);
    expect(check.errors).toEqual({});
  });
});
