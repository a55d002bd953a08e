/** The rep every browser test signs in as (apart from rep.ts, so that Node scripts can import the call world). */
export const REP = { id: 'rep_sato', name: '佐藤 花子', email: 'sato@example.jp', password: 'correct horse battery' };
