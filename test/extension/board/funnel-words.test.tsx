import { afterEach, describe, expect, it } from 'vitest';
import { FunnelChart } from '@/components/options/funnel-chart';
import { uiLanguage, type UiLanguage } from '@/locales/i18n';
import { renderUi } from '../components/render';
import { REPORT } from './fixtures';

function funnel(language: UiLanguage) {
  uiLanguage.value = language;
  return renderUi(<FunnelChart report={REPORT} language={language} country="JP" />).container;
}

describe('the IVR funnel, read in each language', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('heads each menu with a whole Japanese phrase, and brackets a submenu’s key the Japanese way', () => {
    const top = funnel('ja').querySelector('[data-menu=""]')!;
    expect(top.querySelector('h4')?.textContent).toBe('トップメニュー — このメニューに到達：6件');
    expect([...top.querySelectorAll('.yb-funnel__row > span:first-child')].map((name) => name.textContent)).toEqual([
      '1番 営業',
      '2番 サポート（サブメニューへ）',
      'メニューで切断',
      '入力エラーで終了',
    ]);
  });

  it('in English', () => {
    const top = funnel('en').querySelector('[data-menu=""]')!;
    expect(top.querySelector('h4')?.textContent).toBe('Top menu — 6 calls reached this menu');
    expect([...top.querySelectorAll('.yb-funnel__row > span:first-child')].map((name) => name.textContent)).toEqual([
      '1: 営業',
      '2: サポート (opens a menu)',
      'Hung up in the menu',
      'Ran out of tries',
    ]);
  });
});
