/**
 * A Zoho CRM list view of any size, in the DOM shape of test/fixtures/crm-pages/zoho-list-view.html:
 * one `tr.lvRow` per record, phone and mobile in `span.cxPhoneViewValue.lvPhFld`, the record link in
 * the name cell. Numbers mix the formats reps see (hyphenated, full-width, +81); a few cells are empty
 * or masked, as in real orgs, so the expected button count is a little under two per row. The other
 * cells hold digits that are not phone numbers: a date and time, an amount, a postal code and a
 * zero-padded 14-digit order id. Ground truth: a value span whose text is neither empty nor masked is
 * callable; nothing else on the page is a phone number.
 */
export const ORG_PATH = '/crm/org90000001';
export const LIST_PATH = `${ORG_PATH}/tab/Leads/custom-view/4876876000000087501/list`;

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', 'さくら', '大輔', '愛', '翔', '結衣', '蓮'];

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';
const fullWidth = (text: string) => text.replace(/\d/g, (digit) => FULL_WIDTH_DIGITS[Number(digit)]!).replace(/-/g, '－');
const four = (n: number) => String(n % 10_000).padStart(4, '0');

/** The office number of record `n`, or null for the empty and masked cells (no button). */
function officePhone(n: number): { text: string; callable: boolean } {
  if (n % 50 === 5) return { text: '', callable: false };
  if (n % 50 === 11) return { text: `03-****-${four(n)}`, callable: false };
  switch (n % 3) {
    case 0:
      return { text: `03-1234-${four(n)}`, callable: true };
    case 1:
      return { text: fullWidth(`06-6123-${four(n)}`), callable: true };
    default:
      return { text: `+81 3-5555-${four(n)}`, callable: true };
  }
}

function mobilePhone(n: number): { text: string; callable: boolean } {
  if (n % 25 === 7) return { text: '', callable: false };
  return { text: `090-${four(1000 + (n % 9000))}-${four(n * 7)}`, callable: true };
}

/**
 * A 14-digit order id, zero-padded as order systems print them. libphonenumber's Japanese plan takes
 * "00" + a non-zero digit for a valid number, so a detector that trusts it marks every one.
 */
const orderId = (n: number) => String(120_000_000_000 + n * 7_919).padStart(14, '0');

const phoneCell = (className: string, text: string) =>
  `<td class="${className}"><div class="phoneRtl cxElemCompViewValue"><span class="cxPhoneViewValue lvPhFld">${text}</span></div></td>`;

export interface GeneratedRows {
  html: string;
  /** Numbers that must get a call button. */
  callable: number;
}

/** `count` rows for records `first`, `first + 1`, …; whitespace only between rows (as Lyte renders). */
export function listRows(first: number, count: number): GeneratedRows {
  const rows: string[] = [];
  let callable = 0;
  for (let n = first; n < first + count; n++) {
    const office = officePhone(n);
    const mobile = mobilePhone(n);
    callable += Number(office.callable) + Number(mobile.callable);
    const id = 4876876000000500000 + n;
    rows.push(
      `<tr class="lvRow" data-zcqa="lvRow_${n}" role="row">` +
        `<td class="lvCheckbox"><lyte-checkbox></lyte-checkbox></td>` +
        `<td class="lvName"><a class="lvRecLink" href="${ORG_PATH}/tab/Leads/${id}">${FAMILY[n % FAMILY.length]} ${GIVEN[n % GIVEN.length]}</a></td>` +
        `<td class="lvCompany">株式会社サンプル${String(n).padStart(4, '0')}</td>` +
        phoneCell('lvPhone', office.text) +
        phoneCell('lvMobile', mobile.text) +
        `<td class="lvEmail">lead${n}@example.jp</td>` +
        `<td class="lvCreated">2026-11-${String(1 + (n % 28)).padStart(2, '0')} 09:${String(n % 60).padStart(2, '0')}</td>` +
        `<td class="lvRevenue">¥${(1_234_567 * (n + 1)).toLocaleString('en-US')}</td>` +
        `<td class="lvZip">〒${String(100 + (n % 900)).padStart(3, '0')}-${four(n * 13)}</td>` +
        `<td class="lvOrder">${orderId(n)}</td>` +
        `</tr>`,
    );
  }
  return { html: rows.join('\n'), callable };
}

export interface ListPage extends GeneratedRows {
  rows: number;
}

/** The whole page; `headScript` runs before the body is parsed (probes that must see the load). */
export function zohoListPage(rowCount: number, headScript = ''): ListPage {
  const body = listRows(0, rowCount);
  const html = `<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>見込み客 - Zoho CRM</title>${headScript ? `<script>${headScript}</script>` : ''}</head>
<body>
<crm-list-view data-zcqa="listView">
  <div class="lvHeader"><span data-zcqa="cvName">すべての見込み客</span> <span class="lvCount">全${rowCount}件</span></div>
  <table class="lvTable">
    <thead><tr><th></th><th>見込み客名</th><th>会社名</th><th>電話</th><th>携帯</th><th>メール</th><th>作成日時</th><th>年間売上</th><th>郵便番号</th><th>注文番号</th></tr></thead>
    <tbody>
${body.html}
    </tbody>
  </table>
</crm-list-view>
</body>
</html>
`;
  return { html, callable: body.callable, rows: rowCount };
}
