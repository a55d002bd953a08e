import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { AppDeps, AppEnv } from '../http/deps.ts';

/**
 * The page an invite link opens (`<server>/invite#<token>`), in Japanese or English by the browser's
 * language. The token stays in the fragment: the page's script looks it up (same origin) and says
 * whether the link still works and for whom; it tells how to hand the link to the extension, or
 * where to get the extension. No extension can read this page unasked (it has no access to the
 * server's pages), so the rep pastes the link into the extension's settings: one paste, the server
 * is filled in from it.
 */

const TEXT = {
  ja: {
    title: '呼び出し（Yobidashi）への招待',
    intro: 'CRM の画面から電話をかけ、受けるための拡張機能「呼び出し」に招待されています。サーバー:',
    pending: '招待先: {email}（{expires} まで有効）',
    installed: '拡張機能をインストール済みの場合',
    installedSteps: 'ツールバーの「呼び出し」を右クリックして「オプション」（設定）を開き、「招待リンクをお持ちの場合」にこのページのアドレスを貼り付けてください。サーバーは自動で入力されます。パスワードを決めれば、そのままサインインできます。',
    copy: 'このリンクをコピー',
    copied: 'コピーしました',
    notInstalled: 'まだインストールしていない場合',
    getIt: '拡張機能はこちらから入手できます:',
    askAdmin: '拡張機能の入手先は管理者にお尋ねください。会社のポリシーで自動的にインストールされる場合もあります。',
    invite_unknown: 'この招待リンクは無効です。リンク全体がコピーされているか確認するか、管理者に新しいリンクを依頼してください。',
    invite_expired: 'この招待は有効期限が切れています。管理者に再送を依頼してください。',
    invite_used: 'この招待はすでに使われています。メールアドレスとパスワードでサインインしてください。',
    invite_revoked: 'この招待は管理者によって取り消されました。',
    unreachable: '招待を確認できませんでした。しばらくしてから再読み込みしてください。',
  },
  en: {
    title: 'Your invitation to Yobidashi',
    intro: 'You are invited to Yobidashi, the browser extension to make and take phone calls in your CRM. Server:',
    pending: 'Invitation for {email}, valid until {expires}.',
    installed: 'If the extension is installed',
    installedSteps: 'Right-click Yobidashi in the toolbar, open Options (settings), and paste this page’s address under “Have an invitation link?”. The server is filled in for you: choose your password and you are signed in.',
    copy: 'Copy this link',
    copied: 'Copied',
    notInstalled: 'If it is not installed yet',
    getIt: 'Get the extension here:',
    askAdmin: 'Ask your admin where to get the extension. Your company may also install it for you by policy.',
    invite_unknown: 'This invitation link is not valid. Check that it was copied whole, or ask your admin for a new one.',
    invite_expired: 'This invitation has expired. Ask your admin to send it again.',
    invite_used: 'This invitation has already been used. Sign in with your e-mail address and password.',
    invite_revoked: 'This invitation was withdrawn by your admin.',
    unreachable: 'The invitation could not be checked. Reload the page in a moment.',
  },
} as const;

/** The lookup's refusals that have a paragraph of their own; any other failure is `unreachable`. */
const REFUSALS = ['invite_unknown', 'invite_expired', 'invite_used', 'invite_revoked'] as const;
const STATUSES = [...REFUSALS, 'unreachable'] as const;

/** Japanese when the browser puts Japanese before English, else English. */
export function pageLanguage(acceptLanguage: string | undefined): 'ja' | 'en' {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter(({ tag, q }) => (tag.startsWith('ja') || tag.startsWith('en')) && q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('ja') ? 'ja' : 'en';
}

// Finds the token in the fragment, asks the server, and shows the matching paragraph. Anything but a
// refusal it knows (another error code, a proxy's HTML error page, a failed request) is "could not be checked".
const SCRIPT = `
const token = location.hash.slice(1);
const REFUSALS = ${JSON.stringify(REFUSALS)};
const show = (status) => document.querySelector('[data-status="' + status + '"]')?.removeAttribute('hidden');
const lang = document.documentElement.lang;
document.getElementById('server').textContent = location.href.replace(/[/]invite(#.*)?$/, '');
if (!/^yi_[\\w-]{43}$/.test(token)) show('invite_unknown');
else fetch(new URL('api/invites/lookup', location.href), {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }),
}).then(async (response) => {
  const body = await response.json().catch(() => null);
  const code = body?.error?.code;
  if (!response.ok || !body) return show(REFUSALS.includes(code) ? code : 'unreachable');
  const line = document.querySelector('[data-status="pending"]');
  const expires = new Date(body.expiresAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' });
  line.textContent = line.dataset.template.replace('{email}', body.email).replace('{expires}', expires);
  show('pending');
}).catch(() => show('unreachable'));
const copy = document.getElementById('copy');
copy.addEventListener('click', () => navigator.clipboard.writeText(location.href).then(() => { copy.textContent = copy.dataset.done; }));
`;

const STYLE = `body{font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}.status{padding:.75rem;border-radius:6px;background:#f1f5f9}
.status.bad{background:#fdecea}button{font:inherit;padding:.4rem .9rem}code{word-break:break-all}`;

export function invitePageRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const lang = pageLanguage(c.req.header('Accept-Language'));
      const t = TEXT[lang];
      const installUrl = deps.extensionInstallUrl ?? null;
      c.header('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'");
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-store');
      return c.html(html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title><link rel="stylesheet" href="invite/invite.css"></head>
<body>
<main>
<h1>${t.title}</h1>
<p>${t.intro} <code id="server"></code></p>
<p class="status" data-status="pending" data-template="${t.pending}" hidden></p>
${raw(STATUSES.map((status) => `<p class="status bad" data-status="${status}" role="alert" hidden>${t[status]}</p>`).join('\n'))}
<h2>${t.installed}</h2>
<p>${t.installedSteps}</p>
<p><button type="button" id="copy" data-done="${t.copied}">${t.copy}</button></p>
<h2>${t.notInstalled}</h2>
<p>${installUrl ? html`${t.getIt} <a href="${installUrl}">${installUrl}</a>` : t.askAdmin}</p>
</main>
<script src="invite/invite.js"></script>
</body>
</html>`);
    })
    .get('/invite.js', (c) => {
      c.header('Cache-Control', 'no-cache');
      return c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    })
    .get('/invite.css', (c) => c.body(STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }));
}
