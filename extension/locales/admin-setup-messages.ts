import type { MessageEntry } from './message-entry';

/** The options page's Twilio wiring: adding numbers, audio uploads, the preview and the setup check. */
export const adminSetupMessages = {
  'tab.setupCheck': { en: 'Setup check', ja: 'セットアップチェック' },

  'incoming.unused': { en: 'not in use', ja: '未使用' },
  'incoming.noOwned': {
    en: 'This Twilio account has no phone numbers yet. Buy one in Twilio first.',
    ja: 'この Twilio アカウントには電話番号がまだありません。先に Twilio で購入してください。',
  },
  'incoming.takeOver': { en: 'Connect it to Yobidashi anyway', ja: 'それでも呼び出しに接続する' },
  'incoming.leaveUnconnected': { en: 'Leave it as it is for now', ja: '今は接続しない' },
  'incoming.connected': { en: '{number} now sends its calls to Yobidashi.', ja: '{number} の着信は呼び出しに届くようになりました。' },
  'incoming.connectFailed': {
    en: '{number} is saved, but its Twilio number does not send calls here yet: {reason}',
    ja: '{number} を保存しましたが、Twilio の番号はまだ呼び出しに接続されていません：{reason}',
  },
  'incoming.connectAgain': { en: 'Connect it to Yobidashi again', ja: 'もう一度呼び出しに接続する' },
  'incoming.deleted': {
    en: '{number} was removed; Twilio’s previous setting for it is restored.',
    ja: '{number} を削除し、Twilio の以前の設定に戻しました。',
  },
  'incoming.preview': { en: 'Preview {number}', ja: '{number} をプレビュー' },

  'voice.audio.none': { en: '— no audio —', ja: '— 音声なし —' },
  'voice.audio.upload': { en: 'Upload an mp3 or wav for “{prompt}”', ja: '「{prompt}」の mp3 / wav をアップロード' },
  'voice.audio.help': { en: 'mp3 or wav, at most 5 MB.', ja: 'mp3 または wav、5 MB まで。' },
  'voice.audio.uploading': { en: 'Uploading…', ja: 'アップロード中…' },
  'voice.audio.listen': { en: 'Listen to “{prompt}”', ja: '「{prompt}」を聞く' },

  'preview.title': { en: 'Preview: calling {number}', ja: 'プレビュー：{number} に発信' },
  'preview.transcript': { en: 'What the caller hears', ja: '発信者に聞こえる内容' },
  'preview.keypad': { en: 'Keypad', ja: 'キーパッド' },
  'preview.key': { en: 'Press {key}', ja: '{key} を押す' },
  'preview.pressed': { en: 'Keys pressed: {keys}', ja: '押したキー：{keys}' },
  'preview.noKeys': { en: 'No key pressed yet.', ja: 'まだキーを押していません。' },
  'preview.restart': { en: 'Call again', ja: 'もう一度かける' },
  'preview.hangUp': { en: 'Hang up', ja: '切る' },
  'preview.step.play': { en: 'plays {url}', ja: '{url} を再生' },
  'preview.step.pause': { en: '(pause {seconds} s)', ja: '（{seconds} 秒の間）' },
  'preview.step.waiting': { en: 'waits for a key', ja: 'キー入力を待ちます' },
  'preview.step.pressed': { en: 'key {key} pressed', ja: 'キー {key} が押されました' },
  'preview.step.dialAll': { en: 'rings {names} at once, {seconds} s', ja: '{names} を同時に {seconds} 秒呼び出し' },
  'preview.step.dialOne': { en: 'rings {names}, {seconds} s (cycle {cycle})', ja: '{names} を {seconds} 秒呼び出し（{cycle} 巡目）' },
  'preview.step.record': { en: 'records a voicemail', ja: '留守番電話を録音' },
  'preview.step.hangup': { en: 'hangs up', ja: '電話を切ります' },

  'setup.recheck': { en: 'Check again', ja: '再チェック' },
  'setup.allGood': { en: 'Everything is set up.', ja: 'すべて正しく設定されています。' },
  'setup.problems': { en: 'Problems found: {count}', ja: '{count} 件の問題があります' },
  'setup.problemList': { en: 'Problems found', ja: '見つかった問題' },
  'setup.passedList': { en: 'Working as it should', ja: '正常に動作している項目' },
  'setup.error': { en: 'Problem', ja: '問題' },
  'setup.warning': { en: 'Note', ja: '注意' },
  'setup.fix': { en: 'Fix it', ja: '修復する' },
  'setup.fixing': { en: 'Fixing…', ja: '修復中…' },
  'setup.whoRings': { en: 'Who can be rung now', ja: '現在呼び出せる担当者' },
  'setup.ringable': { en: 'Can be rung', ja: '呼び出し可能' },
  'setup.busy': { en: 'On a call', ja: '通話中' },
  'setup.offline': { en: 'Offline', ja: 'オフライン' },
} as const satisfies Record<string, MessageEntry>;
