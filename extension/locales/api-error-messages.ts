import type { ApiErrorCode } from '../../contract/api-errors.ts';
import { KEY_PRESS_PLACEHOLDER, MENU_PLACEHOLDER } from '../../contract/menu-template.ts';
import type { MessageEntry } from './message-entry.ts';

/**
 * What a person reads for each code of the API's error contract (contract/api-errors.ts), in
 * Japanese and English. The type makes a code without both sentences a compile error; a test walks
 * every error the server can return through this dictionary. `{name}` is the code's param.
 *
 * Field problems (the codes after "Field issues") are shown under their field, so they do not name
 * it; whole-request errors say what to do next.
 */
export const apiErrorMessages: Record<ApiErrorCode, MessageEntry> = {
  // The HTTP edge
  no_route: {
    en: 'The server does not know this address. Check the server URL on the settings page (it ends at the host name, without /api).',
    ja: 'サーバーにこのアドレスがありません。設定ページのサーバー URL を確認してください（末尾に /api は付けません）。',
  },
  body_too_large: { en: 'What was sent is too large (at most {maxBytes}).', ja: '送信した内容が大きすぎます（上限 {maxBytes}）。' },
  invalid_json: { en: 'The server could not read the request. Reload the page and try again.', ja: 'サーバーがリクエストを読み取れませんでした。ページを再読み込みしてもう一度お試しください。' },
  json_too_deep: { en: 'What was sent is nested too deeply (at most {maxDepth} levels).', ja: '送信した内容の入れ子が深すぎます（最大 {maxDepth}階層）。' },
  json_too_many_values: { en: 'What was sent has too many values (at most {maxValues}).', ja: '送信した内容の項目が多すぎます（最大 {maxValues}個）。' },
  not_an_object: { en: 'The server could not read the request. Reload the page and try again.', ja: 'サーバーがリクエストを読み取れませんでした。ページを再読み込みしてもう一度お試しください。' },
  invalid_input: { en: 'Some fields need attention.', ja: '入力内容を確認してください。' },
  invalid_config: { en: 'The phone settings have problems; each is shown next to its field.', ja: '電話設定に問題があります。各項目の横に表示しています。' },
  unsupported_characters: { en: 'The text contains characters that cannot be saved.', ja: '保存できない文字が含まれています。' },
  internal: { en: 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.', ja: 'サーバーで問題が発生しました。もう一度お試しください。続く場合は管理者に連絡してください。' },

  // Sessions and limits
  unauthenticated: { en: 'Your session has ended. Sign in again.', ja: 'セッションが切れました。もう一度サインインしてください。' },
  forbidden: { en: 'Your role does not allow this.', ja: 'この操作を行う権限がありません。' },
  invalid_credentials: { en: 'Wrong email or password.', ja: 'メールアドレスまたはパスワードが違います。' },
  too_many_attempts: { en: 'Too many wrong passwords. Try again in {retryAfterMinutes} minutes.', ja: 'パスワードの誤りが多すぎます。{retryAfterMinutes}分後にもう一度お試しください。' },
  wrong_password: { en: 'The current password is not correct.', ja: '現在のパスワードが正しくありません。' },
  account_inactive: { en: 'Your account is deactivated. Ask your admin to reactivate it.', ja: 'アカウントが無効になっています。管理者に有効化を依頼してください。' },
  rate_limited: { en: 'Too many requests. Try again in {retryAfterSeconds} seconds.', ja: 'リクエストが多すぎます。{retryAfterSeconds}秒後にもう一度お試しください。' },

  // Resources
  user_not_found: { en: 'The user “{id}” does not exist (any more).', ja: 'ユーザー「{id}」は存在しません。' },
  user_exists: { en: 'A user “{id}” already exists.', ja: 'ユーザー「{id}」はすでに存在します。' },
  user_id_immutable: { en: 'A user’s ID cannot be changed.', ja: 'ユーザー ID は変更できません。' },
  incoming_number_not_found: { en: '{number} is not one of the incoming numbers.', ja: '{number} は着信番号に登録されていません。' },
  incoming_number_immutable: {
    en: 'The number itself cannot be changed ({number}). Add the other number, then delete this one.',
    ja: '番号そのもの（{number}）は変更できません。別の番号を追加してから、この番号を削除してください。',
  },
  outgoing_not_found: { en: '“{user}” has no outgoing number.', ja: '「{user}」には発信番号が設定されていません。' },
  config_changed: {
    en: 'Another admin changed the phone settings after this page read them. Reload the page and make your change again.',
    ja: 'このページが読み込んだ後に、別の管理者が電話設定を変更しました。ページを再読み込みして、もう一度変更してください。',
  },
  call_not_found: { en: 'This call cannot be found; it may have ended.', ja: 'この通話は見つかりません。すでに終了した可能性があります。' },
  not_rep_on_call: { en: 'Only the rep on the call can change its note and result.', ja: 'メモと結果を変更できるのは、その通話の担当者だけです。' },
  call_notes_full: {
    en: 'You have already kept {max} notes on this call, the most one person can.',
    ja: 'この通話に残せるメモは1人{max}件までです。すでに上限に達しています。',
  },
  call_taken_over: { en: '{owner} took this call over and will write its notes.', ja: '{owner}さんがこの通話を引き継ぎ、メモも記録します。' },
  call_owner_pending: {
    en: 'It is not settled yet who finished this call. Save again in a few seconds.',
    ja: 'この通話を最後に担当した人がまだ確定していません。数秒後にもう一度保存してください。',
  },
  outbox_entry_not_found: { en: 'This delivery no longer exists.', ja: 'この送信待ちの項目はもうありません。' },
  outbox_entry_not_parked: { en: 'This delivery no longer needs attention (it is {status}). Refresh the list.', ja: 'この送信はもう対応不要です（状態：{status}）。一覧を更新してください。' },
  follow_up_not_found: { en: 'This follow-up is no longer on your list.', ja: 'この項目はもう折り返しリストにありません。' },
  recording_not_found: { en: 'This follow-up has no voicemail to play.', ja: 'この折り返しの項目には再生できる留守番電話がありません。' },
  recording_unavailable: {
    en: 'Twilio did not hand out the voicemail. Try again in a moment.',
    ja: 'Twilio から留守番電話を取得できませんでした。少し待ってから再試行してください。',
  },

  // Invitations
  invite_unknown: {
    en: 'This invitation link is not valid. Check that it was copied whole, or ask your admin for a new one.',
    ja: 'この招待リンクは無効です。リンク全体がコピーされているか確認するか、管理者に新しいリンクを依頼してください。',
  },
  invite_expired: { en: 'This invitation has expired. Ask your admin to send it again.', ja: 'この招待は有効期限が切れています。管理者に再送を依頼してください。' },
  invite_used: {
    en: 'This invitation has already been used. Sign in with your email address and password.',
    ja: 'この招待はすでに使われています。メールアドレスとパスワードでサインインしてください。',
  },
  invite_revoked: { en: 'This invitation was withdrawn by your admin.', ja: 'この招待は管理者によって取り消されました。' },
  invite_not_found: { en: 'This invitation no longer exists.', ja: 'この招待はもうありません。' },
  invite_already_accepted: { en: 'This invitation has already been accepted.', ja: 'この招待はすでに承諾されています。' },
  invite_already_revoked: { en: 'This invitation was already withdrawn.', ja: 'この招待はすでに取り消されています。' },

  // Call control
  not_a_party: { en: 'Only someone on this call can do that.', ja: 'この通話に参加している人だけが操作できます。' },
  not_a_supervisor: { en: 'Only supervisors and admins can monitor calls.', ja: 'モニタリングはスーパーバイザーと管理者だけが行えます。' },
  call_not_live: { en: 'This call is not connected (it may have just ended).', ja: 'この通話はつながっていません（終了した可能性があります）。' },
  call_moving: { en: 'The call is being switched over. Try again in a few seconds.', ja: '通話を切り替えています。数秒後にもう一度お試しください。' },
  resume_recording_first: {
    en: 'This call cannot be switched over while its recording is paused. Hold, transfer, adding someone and monitoring become available once the recording is resumed.',
    ja: '録音を一時停止している間は、通話を切り替えられません。録音を再開すると、保留・転送・追加・モニタリングができるようになります。',
  },
  already_on_the_call: { en: 'They are already on this call.', ja: 'その相手はすでにこの通話に参加しています。' },
  cannot_transfer_to_self: { en: 'Choose a colleague other than yourself.', ja: 'ご自分以外の同僚を選んでください。' },
  transfer_in_progress: {
    en: 'A transfer is already under way on this call. Complete or cancel it first.',
    ja: 'この通話はすでに転送の途中です。先に完了するか、取りやめてください。',
  },
  no_transfer_in_progress: { en: 'There is no transfer of yours to complete or cancel.', ja: '完了または取りやめる転送はありません。' },
  consult_not_connected: { en: 'Your colleague has not answered yet.', ja: '相手がまだ応答していません。' },
  nobody_to_coach: { en: 'No rep is talking on this call to whisper to.', ja: 'ささやく相手の担当者が通話していません。' },
  caller_would_be_alone: {
    en: 'You are the only one still talking with the caller, so you cannot switch to listening. Keep talking, or stop monitoring to end the call.',
    ja: 'お客様と話しているのはご自身だけのため、「聞く」には切り替えられません。このまま話を続けるか、モニタリングを終了して通話を終えてください。',
  },
  colleague_unavailable: { en: 'That colleague is offline or on another call.', ja: 'その同僚はオフラインか、別の通話中です。' },
  unknown_colleague: { en: 'There is no such colleague.', ja: 'その同僚は見つかりません。' },
  destination_not_allowed: {
    en: 'This number cannot be called from here. Ask your admin which countries are allowed.',
    ja: 'この番号には発信できません。発信できる国を管理者に確認してください。',
  },
  call_changed: {
    en: 'The call changed while you asked. Look at it again and retry.',
    ja: '操作の間に通話の状態が変わりました。確認してから、もう一度お試しください。',
  },
  call_ended: { en: 'The call ended before this could be done.', ja: '操作の前に通話が終了しました。' },
  go_online_to_monitor: {
    en: 'Go online (and finish your own call) to monitor a call.',
    ja: 'モニタリングするには、オンラインにして、ご自分の通話を終えてください。',
  },
  finish_monitored_call_first: {
    en: 'On the call you barged into, nobody else is talking with the caller, so leaving would end that call. Finish it first, then monitor another call.',
    ja: '「参加する」でモニタリング中の通話では、お客様と話しているのがご自身だけのため、離れるとその通話が切れてしまいます。その通話を終えてから、別の通話をモニタリングしてください。',
  },
  monitored_call_is_yours: {
    en: 'You took over the call you were monitoring, so you are its rep now. Finish or transfer it first, then monitor another call.',
    ja: 'モニタリングしていた通話を引き継いだため、いまはご自身がその通話の担当者です。その通話を終えるか転送してから、別の通話をモニタリングしてください。',
  },
  still_leaving_call: {
    en: 'You are still being disconnected from your previous monitoring of this call. Try again in a moment.',
    ja: '前回のモニタリングの切断がまだ終わっていません。少し待ってからもう一度お試しください。',
  },
  call_not_recorded: {
    en: 'This call is not recorded, so there is no recording to pause or resume.',
    ja: 'この通話は録音されていないため、一時停止・再開する録音はありません。',
  },
  recording_not_active: {
    en: 'The call’s recording has not started yet, or has stopped. Try again in a moment.',
    ja: '通話の録音がまだ始まっていないか、止まっています。少し待ってからもう一度お試しください。',
  },

  // The live board and analytics
  too_many_board_streams: {
    en: 'Too many live boards are open for this account. Close one and try again.',
    ja: 'このアカウントで開いているライブボードが多すぎます。いずれかを閉じてから再試行してください。',
  },
  board_busy: { en: 'The server has too many live boards open. Try again in a minute.', ja: 'サーバーで開かれているライブボードが多すぎます。少し待ってから再試行してください。' },
  invalid_range: {
    en: 'Check the dates: give a start and an end, at most {maxDays} days apart.',
    ja: '日付を確認してください（開始日と終了日、最長 {maxDays}日）。',
  },

  // Audio uploads
  audio_not_found: { en: 'This audio file no longer exists.', ja: 'この音声ファイルはもうありません。' },
  audio_missing: { en: 'Choose an audio file to upload.', ja: 'アップロードする音声ファイルを選んでください。' },
  audio_too_large: {
    en: 'The audio file is larger than {maxMegabytes} MB. Shorten or compress it (mp3) and upload again.',
    ja: '音声ファイルが {maxMegabytes} MB を超えています。短くするか圧縮（mp3）してから再度アップロードしてください。',
  },
  audio_empty: { en: 'The audio file is empty.', ja: '音声ファイルが空です。' },
  audio_unsupported: {
    en: 'This file is not an mp3 or wav recording (checked by its content, not its name). Export it as mp3 or wav and upload again.',
    ja: 'このファイルは mp3 または wav の音声ではありません（ファイル名ではなく内容で判定しています）。mp3 か wav で書き出してから再度アップロードしてください。',
  },
  audio_in_use: {
    en: 'This audio file is still used by {numbers}. Choose another message there first.',
    ja: 'この音声ファイルは {numbers} で使用中です。先にそちらのメッセージを変更してください。',
  },
  audio_in_use_outgoing: {
    en: 'This audio file is the hold music of outgoing calls. Choose other music there first.',
    ja: 'この音声ファイルは発信時の保留音に使われています。先に別の保留音を選んでください。',
  },
  audio_in_use_recording_notice: {
    en: 'This audio file is the recording announcement. Choose another announcement there first.',
    ja: 'この音声ファイルは録音のお知らせに使われています。先に別のお知らせを選んでください。',
  },

  // Twilio setup
  twilio_not_configured: {
    en: 'Calling is not set up yet: an administrator needs to finish the Twilio settings on the settings page.',
    ja: '通話の設定がまだ完了していません。管理者が設定ページで Twilio の設定を済ませる必要があります。',
  },
  caller_id_not_usable: {
    en: '{number} is neither a number of your Twilio account nor a verified caller ID, so Twilio would refuse calls from it. Choose one from the list, or verify it in the Twilio Console.',
    ja: '{number} は Twilio アカウントの番号でも認証済みの発信者番号でもないため、Twilio はこの番号からの発信を拒否します。一覧から選ぶか、Twilio コンソールで認証してください。',
  },
  caller_id_unchecked: {
    en: 'Twilio could not confirm that {number} can be used as caller ID, so nothing was saved. Try again in a moment.',
    ja: '{number} が発信者番号として使えるか Twilio に確認できなかったため、保存していません。少し待ってから再試行してください。',
  },
  public_url_missing: {
    en: 'PUBLIC_URL is not set, so Twilio cannot reach this server. Set it to the server’s public HTTPS address and restart.',
    ja: 'PUBLIC_URL が設定されていないため、Twilio がこのサーバーに接続できません。サーバーの公開 HTTPS アドレスを設定して再起動してください。',
  },
  preview_failed: {
    en: 'The call flow refused the preview ({path} answered {status}). Run the setup check.',
    ja: '通話フローがプレビューを拒否しました（{path} が {status} を返しました）。セットアップチェックを実行してください。',
  },
  no_fix: { en: 'There is no automatic repair for this. Follow the advice in its message.', ja: 'これは自動で修復できません。メッセージの案内に従ってください。' },
  not_an_incoming_number: { en: 'Add {number} as an incoming number first, then connect it.', ja: '先に {number} を着信番号として追加してから接続してください。' },
  number_in_use: {
    en: '{number} currently answers calls elsewhere ({target}). Connecting it sends its calls to Yobidashi instead; removing it later restores the current setting.',
    ja: '{number} は現在、別の設定（{target}）で着信を処理しています。接続すると着信は呼び出しに届くようになります。後で削除すると現在の設定に戻ります。',
  },
  not_connected: { en: 'This Twilio number is not connected to any incoming number here.', ja: 'この Twilio 番号はどの着信番号にも接続されていません。' },
  twilio_auth_failed: {
    en: 'Twilio rejected the Account SID or Auth Token. Copy both again from the Twilio Console (Account Info) and check that the token was not rotated.',
    ja: 'アカウント SID または Auth Token が Twilio に拒否されました。Twilio コンソールの「Account Info」から両方をコピーし直し、Auth Token が更新されていないか確認してください。',
  },
  twilio_test_credentials: {
    en: 'These are Twilio test credentials. Enter the live Account SID and Auth Token instead.',
    ja: 'これは Twilio のテスト用認証情報です。本番用のアカウント SID と Auth Token を入力してください。',
  },
  twilio_not_found: {
    en: 'Twilio could not find this resource. It may have been deleted in the Twilio Console; run the setup check to repair it.',
    ja: 'Twilio 上に該当するリソースが見つかりません。Twilio コンソールで削除された可能性があります。セットアップチェックを実行して修復してください。',
  },
  twilio_account_suspended: {
    en: 'This Twilio account is suspended. Calls cannot be made until it is reactivated; check billing or contact Twilio support.',
    ja: 'この Twilio アカウントは停止されています。再開されるまで通話できません。請求情報を確認するか Twilio サポートに連絡してください。',
  },
  twilio_account_closed: { en: 'This Twilio account is closed. Use the credentials of an active account.', ja: 'この Twilio アカウントは解約済みです。有効なアカウントの認証情報を入力してください。' },
  twilio_account_inactive: {
    en: 'This Twilio account is not active (suspended or closed). Check its status in the Twilio Console.',
    ja: 'この Twilio アカウントは有効ではありません（停止中または解約済み）。Twilio コンソールで状態を確認してください。',
  },
  twilio_trial_unverified_number: {
    en: 'This is a Twilio trial account: it can only call numbers verified in the Twilio Console. Verify the number or upgrade the account.',
    ja: 'Twilio のトライアルアカウントでは、Twilio コンソールで認証済みの番号にしか発信できません。番号を認証するか、アカウントをアップグレードしてください。',
  },
  twilio_geo_permission: {
    en: 'The Twilio account is not allowed to call this country. Enable it under Voice → Settings → Geo permissions in the Twilio Console.',
    ja: 'この Twilio アカウントはこの国への発信が許可されていません。Twilio コンソールの「Voice → Settings → Geo permissions」で許可してください。',
  },
  twilio_rate_limited: { en: 'Twilio received too many requests. Wait a minute and try again.', ja: 'Twilio へのリクエストが多すぎます。1分ほど待ってから再試行してください。' },
  twilio_unreachable: {
    en: 'The server could not reach Twilio. Check the server’s internet connection (or TWILIO_API_URL) and try again.',
    ja: 'サーバーから Twilio に接続できませんでした。サーバーのネットワーク接続（または TWILIO_API_URL）を確認して再試行してください。',
  },
  twilio_unavailable: { en: 'Twilio is having a problem right now. Try again in a few minutes.', ja: 'Twilio 側で障害が発生しています。数分後に再試行してください。' },
  // Twilio's own reason is English only; it is kept out of the sentence (the page shows Twilio's link).
  twilio_rejected: { en: 'Twilio refused the change.', ja: 'Twilio が変更を受け付けませんでした。' },
  // Shown under the Auth Token field when it is typed, and above the account when it was stored before this check existed.
  twilio_secondary_auth_token: {
    en: 'This is the secondary Auth Token. Twilio signs the calls it sends to this server with the primary one, so enter the primary Auth Token (Twilio Console → Account Info). Rotating tokens? Promote the secondary to primary first.',
    ja: 'これはセカンダリの Auth Token です。Twilio はこのサーバーに送る着信・発信の通知にプライマリの Auth Token で署名するため、プライマリの Auth Token を入力してください（Twilio コンソールの「Account Info」）。トークンを切り替える途中であれば、先にセカンダリをプライマリに昇格してください。',
  },
  twilio_secrets_unreadable: {
    en: 'The server can no longer decrypt the stored Auth Token: its SECRET_KEY (or DATA_DIR/secret.key) changed since it was saved. Calls and voice tokens stop until you enter the Auth Token again (a new API key is then created).',
    ja: 'サーバーの SECRET_KEY（または DATA_DIR/secret.key）が保存時から変わったため、保存済みの Auth Token を復号できません。Auth Token をもう一度入力するまで通話も音声トークンの発行もできません（入力すると API キーは新しく作成されます）。',
  },

  // The CRM
  crm_not_connected: { en: 'Connect Zoho CRM first.', ja: '先に Zoho CRM に接続してください。' },
  zoho_client_missing: { en: 'Enter the Self Client’s client ID and secret.', ja: 'Self Client のクライアント ID とシークレットを入力してください。' },
  zoho_server_client_missing: {
    en: 'Signing in with Zoho is not set up on this server. Use a Self Client below.',
    ja: 'このサーバーでは「Zoho でサインイン」が設定されていません。下の Self Client を使ってください。',
  },
  zoho_unavailable: { en: 'Zoho did not answer. Try again in a moment.', ja: 'Zoho から応答がありません。しばらくしてから再試行してください。' },
  zoho_invalid_code: {
    en: 'Zoho refused this grant code: it is wrong, expired or already used. Generate a new one.',
    ja: 'Zoho がこのグラントコードを拒否しました。誤り、期限切れ、または使用済みです。新しいコードを生成してください。',
  },
  zoho_invalid_client: {
    en: 'Zoho does not know this client ID and secret in the chosen data centre.',
    ja: '選択したデータセンターの Zoho に、このクライアント ID とシークレットは登録されていません。',
  },
  zoho_untrusted_api_domain: {
    en: 'Zoho named an API address outside this data centre, so nothing was sent there. Check the data centre and connect again.',
    ja: 'Zoho がこのデータセンター以外の API アドレスを指定したため、何も送信していません。データセンターを確認して、もう一度接続してください。',
  },
  zoho_rejected: { en: 'Zoho refused the connection ({zohoCode}).', ja: 'Zoho が接続を拒否しました（{zohoCode}）。' },
  zoho_scope_missing: {
    en: 'This grant code lacks scopes Yobidashi needs: {scopes}. Nothing was connected. Generate a new code with every scope listed on this page.',
    ja: 'このグラントコードには必要なスコープがありません：{scopes}。接続していません。このページに記載のスコープをすべて指定して、新しいコードを生成してください。',
  },
  // Shown above the connection in the CRM tab (the status's `problemCode`), not as a refusal.
  zoho_secrets_unreadable: {
    en: 'The server can no longer decrypt the stored Zoho CRM connection: its SECRET_KEY (or DATA_DIR/secret.key) changed since Zoho CRM was connected. Until you connect Zoho CRM again, incoming calls show no CRM record and call logs wait to be sent.',
    ja: 'サーバーの SECRET_KEY（または DATA_DIR/secret.key）が接続時から変わったため、保存済みの Zoho CRM の接続情報を復号できません。Zoho CRM にもう一度接続するまで、着信時に CRM のレコードは表示されず、通話記録は送信待ちのまま保持されます。',
  },

  // Field issues: the shape of a value
  required: { en: 'Fill in this field.', ja: 'この項目を入力してください。' },
  empty: { en: 'Fill in this field.', ja: 'この項目を入力してください。' },
  invalid_characters: { en: 'Contains characters that cannot be saved.', ja: '保存できない文字が含まれています。' },
  expected_text: { en: 'Enter text.', ja: '文字で入力してください。' },
  expected_number: { en: 'Enter a number.', ja: '数値を入力してください。' },
  expected_whole_number: { en: 'Enter a whole number.', ja: '整数を入力してください。' },
  expected_true_false: { en: 'Choose yes or no.', ja: 'はい・いいえで選んでください。' },
  expected_object: { en: 'This part has the wrong form.', ja: 'この部分の形式が正しくありません。' },
  expected_list: { en: 'This part must be a list.', ja: 'この部分は一覧（リスト）にしてください。' },
  too_long: { en: 'At most {max} characters.', ja: '{max}文字以内で入力してください。' },
  too_small: { en: 'At least {min}.', ja: '{min} 以上にしてください。' },
  too_large: { en: 'At most {max}.', ja: '{max} 以下にしてください。' },
  too_many_items: { en: 'At most {max} items.', ja: '{max}個までにしてください。' },
  not_one_of: { en: 'Choose one of: {options}.', ja: '次のいずれかを選んでください：{options}' },
  unknown_fields: { en: 'Unknown field(s): {fields}.', ja: '不明な項目があります：{fields}' },
  invalid_email: { en: 'Enter a valid email address.', ja: '正しいメールアドレスを入力してください。' },
  not_https_url: { en: 'Enter an address starting with https://.', ja: 'https:// で始まるアドレスを入力してください。' },
  invalid_date: { en: 'Enter a date (2026-11-24).', ja: '日付（2026-11-24 の形式）を入力してください。' },
  invalid_user_id: { en: 'Use letters, digits and underscore only.', ja: '半角英数字とアンダースコア（_）のみ使用できます。' },
  invalid_account_sid: { en: 'An Account SID is AC followed by 32 hex digits.', ja: 'アカウント SID は「AC」と 16進数 32桁です。' },
  invalid_auth_token: { en: 'An Auth Token is 32 hex digits.', ja: 'Auth Token は 16進数 32桁です。' },
  invalid_api_key_sid: { en: 'An API key SID is SK followed by 32 hex digits.', ja: 'API キー SID は「SK」と 16進数 32桁です。' },
  invalid_twiml_app_sid: { en: 'A TwiML App SID is AP followed by 32 hex digits.', ja: 'TwiML アプリ SID は「AP」と 16進数 32桁です。' },
  invalid_phone_number_sid: { en: 'A phone number SID is PN followed by 32 hex digits.', ja: '電話番号 SID は「PN」と 16進数 32桁です。' },
  invalid_country_code: { en: 'A country is two capital letters (JP, US).', ja: '国は大文字 2文字（JP、US など）で指定してください。' },
  invalid_key_press: { en: 'One key: 0–9, * or #.', ja: '0〜9、*、# のいずれか 1つのキーです。' },
  invalid_menu_branch: {
    en: 'A menu branch is the keys (1–9) pressed at each level, in order (e.g. 21), at most 10 levels.',
    ja: 'メニューの分岐は、各階層で押すキー（1〜9）を順に並べて指定してください（例：21）。最大10階層です。',
  },
  invalid_cursor: { en: 'This page of the list is no longer available. Reload the list.', ja: 'この一覧のページは利用できなくなりました。一覧を再読み込みしてください。' },
  client_id_and_secret_together: { en: 'Enter the client ID and the secret together.', ja: 'クライアント ID とシークレットは両方入力してください。' },
  nothing_to_change: { en: 'Write a note or choose a result.', ja: 'メモを入力するか、結果を選んでください。' },
  invalid_invite_token: { en: 'This is not an invitation link.', ja: '招待リンクではありません。' },
  invalid_time_zone: { en: 'That is not a time zone name (for example Asia/Tokyo).', ja: 'タイムゾーンの名前ではありません（例：Asia/Tokyo）。' },
  invalid_calendar_date: { en: 'Enter a date as YYYY-MM-DD (2026-11-24).', ja: '日付を YYYY-MM-DD（2026-11-24 など）の形式で入力してください。' },
  invalid_time_of_day: { en: 'Enter a time as HH:MM (09:00).', ja: '時刻を HH:MM（09:00 など）の形式で入力してください。' },

  // Field issues: business hours and the waiting line
  open_day_needs_hours: { en: 'An open day needs its opening hours.', ja: '営業日には営業時間を指定してください。' },
  hours_range_order: { en: 'The end ({to}) is before the start ({from}).', ja: '終了時刻（{to}）が開始時刻（{from}）より前です。' },
  hours_ranges_overlap: { en: 'Overlaps range {range} of the same day.', ja: '同じ日の {range}番目の時間帯と重なっています。' },
  hours_dates_order: { en: 'The last day ({to}) is before the first ({from}).', ja: '終了日（{to}）が開始日（{from}）より前です。' },
  hours_required: {
    en: '“Only in business hours” needs business hours on this number.',
    ja: '「営業時間内のみ」にするには、この番号に営業時間を設定してください。',
  },
  forward_not_a_number: { en: '“{number}” is not a valid phone number to forward to.', ja: '「{number}」は転送先として正しい電話番号ではありません。' },
  forward_premium_rate: { en: '“{number}” is a premium-rate number: calls are not forwarded to it.', ja: '「{number}」は高額課金番号のため、転送先にできません。' },
  forward_country_not_allowed: {
    en: '“{number}” is in a country outgoing calls may not reach. Allow the country first.',
    ja: '「{number}」は発信が許可されていない国の番号です。先にその国を許可してください。',
  },
  queue_keys_same: { en: 'The voicemail key and the call-back key are both “{key}”: choose two different keys.', ja: '留守番電話と折り返し依頼が同じキー「{key}」です。別々のキーを選んでください。' },

  // Field issues: the phone configuration's rules
  no_users_chosen: { en: 'Choose at least one user.', ja: 'ユーザーを 1人以上選んでください。' },
  menu_key_range: { en: 'Keys are 1–9.', ja: 'キーは 1〜9 です。' },
  label_missing: { en: 'Every item needs a label.', ja: 'すべての項目にラベルが必要です。' },
  ivr_menu_empty: { en: 'An IVR needs at least one item.', ja: 'IVR には 1つ以上の項目が必要です。' },
  submenu_empty: { en: 'A submenu needs at least one item.', ja: 'サブメニューには 1つ以上の項目が必要です。' },
  menu_too_many_items: { en: 'A menu has at most {max} items (keys 1–9).', ja: 'メニューの項目は最大 {max}個です（キー 1〜9）。' },
  cycles_one_or_two: { en: 'Sequential ringing goes through the list once or twice.', ja: '順番に呼び出す回数は 1周か 2周です。' },
  // {min} and {max} are seconds; the page words them as a duration ("10秒" / "1時間", api-error-text.ts).
  voicemail_length_range: { en: 'The longest voicemail must be from {min} to {max}.', ja: '留守番電話の最長録音時間は {min}〜{max}の範囲で指定してください。' },
  unknown_country: { en: 'Unknown country “{country}”.', ja: '「{country}」は不明な国コードです。' },
  not_a_phone_number: {
    en: '“{value}” is not a valid phone number (national numbers are read as {country}).',
    ja: '「{value}」は正しい電話番号ではありません（国内番号は {country} の番号として読み取ります）。',
  },
  duplicate_number: { en: '{number} is already one of the incoming numbers.', ja: '{number} はすでに着信番号に登録されています。' },
  unknown_user: { en: 'There is no user “{user}”.', ja: 'ユーザー「{user}」は存在しません。' },
  user_deactivated: { en: '“{user}” is deactivated.', ja: '「{user}」は無効化されています。' },
  user_listed_twice: { en: '“{user}” is listed twice.', ja: '「{user}」が 2回指定されています。' },
  duplicate_outgoing_user: { en: '“{user}” already has an outgoing number.', ja: '「{user}」にはすでに発信番号が設定されています。' },
  duplicate_user_id: { en: 'The ID “{id}” is used by another user.', ja: 'ID「{id}」は別のユーザーが使用しています。' },
  duplicate_email: { en: '{email} is used by another user.', ja: '{email} は別のユーザーが使用しています。' },
  password_too_short: { en: 'A password needs at least {min} characters.', ja: 'パスワードは {min}文字以上にしてください。' },
  new_user_needs_password: { en: 'A new user needs a password.', ja: '新しいユーザーにはパスワードが必要です。' },
  no_active_admin: {
    en: 'Keep at least one active admin, or nobody could manage the phone setup.',
    ja: '有効な管理者を 1人以上残してください。いないと電話設定を管理できなくなります。',
  },
  cannot_remove_self: { en: 'You cannot remove your own account.', ja: '自分のアカウントは削除できません。' },
  cannot_demote_self: { en: 'You cannot remove your own admin role.', ja: '自分の管理者権限は外せません。' },
  cannot_deactivate_self: { en: 'You cannot deactivate your own account.', ja: '自分のアカウントは無効化できません。' },
  duplicate_menu_key: { en: 'Key {key} is already used by “{label}” in this menu.', ja: 'キー {key} はこのメニューの「{label}」で使用済みです。' },
  menu_too_deep: { en: 'Menus nest at most {max} levels deep.', ja: 'メニューの階層は最大 {max}階層です。' },
  repeat_needs_sequential: { en: 'A second round applies to sequential ringing only.', ja: '2周目の呼び出しは「順番に呼び出す」場合のみ設定できます。' },
  cycles_need_sequential: { en: 'A second round applies to sequential ringing only.', ja: '2周目の呼び出しは「順番に呼び出す」場合のみ設定できます。' },
  ivr_text_prompts_only: {
    en: 'An IVR with submenus plays text messages only, not audio files or URLs.',
    ja: 'サブメニューのある IVR では、音声ファイルや URL ではなくテキストのメッセージのみ使用できます。',
  },
  menu_template_placeholders: { en: 'The menu sentence must contain {missing}.', ja: 'メニューの読み上げ文には{missing}を含めてください。' },
  voice_language_mismatch: { en: '{voice} speaks {spoken}, not {language}.', ja: '{voice} は {spoken} の音声です（{language} ではありません）。' },
  voice_not_offered: { en: 'Twilio has no voice {voice} for {language}. Choose one from the list.', ja: 'Twilio には {language} 用の音声 {voice} がありません。一覧から選んでください。' },
  say_too_long: {
    en: 'Too long for Twilio to read out: shorten it by at least {over} characters.',
    ja: 'Twilio で読み上げるには長すぎます。{over}文字以上短くしてください。',
  },
  menu_sentence_too_long: {
    en: 'With “{label}” in it, the menu sentence is too long for Twilio to read out: shorten the sentence or that label by at least {over} characters.',
    ja: '「{label}」を入れると、メニューの読み上げ文が長すぎて Twilio で読み上げられません。読み上げ文かメニュー名を {over}文字以上短くしてください。',
  },
  masked_secret_not_stored: { en: 'Nothing is stored on this server to keep: enter the value.', ja: 'このサーバーには保持できる値が保存されていません。値を入力してください。' },
  twilio_change_needs_twilio_step: {
    en: 'This changes only on the Twilio step, which checks it with Twilio. Leave the stored value in the file.',
    ja: 'この値は Twilio の設定ステップでのみ変更できます（Twilio で確認するため）。ファイルには保存済みの値を残してください。',
  },
  connected_number_removed: {
    en: '{number} is connected to a Twilio number. Delete it on the numbers page first, which gives the Twilio number back.',
    ja: '{number} は Twilio の番号に接続されています。先に番号のページで削除してください（Twilio の番号の設定が元に戻ります）。',
  },
  masked_secret_mismatch: {
    en: '{value} does not match the stored value ({stored}): enter it, or leave the field out to keep the stored one.',
    ja: '{value} は保存済みの値（{stored}）と一致しません。値を入力するか、項目を省略して保存済みの値を使ってください。',
  },
};

/** What to show for a code this extension does not know (a newer server), or a sentence missing its params. */
export const apiErrorFallback: MessageEntry = {
  en: 'The server could not do this. Try again; if it keeps happening, tell your administrator.',
  ja: 'サーバーで処理できませんでした。もう一度お試しください。続く場合は管理者に連絡してください。',
};

/** A field problem the extension cannot word (an unknown code). */
export const issueFallback: MessageEntry = { en: 'This value is not accepted.', ja: 'この値は受け付けられません。' };

/**
 * The sentence for a count of exactly one, where English needs the singular ("1 minute", not
 * "1 minutes"): `count` names the param that decides. Japanese has no plural and reads the same.
 */
export const apiErrorSingulars: Partial<Record<ApiErrorCode, MessageEntry & { readonly count: string }>> = {
  say_too_long: {
    count: 'over',
    en: 'Too long for Twilio to read out: shorten it by at least {over} character.',
    ja: 'Twilio で読み上げるには長すぎます。{over}文字以上短くしてください。',
  },
  menu_sentence_too_long: {
    count: 'over',
    en: 'With “{label}” in it, the menu sentence is too long for Twilio to read out: shorten the sentence or that label by at least {over} character.',
    ja: '「{label}」を入れると、メニューの読み上げ文が長すぎて Twilio で読み上げられません。読み上げ文かメニュー名を {over}文字以上短くしてください。',
  },
  too_many_attempts: {
    count: 'retryAfterMinutes',
    en: 'Too many wrong passwords. Try again in {retryAfterMinutes} minute.',
    ja: 'パスワードの誤りが多すぎます。{retryAfterMinutes}分後にもう一度お試しください。',
  },
  rate_limited: {
    count: 'retryAfterSeconds',
    en: 'Too many requests. Try again in {retryAfterSeconds} second.',
    ja: 'リクエストが多すぎます。{retryAfterSeconds}秒後にもう一度お試しください。',
  },
};

/**
 * Words for the internal values some params carry, so that no sentence shows one: a delivery's
 * state (`crm_outbox.status`) and the menu sentence's placeholders, which the options page names
 * with the same words as its menu sentence editor (`voice.menu.slot.*`).
 */
export const apiErrorValueWords = {
  outboxStatus: {
    pending: { en: 'waiting to be sent', ja: '送信待ち' },
    sending: { en: 'being sent', ja: '送信中' },
    done: { en: 'already sent', ja: '送信済み' },
    parked: { en: 'waiting for attention', ja: '要対応' },
  },
  menuPlaceholder: {
    [MENU_PLACEHOLDER]: { en: 'menu name', ja: 'メニュー名' },
    [KEY_PRESS_PLACEHOLDER]: { en: 'key', ja: 'キー番号' },
  },
} as const satisfies Record<string, Record<string, MessageEntry>>;

/** How values are listed inside a sentence: `ja-JP、en-US` / `ja-JP, en-US`; a name quoted as the page quotes it. */
/** A length of time in the unit people say it in: `{count}` is a whole number of that unit. */
export const apiErrorDurationWords = {
  hour: { en: '{count} hours', ja: '{count}時間' },
  minute: { en: '{count} minutes', ja: '{count}分' },
  second: { en: '{count} seconds', ja: '{count}秒' },
  oneHour: { en: '1 hour', ja: '1時間' },
  oneMinute: { en: '1 minute', ja: '1分' },
  oneSecond: { en: '1 second', ja: '1秒' },
} as const satisfies Record<string, MessageEntry>;

export const apiErrorListWords = {
  separator: { en: ', ', ja: '、' },
  and: { en: ' and ', ja: 'と' },
  quoted: { en: '“{text}”', ja: '「{text}」' },
} as const satisfies Record<string, MessageEntry>;
