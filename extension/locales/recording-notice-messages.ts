import type { MessageEntry } from './message-entry';

/** The options page's recording announcement (`settings.recordingNotice`). */
export const recordingNoticeMessages = {
  'recordingNotice.title': { en: 'Recording announcement', ja: '録音のお知らせ' },
  'recordingNotice.help': {
    en: 'Tells the customer that the call is recorded, before recording starts: callers of a recorded number hear it once, after the welcome and the menu, before the phones ring; the people a recording rep calls hear it when they answer, before they are put through (the rep does not hear it).',
    ja: '録音が始まる前に、通話を録音することをお客様にお知らせします。録音する着信番号では、ウェルカムメッセージとメニューの後、呼び出しの前に 1回流れます。録音する担当者の発信では、相手が応答した時、担当者につながる前に流れます（担当者には聞こえません）。',
  },
  'recordingNotice.enabled': { en: 'Play the announcement on recorded calls', ja: '録音する通話でお知らせを流す' },
  'recordingNotice.kind': { en: 'Announcement', ja: 'お知らせの内容' },
  'recordingNotice.kind.default': { en: 'Standard wording: “{text}”', ja: '標準の文言：「{text}」' },
  'recordingNotice.kind.text': { en: 'My own wording (read out)', ja: '独自の文言（読み上げ）' },
  'recordingNotice.kind.audio': { en: 'An uploaded audio file', ja: 'アップロードした音声ファイル' },
  'recordingNotice.kind.help': {
    en: 'The standard wording is spoken in each number’s language, and in the organisation’s language to the people reps call. English voices cannot read Japanese: where your own words are in Japanese, English-speaking calls hear the standard English wording.',
    ja: '標準の文言は、着信では番号ごとの言語で、発信では組織の言語で読み上げます。英語の音声は日本語を読み上げられないため、独自の文言が日本語の場合、英語の通話では標準の英語の文言が流れます。',
  },
  'recordingNotice.text': { en: 'Announcement text', ja: 'お知らせの文言' },
  'recordingNotice.audio': { en: 'Announcement audio file', ja: 'お知らせの音声ファイル' },
  'recordingNotice.audio.kept': {
    en: 'The announcement is off, but the audio file “{name}” stays chosen for it, so the audio library cannot delete it. To free it, switch the announcement on, choose other wording and save; you can switch it off again afterwards.',
    ja: 'お知らせはオフですが、音声ファイル「{name}」はお知らせ用に選ばれたままのため、音声ライブラリから削除できません。削除するには、お知らせをオンにして別の内容を選んで保存してください（その後オフに戻せます）。',
  },
  'recordingNotice.invalid': { en: 'Recording announcement: {problem}', ja: '録音のお知らせ：{problem}' },
} as const satisfies Record<string, MessageEntry>;
