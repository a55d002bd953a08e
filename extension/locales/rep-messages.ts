import { callControlMessages } from './call-control-messages';
import type { MessageEntry } from './message-entry';

/** What a rep sees: popup, page cards, launcher. */
export const repMessages = {
  'app.name': { en: 'Yobidashi', ja: '呼び出し' },

  'common.save': { en: 'Save', ja: '保存' },
  'common.saving': { en: 'Saving…', ja: '保存中…' },
  'common.saved': { en: 'Saved', ja: '保存しました' },
  'common.cancel': { en: 'Cancel', ja: 'キャンセル' },
  'common.close': { en: 'Close', ja: '閉じる' },
  'common.retry': { en: 'Try again', ja: '再試行' },
  'common.loading': { en: 'Loading…', ja: '読み込み中…' },
  'common.delete': { en: 'Delete', ja: '削除' },
  'common.edit': { en: 'Edit', ja: '編集' },
  'common.add': { en: 'Add', ja: '追加' },
  'common.refresh': { en: 'Refresh', ja: '更新' },
  'common.any': { en: 'Any', ja: 'すべて' },
  // A label before its value: Japanese sets a full-width colon with nothing after it (着信番号：050-…).
  'common.label': { en: '{label}: ', ja: '{label}：' },
  'common.unsavedChanges': {
    en: 'You have unsaved changes. Leaving now discards them.',
    ja: '保存していない変更があります。移動すると変更は失われます。',
  },

  'error.network': { en: 'Cannot reach the server. Check your network.', ja: 'サーバーに接続できません。ネットワークを確認してください。' },
  'error.unauthorized': { en: 'Your session has ended. Sign in again.', ja: 'セッションが切れました。もう一度サインインしてください。' },
  'error.forbidden': { en: 'Only admins can do this.', ja: 'この操作は管理者のみ行えます。' },
  'error.validation': { en: 'Some fields need attention.', ja: '入力内容を確認してください。' },
  'error.unexpected': {
    en: 'Something went wrong. Try again; if it keeps happening, tell your admin.',
    ja: '問題が発生しました。もう一度お試しください。繰り返す場合は管理者に連絡してください。',
  },
  'error.noCall': { en: 'This call is no longer ringing.', ja: 'この着信はすでに終了しています。' },

  'status.offline': { en: 'Offline', ja: 'オフライン' },
  'status.offline.help': { en: 'Go online to make and receive calls.', ja: 'オンラインにすると発着信できます。' },
  'status.connecting': { en: 'Connecting…', ja: '接続中…' },
  'status.connecting.help': {
    en: 'Registering your phone with Twilio. This takes a few seconds.',
    ja: '電話を Twilio に登録しています。数秒お待ちください。',
  },
  'status.ready': { en: 'Ready', ja: '発着信できます' },
  'status.ready.help': { en: 'You can make and receive calls.', ja: '電話をかけたり受けたりできます。' },
  'status.no-microphone': { en: 'No microphone', ja: 'マイクが使えません' },
  'status.no-microphone.help': {
    en: 'Allow the microphone once in the settings page (My account › Microphone).',
    ja: '設定ページ（あなたのアカウント › マイク）でマイクを一度許可してください。',
  },
  'status.server-unreachable': { en: 'Server unreachable', ja: 'サーバーに接続できません' },
  'status.server-unreachable.help': {
    en: 'Check your network and the server URL in the settings page.',
    ja: 'ネットワークと、設定ページのサーバー URL を確認してください。',
  },
  'status.twilio-unreachable': { en: "Can't reach Twilio", ja: 'Twilio に接続できません' },
  'status.twilio-unreachable.help': {
    en: 'Your network or a firewall may be blocking Twilio (*.twilio.com), or Twilio has an outage (status.twilio.com).',
    ja: 'ネットワークやファイアウォールが Twilio（*.twilio.com）への接続を妨げているか、Twilio で障害が起きている可能性があります（status.twilio.com）。',
  },

  'availability.online': { en: 'Online', ja: 'オンライン' },
  'availability.goOnline': { en: 'Go online', ja: 'オンラインにする' },
  'availability.offlineEndsCall': {
    en: 'Going offline ends the call you are on. Go offline anyway?',
    ja: 'オフラインにすると、いまの通話が終了します。オフラインにしますか？',
  },
  'availability.goOffline': { en: 'End the call and go offline', ja: '通話を終了してオフラインにする' },
  'availability.stayOnline': { en: 'Stay on the call', ja: '通話を続ける' },

  'dialer.title': { en: 'Dialer', ja: 'ダイヤル' },
  'dialer.number.label': { en: 'Phone number', ja: '電話番号' },
  'dialer.number.placeholder': { en: 'e.g. 03-1234-5678', ja: '例：03-1234-5678' },
  'dialer.call': { en: 'Call', ja: '発信' },
  'dialer.backspace': { en: 'Delete last digit', ja: '1文字削除' },
  'dialer.invalid': { en: 'This does not look like a phone number. Check it, with the area code.', ja: '電話番号として認識できません。市外局番から入力されているか確認してください。' },
  'dialer.keypad': { en: 'Keypad', ja: 'キーパッド' },
  'dialer.zeroOrPlus': { en: '0 (hold for +)', ja: '0（長押しで＋）' },

  'call.dialing': { en: 'Calling…', ja: '発信中…' },
  'call.ringing-out': { en: 'Ringing…', ja: '呼び出し中…' },
  'call.incoming': { en: 'Incoming call', ja: '着信' },
  'call.in-call': { en: 'On a call', ja: '通話中' },
  'call.wrap-up': { en: 'Call ended', ja: '通話終了' },
  'call.mute': { en: 'Mute', ja: 'ミュート' },
  'call.unmute': { en: 'Unmute', ja: 'ミュート解除' },
  'call.muted': { en: 'Muted', ja: 'ミュート中' },
  'call.hold': { en: 'Hold', ja: '保留' },
  'call.hangUp': { en: 'Hang up', ja: '通話終了' },
  'call.keypad': { en: 'Keypad', ja: 'キーパッド' },
  'call.hideKeypad': { en: 'Hide keypad', ja: 'キーパッドを隠す' },
  'call.timer': { en: 'Call duration', ja: '通話時間' },
  'call.network.reconnecting': { en: 'Connection lost. Reconnecting…', ja: '通信が途切れました。再接続しています…' },
  'call.network.dropped': {
    en: 'The network dropped this call: the other party did not hang up.',
    ja: '通信が途切れたため、通話が切断されました（相手が切ったのではありません）。',
  },
  'call.network.quality.delay': { en: 'Poor call quality: network delay', ja: '通話品質が低下しています：ネットワークの遅延' },
  'call.network.quality.packet-loss': { en: 'Poor call quality: audio breaking up (packet loss)', ja: '通話品質が低下しています：音声の途切れ（パケットロス）' },
  'call.network.quality.no-audio-received': { en: 'Poor call quality: no sound is reaching you', ja: '通話品質が低下しています：相手の音声が届いていません' },
  'call.network.quality.mic-silent': {
    en: 'Poor call quality: your microphone sends no sound. Check that it is plugged in and not muted.',
    ja: '通話品質が低下しています：マイクの音声が送られていません。マイクの接続とミュートを確認してください。',
  },
  'call.anonymous': { en: 'Anonymous', ja: '非通知' },
  'call.accept': { en: 'Accept', ja: '応答' },
  'call.decline': { en: 'Decline', ja: '拒否' },
  'call.notification': { en: 'Incoming call: {caller}', ja: '着信：{caller}' },
  'call.acceptHidden': {
    en: 'The page is covering this card, so the click did not answer. Press Alt+Shift+A to answer.',
    ja: 'このカードはページに隠されているため、クリックでは応答していません。Alt+Shift+A を押すと応答します。',
  },
  'call.calledNumber': { en: 'Number called', ja: '着信番号' },
  'call.ivrPath': { en: 'Menu choices', ja: 'メニューの選択' },
  'call.record': { en: 'CRM record', ja: 'CRM レコード' },
  'call.openRecord': { en: 'Open {name}', ja: '{name} を開く' },
  'call.noRecord': { en: 'No matching record', ja: '一致するレコードはありません' },
  'call.crmUnanswered': { en: 'The CRM did not answer in time', ja: 'CRM からの応答が間に合いませんでした' },
  'call.otherRecords': { en: '{count} other records have this number', ja: '同じ番号のレコードがほかに {count}件あります' },
  'call.otherRecords.one': { en: '1 other record has this number', ja: '同じ番号のレコードがほかに 1件あります' },
  // Zoho CRM's own tab names (its Japanese UI says 見込み客, not リード: test/fixtures/crm-pages/zoho-record-lead.html).
  'call.module.Leads': { en: 'Lead', ja: '見込み客' },
  'call.module.Contacts': { en: 'Contact', ja: '連絡先' },
  'call.module.Accounts': { en: 'Account', ja: '取引先' },
  'call.module.Deals': { en: 'Deal', ja: '商談' },
  'call.inbound': { en: 'Incoming', ja: '着信' },
  'call.outbound': { en: 'Outgoing', ja: '発信' },
  'call.waiting': { en: 'Another call is waiting', ja: '別の着信があります' },

  'wrapUp.title': { en: 'Call ended: add a note', ja: '通話終了：メモを残す' },
  'wrapUp.note': { en: 'Note', ja: 'メモ' },
  'wrapUp.disposition': { en: 'Outcome', ja: '結果' },
  'wrapUp.chooseDisposition': { en: '— choose —', ja: '— 選択 —' },
  'wrapUp.skip': { en: 'Skip', ja: 'スキップ' },
  'wrapUp.failed': {
    en: 'Could not save. {message} Your note is still here.',
    ja: '保存できませんでした。{message} メモは残っています。',
  },
  'wrapUp.noCallSid': {
    en: 'This call has no Twilio call ID, so its note cannot be saved to the call log. Copy the note if you need it, then choose Skip.',
    ja: 'この通話には Twilio の通話 ID がないため、メモを通話履歴に保存できません。必要ならメモを控えてから「スキップ」を押してください。',
  },
  'wrapUp.noteCount': { en: '{count} / {max} characters', ja: '{count} / {max}文字' },
  'wrapUp.takenOver': { en: '{owner} took this call over and will write its notes.', ja: '{owner}さんがこの通話を引き継ぎ、メモも記録します。' },
  'wrapUp.takenOverUnnamed': { en: 'Someone else took this call over and will write its notes.', ja: '別の担当者がこの通話を引き継ぎ、メモも記録します。' },
  'wrapUp.keepHint': {
    en: 'What you wrote can stay in the call’s history as your note (the CRM call record shows it too).',
    ja: '書いたメモは、通話の経過にあなたのメモとして残せます（CRM の通話記録にも載ります）。',
  },
  'wrapUp.keepInHistory': { en: 'Keep in the call history', ja: '通話の経過に残す' },
  'wrapUp.inherited': { en: 'A call you took over: {caller}', ja: '引き継いだ通話：{caller}' },
  'wrapUp.owed.one': {
    en: 'A call you took over still needs its note: it opens when you are done here.',
    ja: 'メモ未記入の引き継いだ通話が 1件あります。今の対応が終わると開きます。',
  },
  'wrapUp.owed': {
    en: '{count} calls you took over still need their notes: they open one by one when you are done here.',
    ja: 'メモ未記入の引き継いだ通話が {count}件あります。今の対応が終わると順に開きます。',
  },
  'wrapUp.owedDropped.one': {
    en: 'One more call you took over could not be kept here: write its note in its CRM call record.',
    ja: '引き継いだ通話が多すぎたため、ほかの 1件はここでメモを開けません。CRM の通話記録に直接記入してください。',
  },
  'wrapUp.owedDropped': {
    en: '{count} more calls you took over could not be kept here: write their notes in their CRM call records.',
    ja: '引き継いだ通話が多すぎたため、ほかの {count}件はここでメモを開けません。CRM の通話記録に直接記入してください。',
  },
  'wrapUp.close': { en: 'Close', ja: '閉じる' },
  'wrapUp.noteTooLong': {
    en: 'The note can be at most {max} characters (it has {count}).',
    ja: 'メモは {max}文字までです（現在 {count}文字）。',
  },
  'disposition.won': { en: 'Won', ja: '成約' },
  'disposition.call-back': { en: 'Call back', ja: '折り返し' },
  'disposition.no-answer': { en: 'No answer', ja: '不在' },
  'disposition.done': { en: 'Handled', ja: '対応済み' },
  'disposition.other': { en: 'Other', ja: 'その他' },

  'recent.title': { en: 'Recent calls', ja: '最近の通話' },
  'recent.empty': { en: 'No calls yet.', ja: '通話履歴はまだありません。' },
  'recent.redial': { en: 'Call {number} again', ja: '{number} に再発信' },
  'recent.loadFailed': { en: 'Could not load recent calls.', ja: '通話履歴を読み込めませんでした。' },
  'callStatus.completed': { en: 'Completed', ja: '完了' },
  'callStatus.missed': { en: 'Missed', ja: '不在着信' },
  // An outgoing call nobody picked up: 不在着信 is a call the rep missed, the wrong way round.
  'callStatus.noAnswer': { en: 'No answer', ja: '応答なし' },
  'callStatus.takenByColleague': { en: 'Taken by a colleague', ja: '他の担当者が応答' },
  'callStatus.voicemail': { en: 'Voicemail', ja: '留守番電話' },
  'callStatus.busy': { en: 'Busy', ja: '話し中' },
  'callStatus.failed': { en: 'Failed', ja: '失敗' },
  'callStatus.canceled': { en: 'Cancelled', ja: 'キャンセル' },

  'checklist.title': { en: "Why can't I call?", ja: '発信できない理由を確認' },
  'checklist.run': { en: 'Check again', ja: '再確認' },
  'checklist.running': { en: 'Checking…', ja: '確認中…' },
  'checklist.allGood': { en: 'Everything works: you can call.', ja: 'すべて正常です。発信できます。' },
  'checklist.broken': { en: 'This is what stops calls: {name}', ja: '発信できない原因：{name}' },
  'checklist.ok': { en: 'OK', ja: 'OK' },
  'checklist.failed': { en: 'Problem', ja: '問題あり' },
  'checklist.notChecked': { en: 'Not checked', ja: '未確認' },
  'check.signed-in': { en: 'Signed in', ja: 'サインイン' },
  'check.signed-in.fix': { en: 'Sign in on the settings page.', ja: '設定ページでサインインしてください。' },
  'check.microphone': { en: 'Microphone allowed', ja: 'マイクの許可' },
  'check.microphone.fix': {
    en: 'Open the settings page and allow the microphone (a one-time step).',
    ja: '設定ページを開き、マイクを許可してください（初回のみ）。',
  },
  'check.server': { en: 'Server reachable', ja: 'サーバーへの接続' },
  'check.server.fix': {
    en: 'Check the server URL and your network; if it is right, the server may be down: tell your admin.',
    ja: 'サーバー URL とネットワークを確認してください。正しい場合はサーバーが停止している可能性があるため、管理者に連絡してください。',
  },
  'check.token': { en: 'Call token issued', ja: '通話トークンの発行' },
  'check.token.fix': {
    en: 'The server could not issue a call token. Sign out and in again; if it persists, tell your admin.',
    ja: 'サーバーが通話トークンを発行できませんでした。サインインし直しても解決しない場合は管理者に連絡してください。',
  },
  'check.token.twilioNotConfigured.fix': {
    en: 'Twilio is not set up on the server yet: ask your admin to finish the Twilio setup.',
    ja: 'サーバーで Twilio がまだ設定されていません。管理者に Twilio の設定を完了するよう依頼してください。',
  },
  'check.microphone.device.fix': {
    en: 'The microphone could not be used. Check that one is connected and not in use by another app, then allow it again on the settings page (My account › Microphone).',
    ja: 'マイクを使えませんでした。マイクが接続され、ほかのアプリで使われていないか確認し、設定ページ（あなたのアカウント › マイク）でもう一度許可してください。',
  },
  'check.online': { en: 'Online', ja: 'オンライン' },
  'check.online.fix': {
    en: 'You are offline. Go online to make and receive calls.',
    ja: 'オフラインです。オンラインにすると発着信できます。',
  },
  'check.device': { en: 'Connected to Twilio', ja: 'Twilio への接続' },
  'check.device.fix': {
    en: "Can't reach Twilio. Check that your network and firewall allow Twilio (*.twilio.com), and see Twilio's status page (status.twilio.com). If both look fine, tell your admin.",
    ja: 'Twilio に接続できません。ネットワークとファイアウォールが Twilio（*.twilio.com）への接続を許可しているか確認し、Twilio の障害情報（status.twilio.com）も確認してください。問題がなければ管理者に連絡してください。',
  },
  'check.device.connecting.fix': {
    en: 'Still connecting to Twilio. Check again in a few seconds.',
    ja: 'Twilio に接続しています。数秒後にもう一度確認してください。',
  },
  'check.outgoing-number': { en: 'Outgoing number assigned', ja: '発信番号の割り当て' },
  'check.outgoing-number.fix': {
    en: 'Outgoing calls need a number: ask an admin to assign you one.',
    ja: '発信には番号が必要です。管理者に発信番号の割り当てを依頼してください。',
  },

  'callProblem.title.outgoing': { en: "Couldn't call {number}", ja: '{number} に発信できませんでした' },
  'callProblem.title.incoming': { en: "Couldn't answer {number}", ja: '{number} からの着信に応答できませんでした' },
  'callProblem.not-signed-in': {
    en: 'You are signed out. Sign in on the settings page.',
    ja: 'サインインしていません。設定ページでサインインしてください。',
  },
  'callProblem.offline': { en: 'You are offline. Go online to call.', ja: 'オフラインです。オンラインにすると発信できます。' },
  'callProblem.connecting': {
    en: 'The phone is still connecting to Twilio. Try again in a few seconds.',
    ja: '電話はまだ Twilio に接続中です。数秒後にもう一度お試しください。',
  },
  'callProblem.no-microphone': {
    en: 'No microphone can be used. Check that one is connected, and allow it on the settings page (My account › Microphone).',
    ja: 'マイクが使えません。マイクが接続されているか確認し、設定ページ（あなたのアカウント › マイク）で許可してください。',
  },
  'callProblem.server-unreachable': {
    en: "Can't reach the Yobidashi server. Check your network; if it persists, tell your admin.",
    ja: '呼び出しのサーバーに接続できません。ネットワークを確認し、解決しない場合は管理者に連絡してください。',
  },
  'callProblem.twilio-unreachable': {
    en: "Can't reach Twilio. Check that your network and firewall allow Twilio (*.twilio.com), and see status.twilio.com.",
    ja: 'Twilio に接続できません。ネットワークとファイアウォールが Twilio（*.twilio.com）への接続を許可しているか確認し、status.twilio.com で障害情報も確認してください。',
  },
  'callProblem.busy': { en: 'You are already on a call. End it first.', ja: '通話中です。先に今の通話を終了してください。' },
  'callProblem.no-outgoing-number': {
    en: 'You have no outgoing number yet. Ask an admin to assign you one.',
    ja: '発信番号が割り当てられていません。管理者に割り当てを依頼してください。',
  },
  'callProblem.timed-out': {
    en: 'Twilio did not respond within {seconds} seconds. Check your network and try again.',
    ja: '{seconds}秒以内に Twilio から応答がありませんでした。ネットワークを確認して、もう一度お試しください。',
  },
  'callProblem.phone-unavailable': {
    en: 'The phone stopped unexpectedly. Go offline and online again, then try again.',
    ja: '電話が予期せず停止しました。いったんオフラインにしてから再度オンラインにし、もう一度お試しください。',
  },
  'callProblem.call-failed': {
    en: 'Twilio could not place the call. Try again; if it keeps failing, tell your admin.',
    ja: 'Twilio が通話を開始できませんでした。もう一度お試しいただき、繰り返す場合は管理者に連絡してください。',
  },

  'launcher.open': { en: 'Open dialer', ja: 'ダイヤルを開く' },
  'launcher.close': { en: 'Close dialer', ja: 'ダイヤルを閉じる' },
  'launcher.hide': { en: 'Hide on this site', ja: 'このサイトでは表示しない' },
  'launcher.showAgain': { en: 'Show the dialer button again on every site', ja: 'すべてのサイトでダイヤルボタンを再表示' },
  'launcher.move': {
    en: 'Move the dialer button (drag, or arrow keys)',
    ja: 'ダイヤルボタンを移動（ドラッグまたは矢印キー）',
  },

  'page.wrapUpInPopup': {
    en: 'Call ended. Add a note from the Yobidashi button in the toolbar.',
    ja: '通話が終了しました。ツールバーの「呼び出し」ボタンからメモを残せます。',
  },

  'popup.signedOut': { en: 'You are not signed in.', ja: 'サインインしていません。' },
  'popup.openSettings': { en: 'Open settings', ja: '設定を開く' },
  ...callControlMessages,
} as const satisfies Record<string, MessageEntry>;
