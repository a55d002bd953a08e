import type { MessageEntry } from './message-entry';

/** The options page's CRM tab: the Zoho CRM connection, user matching, parked deliveries, recordings. */
export const adminCrmMessages = {
  'tab.crm': { en: 'CRM', ja: 'CRM' },

  'crm.notConnected': {
    en: 'Zoho CRM is not connected. Calls stay in the call log and are sent once it is.',
    ja: 'Zoho CRM は未接続です。通話は通話履歴に残り、接続すると送信されます。',
  },
  'crm.dataCentre': { en: 'Data centre', ja: 'データセンター' },
  'crm.dc.US': { en: 'United States (zoho.com)', ja: 'アメリカ（zoho.com）' },
  'crm.dc.EU': { en: 'Europe (zoho.eu)', ja: 'ヨーロッパ（zoho.eu）' },
  'crm.dc.IN': { en: 'India (zoho.in)', ja: 'インド（zoho.in）' },
  'crm.dc.AU': { en: 'Australia (zoho.com.au)', ja: 'オーストラリア（zoho.com.au）' },
  'crm.dc.JP': { en: 'Japan (zoho.jp)', ja: '日本（zoho.jp）' },
  'crm.dc.CN': { en: 'China (zoho.com.cn)', ja: '中国（zoho.com.cn）' },
  'crm.dc.CA': { en: 'Canada (zohocloud.ca)', ja: 'カナダ（zohocloud.ca）' },
  'crm.dc.SA': { en: 'Saudi Arabia (zoho.sa)', ja: 'サウジアラビア（zoho.sa）' },
  'crm.dc.UK': { en: 'United Kingdom (zoho.uk)', ja: 'イギリス（zoho.uk）' },
  'crm.org': { en: 'Organisation', ja: '組織' },
  'crm.connectedUser': { en: 'Connected as', ja: '接続ユーザー' },
  'crm.connectedUser.value': { en: '{name} ({email})', ja: '{name}（{email}）' },
  'crm.connectedAt': { en: 'Connected on', ja: '接続日時' },
  'crm.client': { en: 'OAuth client', ja: 'OAuth クライアント' },
  'crm.client.self': { en: 'Self Client', ja: 'Self Client' },
  'crm.client.server': { en: 'This server’s client', ja: 'このサーバーのクライアント' },
  'crm.problem': { en: 'Deliveries are on hold: {reason}. Connect Zoho CRM again.', ja: '送信を停止しています：{reason}。Zoho CRM に再接続してください。' },
  // Stuck deliveries are 要対応, never 保留: in a phone's words 保留 is a call on hold.
  'crm.outbox': { en: 'Waiting to be sent: {pending} · need attention: {parked}', ja: '送信待ち：{pending}件 · 要対応：{parked}件' },
  'crm.reconnect': { en: 'Connect again', ja: '再接続' },
  'crm.disconnect': { en: 'Disconnect', ja: '接続を解除' },
  'crm.disconnect.confirm': {
    en: 'Disconnect Zoho CRM? Calls made meanwhile stay in the call log and are sent when you connect again.',
    ja: 'Zoho CRM との接続を解除しますか？ 解除中の通話は通話履歴に残り、再接続すると送信されます。',
  },

  'crm.connect.title': { en: 'Connect Zoho CRM', ja: 'Zoho CRM に接続' },
  'crm.signIn': { en: 'Sign in with Zoho', ja: 'Zoho でサインイン' },
  'crm.signIn.help': {
    en: 'Opens Zoho’s consent page in a new tab. Accept there, then come back and check the connection.',
    ja: '新しいタブで Zoho の同意画面を開きます。承認したらこの画面に戻り、接続を確認してください。',
  },
  'crm.signIn.opened': { en: 'Finish in the Zoho tab, then check the connection.', ja: 'Zoho のタブで操作を終えたら、接続を確認してください。' },
  'crm.signIn.check': { en: 'Check the connection', ja: '接続を確認' },
  'crm.signIn.unavailable': {
    en: 'This server has no Zoho client of its own (ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and PUBLIC_URL). Use a Self Client below.',
    ja: 'このサーバーには Zoho クライアントが設定されていません（ZOHO_CLIENT_ID、ZOHO_CLIENT_SECRET、PUBLIC_URL）。下の Self Client をお使いください。',
  },
  'crm.selfClient.title': { en: 'Or: a Self Client’s grant code', ja: 'または：Self Client のグラントコード' },
  'crm.selfClient.help': {
    en: 'In the Zoho API Console (of the data centre above), create a Self Client and generate a code with these scopes. A code lasts a few minutes.',
    ja: '上のデータセンターの Zoho API コンソールで Self Client を作成し、次のスコープでコードを生成してください。コードの有効期間は数分です。',
  },
  'crm.clientId': { en: 'Client ID', ja: 'クライアント ID' },
  'crm.clientSecret': { en: 'Client secret', ja: 'クライアントシークレット' },
  'crm.code': { en: 'Grant code', ja: 'グラントコード' },
  'crm.connect': { en: 'Connect', ja: '接続' },
  'crm.connecting': { en: 'Connecting…', ja: '接続中…' },

  'crm.error.required': { en: 'Enter this field.', ja: 'この項目を入力してください。' },

  'crm.users.title': { en: 'Reps and Zoho users', ja: '担当者と Zoho ユーザー' },
  'crm.users.help': {
    en: 'Calls are logged under the rep’s Zoho user, matched by email address.',
    ja: '通話は、メールアドレスで照合した担当者の Zoho ユーザーで記録されます。',
  },
  'crm.users.sync': { en: 'Match users', ja: 'ユーザーを照合' },
  'crm.users.syncing': { en: 'Matching…', ja: '照合中…' },
  'crm.users.matched': { en: 'Matched ({count})', ja: '照合済み（{count}人）' },
  'crm.users.unmatched': { en: 'No active Zoho user with this email ({count})', ja: '同じメールアドレスの有効な Zoho ユーザーなし（{count}人）' },
  'crm.users.matchedRow': { en: '{name} ({email}) → {crmName}', ja: '{name}（{email}）→ {crmName}' },
  'crm.users.unmatchedRow': { en: '{name} ({email})', ja: '{name}（{email}）' },
  'crm.users.none': { en: 'None', ja: 'なし' },

  'crm.parked.title': { en: 'Deliveries that need attention', ja: '対応が必要な送信' },
  'crm.parked.help': {
    en: 'Zoho refused these, or they failed too often. Fix the cause, then retry.',
    ja: 'Zoho に拒否されたか、失敗が続いた送信です。原因を解消してから再送してください。',
  },
  'crm.parked.empty': { en: 'No deliveries need attention.', ja: '対応が必要な送信はありません。' },
  'crm.parked.call': { en: 'Call', ja: '通話' },
  'crm.parked.kind': { en: 'What', ja: '内容' },
  'crm.parked.attempts': { en: 'Attempts', ja: '試行回数' },
  'crm.parked.reason': { en: 'Reason', ja: '理由' },
  'crm.parked.when': { en: 'When', ja: '日時' },
  'crm.parked.retry': { en: 'Retry', ja: '再送' },
  'crm.parked.retryOne': { en: 'Retry the {kind} of call {call}', ja: '通話 {call} の{kind}を再送' },
  'crm.parked.retryAll': { en: 'Retry all', ja: 'すべて再送' },
  'crm.parked.requeued': { en: 'Queued again: {count}', ja: '{count}件を再送待ちにしました' },
  'crm.kind.log-call': { en: 'call log', ja: '通話記録' },
  'crm.kind.update-call': { en: 'note update', ja: 'メモの更新' },
  'crm.kind.attach-recording': { en: 'recording', ja: '録音' },

  'crm.recordings.title': { en: 'Recordings', ja: '録音' },
  'crm.recordings.delete': {
    en: 'Delete each recording from Twilio once it is attached in the CRM',
    ja: 'CRM に添付した録音を Twilio から削除する',
  },
  'crm.recordings.delete.help': {
    en: 'Off: recordings stay on Twilio too (Twilio charges for storing them). On: the CRM note keeps the file; its Twilio link stops working.',
    ja: 'オフ：録音は Twilio にも残ります（Twilio の保存料金がかかります）。オン：ファイルは CRM のメモに残り、Twilio のリンクは使えなくなります。',
  },
} as const satisfies Record<string, MessageEntry>;
