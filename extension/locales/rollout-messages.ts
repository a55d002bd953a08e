import type { MessageEntry } from './message-entry';

/** Invitations (the admin's list and the rep's link) and settings an organisation's policy presets. */
export const rolloutMessages = {
  'invites.title': { en: 'Invite reps', ja: '担当者を招待' },
  'invites.help': {
    en: 'Paste email addresses: one per line, a list copied from your mail, or a CSV with a name column. Each rep gets a one-time link, which you send from your own mail.',
    ja: 'メールアドレスを貼り付けてください（1行に1件、メールからコピーした宛先、または氏名の列がある CSV）。担当者ごとに 1回限りのリンクを作成します。リンクはご自分のメールで送ってください。',
  },
  'invites.addresses': { en: 'Email addresses', ja: 'メールアドレス' },
  'invites.csv': { en: 'Or read a CSV file', ja: 'または CSV ファイルを読み込む' },
  'invites.expiry': { en: 'Links work for', ja: 'リンクの有効期間' },
  'invites.days': { en: '{days} days', ja: '{days}日間' },
  'invites.days.one': { en: '1 day', ja: '1日間' },
  'invites.found': { en: 'Addresses found: {count}', ja: '読み取ったアドレス：{count}件' },
  'invites.rejected': { en: 'Left out (not an address): {items}', ja: 'アドレスではないため除外：{items}' },
  'invites.send': { en: 'Create invitations', ja: '招待を作成' },
  'invites.issued': {
    en: 'Send each rep their link. Links are shown only now: copy them, or open a ready email.',
    ja: '各担当者にリンクを送ってください。リンクは今だけ表示されます。コピーするか、作成済みのメールを開いてください。',
  },
  'invites.copy': { en: 'Copy link for {email}', ja: '{email} のリンクをコピー' },
  'invites.copied': { en: 'Copied', ja: 'コピーしました' },
  'invites.mail': { en: 'Email {email}', ja: '{email} にメール' },
  'invites.reissued': { en: 'Already invited: this new link replaces the old one.', ja: '招待済み：新しいリンクを発行しました（以前のリンクは使えません）。' },
  'invites.sameLink': {
    en: 'Just issued: this is the same link as a moment ago, and it still works.',
    ja: '発行済み：さきほど発行したリンクと同じです（このリンクは引き続き使えます）。',
  },
  'invites.existingUser': { en: 'Has an account: the link signs them in with their password.', ja: 'アカウントあり：このリンクから既存のパスワードでサインインできます。' },
  'invites.list': { en: 'Invitations', ja: '招待一覧' },
  'invites.none': { en: 'No invitations yet.', ja: '招待はまだありません。' },
  'invites.status': { en: 'Status', ja: '状態' },
  'invites.expires': { en: 'Valid until', ja: '有効期限' },
  'invites.status.pending': { en: 'Waiting', ja: '未承諾' },
  'invites.status.accepted': { en: 'Accepted', ja: '承諾済み' },
  'invites.status.revoked': { en: 'Withdrawn', ja: '取り消し済み' },
  'invites.status.expired': { en: 'Expired', ja: '期限切れ' },
  'invites.resend': { en: 'New link for {email}', ja: '{email} のリンクを再発行' },
  'invites.revoke': { en: 'Withdraw invitation for {email}', ja: '{email} への招待を取り消す' },

  'invite.have': { en: 'Have an invitation link?', ja: '招待リンクをお持ちの場合' },
  'invite.link': { en: 'Invitation link', ja: '招待リンク' },
  'invite.link.help': {
    en: 'Paste the link from your admin’s email: the server is filled in from it.',
    ja: '管理者からのメールにあるリンクを貼り付けてください。サーバーは自動で入力されます。',
  },
  'invite.link.invalid': {
    en: 'This is not an invitation link. Copy the whole link from the email.',
    ja: '招待リンクではありません。メールにあるリンク全体をコピーしてください。',
  },
  'invite.continue': { en: 'Continue', ja: '次へ' },
  'invite.for': { en: 'Invitation for {email} on {server}', ja: '{server} への招待（{email}）' },
  'invite.name': { en: 'Your name', ja: 'お名前' },
  'invite.newPassword': { en: 'Choose a password (8 characters or more)', ja: 'パスワードを決めてください（8文字以上）' },
  'invite.existingPassword': {
    en: 'You already have an account: your password',
    ja: 'アカウントをお持ちです。お使いのパスワード',
  },
  'invite.accept': { en: 'Accept and sign in', ja: '承諾してサインイン' },
  'invite.otherServer': {
    en: 'Your organisation set this extension to {server}; this invitation is for another server.',
    ja: 'この拡張機能は組織によって {server} に設定されています。この招待は別のサーバーのものです。',
  },

  'error.server_locked': {
    en: 'Your organisation set the server for this extension; it cannot be changed.',
    ja: 'この拡張機能のサーバーは組織によって設定されており、変更できません。',
  },

  'managed.setBy': { en: 'Set by your organisation', ja: '組織による設定' },
  'managed.serverLocked': {
    en: 'Your organisation set this server; it cannot be changed here.',
    ja: 'このサーバーは組織によって設定されており、ここでは変更できません。',
  },
  'managed.defaultLanguage': { en: 'Your organisation’s default: {language}', ja: '組織の既定：{language}' },
} satisfies Record<string, MessageEntry>;
