import { scaleLinear } from 'd3-scale';
import type { CountryCode } from 'libphonenumber-js';
import type { Analytics } from '../../../contract/analytics';
import { t, type UiLanguage } from '@/locales/i18n';
import { formatCalls } from '@/models/analytics-format';
import { choiceName, menuName } from '@/models/analytics-tables';
import { displayNumber } from '../call-party';

/** Per number and menu: of the callers who reached it, how many chose each key, gave up, or are still listening. */
export function FunnelChart({ report, language, country }: { report: Analytics; language: UiLanguage; country: CountryCode }) {
  return (
    <div class="yb-funnel">
      {report.funnel.map((number) => (
        <div key={number.number}>
          <h4 class="yb-heading">{[number.label, displayNumber(number.number, country)].filter(Boolean).join(' ')}</h4>
          {number.menus.map((menu) => {
            const width = scaleLinear().domain([0, Math.max(1, menu.reached)]).range([0, 100]);
            const row = (key: string, name: string, count: number, kind = '') => (
              <div class="yb-funnel__row" key={key}>
                <span>{name}</span>
                <div class={`yb-funnel__bar ${kind}`} style={{ width: `${width(count)}%` }} />
                <span class="yb-funnel__count">{formatCalls(count, language)}</span>
              </div>
            );
            return (
              <div class="yb-funnel__menu" key={menu.keys} data-menu={menu.keys}>
                <h4>{menuName(menu, language)} — {t('funnel.reached', { count: formatCalls(menu.reached, language) })}</h4>
                {menu.choices.map((choice) =>
                  row(choice.key, choice.rings ? choiceName(choice, language) : t('funnel.opensMenu', { choice: choiceName(choice, language) }), choice.reached),
                )}
                {row('hung-up', t('funnel.hungUp'), menu.hungUp, 'yb-funnel__bar--gave-up')}
                {row('invalid', t('funnel.invalid'), menu.invalid, 'yb-funnel__bar--gave-up')}
                {menu.inMenu > 0 && row('in-menu', t('funnel.inMenu'), menu.inMenu, 'yb-funnel__bar--waiting')}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
