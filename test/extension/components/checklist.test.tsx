import { afterEach, describe, expect, it } from 'vitest';
import { uiLanguage } from '@/locales/i18n';
import { Checklist } from '@/components/checklist';
import { createChecklistModel } from '@/models/checklist-model';
import { button, click, flush, renderUi } from './render';

describe("the why-can't-I-call checklist", () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('shows which link is broken first and how to fix it', async () => {
    uiLanguage.value = 'en';
    const model = createChecklistModel(async () => [
      { id: 'signed-in', ok: true },
      { id: 'microphone', ok: true },
      { id: 'server', ok: true },
      { id: 'token', ok: false, fix: 'check.token.twilioNotConfigured.fix' },
      { id: 'online', ok: null },
      { id: 'device', ok: null },
      { id: 'outgoing-number', ok: false },
    ]);
    const { container } = renderUi(<Checklist model={model} />);
    await click(button(container, 'Check again'));
    await flush();
    expect(container.querySelector('[role="status"]')?.textContent).toBe('This is what stops calls: Call token issued');
    const broken = container.querySelectorAll('.yb-check--first-broken');
    expect(broken).toHaveLength(1);
    expect(broken[0]?.getAttribute('data-check')).toBe('token');
    expect(broken[0]?.querySelector('.yb-check__fix')?.textContent).toBe(
      'Twilio is not set up on the server yet: ask your admin to finish the Twilio setup.',
    );
    expect([...container.querySelectorAll('.yb-check__state')].map((node) => node.textContent)).toEqual([
      'OK', 'OK', 'OK', 'Problem', 'Not checked', 'Not checked', 'Problem',
    ]);
  });

  it('tells an offline rep to go online, with the button that does it', async () => {
    uiLanguage.value = 'ja';
    const wentOnline: true[] = [];
    const model = createChecklistModel(async () => [
      ...(['signed-in', 'microphone', 'server', 'token'] as const).map((id) => ({ id, ok: true })),
      { id: 'online' as const, ok: false, fix: 'check.online.fix' as const },
    ]);
    const { container } = renderUi(<Checklist model={model} onGoOnline={() => wentOnline.push(true)} />);
    await click(button(container, '再確認'));
    await flush();
    const broken = container.querySelector('.yb-check--first-broken');
    expect(broken?.querySelector('.yb-check__fix')?.textContent).toContain('オフラインです。');
    await click(button(broken!, 'オンラインにする'));
    expect(wentOnline).toEqual([true]);
  });

  it('names Twilio, not the online switch, when an online rep cannot reach it', async () => {
    uiLanguage.value = 'ja';
    const model = createChecklistModel(async () => [
      ...(['signed-in', 'microphone', 'server', 'token', 'online'] as const).map((id) => ({ id, ok: true })),
      { id: 'device' as const, ok: false, fix: 'check.device.fix' as const },
    ]);
    const { container } = renderUi(<Checklist model={model} onGoOnline={() => undefined} />);
    await click(button(container, '再確認'));
    await flush();
    const text = container.querySelector('.yb-check--first-broken')?.textContent ?? '';
    expect(text).toContain('Twilio に接続できません');
    expect(text).not.toContain('オンラインにする');
    // Its title is the disclosure's summary in the popup: no second heading of the same words.
    expect(container.querySelector('h2')).toBeNull();
  });

  it('says all is well when every link holds', async () => {
    uiLanguage.value = 'ja';
    const model = createChecklistModel(async () =>
      (['signed-in', 'microphone', 'server', 'token', 'online', 'device', 'outgoing-number'] as const).map((id) => ({ id, ok: true })),
    );
    const { container } = renderUi(<Checklist model={model} />);
    await click(button(container, '再確認'));
    await flush();
    expect(container.querySelector('[role="status"]')?.textContent).toBe('すべて正常です。発信できます。');
  });
});
