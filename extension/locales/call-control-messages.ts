import type { MessageEntry } from './message-entry';

/**
 * Call control (issue 11): hold, transfer, add, leave, the people on the call, a transfer's incoming card,
 * and supervisors' monitoring. Shown on CRM pages too, so part of the rep's dictionary.
 */
export const callControlMessages = {
  'control.hold': { en: 'Hold', ja: '保留' },
  'control.resume': { en: 'Resume', ja: '保留解除' },
  'control.holding': { en: 'Putting on hold…', ja: '保留にしています…' },
  'control.resuming': { en: 'Resuming…', ja: '保留を解除しています…' },
  'control.holdTimer': { en: 'Time on hold', ja: '保留時間' },
  // Card numbers and other personal data (PCI): the recording skips what is said while paused.
  'recording.pause': { en: 'Pause recording', ja: '録音を一時停止' },
  'recording.resume': { en: 'Resume recording', ja: '録音を再開' },
  'recording.pausing': { en: 'Pausing the recording…', ja: '録音を一時停止しています…' },
  'recording.resuming': { en: 'Resuming the recording…', ja: '録音を再開しています…' },
  'recording.pause.help': {
    en: 'While the customer gives a card number or other personal data: nothing is recorded until you resume.',
    ja: 'カード番号などの個人情報をお聞きする間にお使いください。再開するまで、通話は録音されません。',
  },
  'recording.paused': { en: 'Recording paused', ja: '録音一時停止中' },
  'recording.pausedByYou': { en: 'paused by you', ja: 'あなたが一時停止' },
  'recording.pausedBy': { en: 'paused by {name}', ja: '{name}さんが一時停止' },
  'recording.pausedTimer': { en: 'Time the recording has been paused', ja: '録音の一時停止時間' },
  'recording.pausedLong': {
    en: 'The recording has been paused for over {minutes} minutes. Resume it once the card details are done.',
    ja: '録音の一時停止が {minutes}分を超えています。カード番号などをお聞きし終えたら、録音を再開してください。',
  },
  'control.transfer': { en: 'Transfer', ja: '転送' },
  'control.add': { en: 'Add to call', ja: '通話に追加' },
  'control.leave': { en: 'Leave', ja: '退出' },
  'control.leave.help': { en: 'Leave the call: the others stay on it', ja: '通話から抜けます（ほかの参加者の通話は続きます）' },
  'control.tookOver': { en: 'The rep left: this call is yours now.', ja: '担当者が退出したため、この通話はあなたの担当になりました。' },
  'control.joining': { en: 'Connecting the call… hold and transfer in a moment.', ja: '通話を接続しています… まもなく保留や転送ができます。' },
  // A call whose move into its room failed: the server keeps trying (server/voice/late-move.ts), but not while paused.
  'control.notInRoom': {
    en: 'Hold, transfer and add are not available yet: their buttons appear here once they are.',
    ja: '保留・転送・追加はまだ使えません。使えるようになると、ここにボタンが表示されます。',
  },
  'control.notInRoom.paused': {
    en: 'Hold, transfer and add become available once you resume the recording.',
    ja: '保留・転送・追加は、録音を再開すると使えるようになります。',
  },
  // A call the rep handed over goes on without them: their recent calls say so.
  'callStatus.in-progress': { en: 'In progress', ja: '通話中' },

  'party.list': { en: 'On this call', ja: '通話の参加者' },
  'party.customer': { en: 'Customer', ja: 'お客様' },
  'party.you': { en: '(you)', ja: '（あなた）' },
  'party.outside': { en: 'Outside line', ja: '外線' },
  'party.supervisor': { en: 'Supervisor', ja: 'スーパーバイザー' },
  'party.state.talking': { en: 'Talking', ja: '通話中' },
  'party.state.held': { en: 'On hold', ja: '保留中' },
  'party.state.ringing': { en: 'Ringing', ja: '呼び出し中' },
  'party.monitor.listen': { en: 'Listening in', ja: 'モニタリング中（聞く）' },
  'party.monitor.whisper': { en: 'Whispering to the rep', ja: '担当者にささやき中' },
  'party.monitor.barge': { en: 'Joined the call', ja: '通話に参加中' },

  'picker.transferTitle': { en: 'Transfer to', ja: '転送先' },
  'picker.addTitle': { en: 'Add to the call', ja: '通話に追加する相手' },
  'picker.to': { en: 'To', ja: '相手' },
  'picker.colleague': { en: 'A colleague', ja: '同僚' },
  'picker.number': { en: 'A phone number', ja: '電話番号' },
  'picker.search': { en: 'Search colleagues by name', ja: '同僚を名前で検索' },
  'picker.colleagues': { en: 'Colleagues', ja: '同僚' },
  'picker.none': { en: 'No colleague matches.', ja: '該当する同僚はいません。' },
  'picker.loadFailed': { en: 'Could not load your colleagues.', ja: '同僚の一覧を読み込めませんでした。' },
  'picker.choose': { en: 'Choose a colleague, or type a number.', ja: '同僚を選ぶか、電話番号を入力してください。' },
  'colleague.online': { en: 'Available', ja: '対応可能' },
  'colleague.on-call': { en: 'On a call', ja: '通話中' },
  'colleague.offline': { en: 'Offline', ja: 'オフライン' },
  'transfer.mode': { en: 'How', ja: '転送方法' },
  'transfer.blind': { en: 'Blind: transfer now', ja: 'ブラインド転送（すぐに転送）' },
  'transfer.warm': { en: 'Consult first, then transfer', ja: '相談してから転送' },
  'transfer.note': { en: 'Note for your colleague (optional)', ja: '引き継ぎメモ（任意）' },
  'transfer.submit.blind': { en: 'Transfer now', ja: '今すぐ転送' },
  'transfer.submit.warm': { en: 'Call to consult', ja: '呼び出して相談' },
  'add.submit': { en: 'Add', ja: '追加する' },

  'consult.ringing': { en: 'Ringing {name}… the customer is on hold.', ja: '{name}さんを呼び出しています… お客様は保留中です。' },
  'consult.talking': { en: 'Talking with {name}. The customer is on hold.', ja: '{name}さんと相談中です。お客様は保留中です。' },
  'consult.complete': { en: 'Complete transfer', ja: '転送を完了' },
  'consult.cancel': { en: 'Cancel: back to the customer', ja: '転送をやめてお客様に戻る' },
  'handover.transfer': { en: 'Transferring to {name}…', ja: '{name}さんに転送しています…' },
  'handover.recall': { en: 'Ringing {name} back…', ja: '{name}さんを呼び戻しています…' },
  'handover.someone': { en: 'a colleague', ja: '同僚' },

  'invite.transfer': { en: 'Transferred by {name}', ja: '{name}さんからの転送' },
  'invite.consult': { en: '{name} wants to consult you before transferring', ja: '{name}さんからの相談（転送前の確認）' },
  'invite.add': { en: '{name} is adding you to a call', ja: '{name}さんが通話に招待しています' },
  'invite.recall': { en: 'Your transfer was not answered — back to you', ja: '転送先が応答しませんでした。お客様の通話に戻ります' },
  'invite.monitor': { en: 'A call to monitor', ja: 'モニタリングの呼び出し' },
  'invite.note': { en: 'Note', ja: '引き継ぎメモ' },
  'invite.someone': { en: 'A colleague', ja: '同僚' },

  'monitoring.title': { en: 'Monitoring {name}’s call', ja: '{name}さんの通話をモニタリング中' },
  'monitoring.titleUnknown': { en: 'Monitoring a call', ja: '通話をモニタリング中' },
  'monitoring.mode': { en: 'Monitoring mode', ja: 'モニタリングの方法' },
  'monitoring.mode.listen': { en: 'Listen', ja: '聞く' },
  'monitoring.mode.whisper': { en: 'Whisper', ja: 'ささやく' },
  'monitoring.mode.barge': { en: 'Barge in', ja: '参加する' },
  'monitoring.help.listen': { en: 'Muted: nobody hears you.', ja: 'ミュート中：誰にも聞こえません。' },
  'monitoring.help.whisper': { en: 'Only the rep hears you.', ja: '担当者にだけ聞こえます。' },
  'monitoring.help.barge': {
    en: 'Everyone on the call hears you. If the rep leaves, the call becomes yours.',
    ja: '通話の全員に聞こえます。担当者が退出すると、この通話はあなたの担当になります。',
  },
  'monitoring.stop': { en: 'Stop monitoring', ja: 'モニタリングを終了' },
  'monitoring.starting': { en: 'Connecting to the call…', ja: '通話に接続しています…' },

  'liveCalls.title': { en: 'Live calls', ja: '通話中の一覧' },
  'liveCalls.empty': { en: 'No calls right now.', ja: '現在、通話はありません。' },
  'liveCalls.loadFailed': { en: 'Could not load the live calls.', ja: '通話中の一覧を読み込めませんでした。' },
  'liveCalls.noRep': { en: 'Nobody yet', ja: '未対応' },
  'liveCalls.line': { en: 'Line', ja: '窓口' },
  'liveCalls.outgoing': { en: 'Outgoing call', ja: '発信' },
  'liveCalls.duration': { en: 'Duration', ja: '通話時間' },
  'liveCalls.onHold': { en: 'On hold', ja: '保留中' },
  'liveCalls.actions': { en: 'Monitor {rep}’s call', ja: '{rep}さんの通話をモニタリング' },
  'liveCalls.yours': { en: 'Your call', ja: 'あなたの通話' },
  'liveCalls.moveHint': {
    en: 'Choosing another call moves you there: you stop monitoring this one.',
    ja: '別の通話を選ぶと、この通話のモニタリングを終えてそちらに移ります。',
  },

  'callControlError.not_current_call': { en: 'That call is no longer the one you are on.', ja: 'その通話は、いま対応中の通話ではありません。' },
} as const satisfies Record<string, MessageEntry>;

/** Hold music, for admins: per incoming number and for outgoing calls. */
export const holdMusicMessages = {
  'holdMusic.label': { en: 'Hold music', ja: '保留音' },
  'holdMusic.default': { en: 'Twilio’s default music', ja: 'Twilio の標準の保留音' },
  'holdMusic.audio': { en: 'An uploaded audio file', ja: 'アップロードした音声ファイル' },
  'holdMusic.silence': { en: 'Silence', ja: '無音' },
  'holdMusic.file': { en: 'Hold music file', ja: '保留音のファイル' },
  'holdMusic.incoming.help': { en: 'What callers to this number hear while a rep holds or transfers them.', ja: 'この番号への通話を保留・転送している間、お客様に流れる音です。' },
  'holdMusic.outgoing.title': { en: 'Hold music for outgoing calls', ja: '発信時の保留音' },
  'holdMusic.outgoing.help': {
    en: 'What the other side of an outgoing call hears while a rep holds or transfers them.',
    ja: '発信した通話を保留・転送している間、相手に流れる音です。',
  },
  'holdMusic.chooseFile': { en: 'Choose or upload an audio file.', ja: '音声ファイルを選ぶか、アップロードしてください。' },
} as const satisfies Record<string, MessageEntry>;
