import type { MessageEntry } from './message-entry';

/** The options page as a guided setup: steps, the IVR builder, outgoing numbers, one's own password. */
export const adminConsoleMessages = {
  'options.steps': { en: 'Setup steps', ja: '設定の手順' },
  'options.daily': { en: 'Day to day', ja: '日々の運用' },
  'options.navigation': { en: 'Settings', ja: '設定メニュー' },
  'step.counter': { en: 'Step {n} of {total}', ja: 'ステップ {n} / {total}' },
  'step.done': { en: 'Done', ja: '完了' },
  'step.todo': { en: 'To do', ja: '未完了' },
  'step.unknown': { en: 'Not checked yet', ja: '未確認' },
  // The step's name in the navigation as a screen reader says it: the counter, the page, its state, each apart.
  // The number, the page and its state in the order shown, the state a word of its own (not in brackets): a
  // name holds what is shown (WCAG 2.5.3, label in name). The list itself says "5 of 6".
  'step.navName': { en: 'Step {n}: {name}, {state}', ja: 'ステップ {n}：{name}、{state}' },
  'step.next': { en: 'Next: {step}', ja: '次へ：{step}' },

  'form.tooLong': { en: 'Use at most {max} characters (now {count}).', ja: '{max}文字以内にしてください（現在 {count}文字）。' },

  'password.title': { en: 'Change password', ja: 'パスワードの変更' },
  'password.help': {
    en: 'At least 8 characters. Replace the password the server generated at its first start here.',
    ja: '8文字以上にしてください。サーバーの初回起動時に生成されたパスワードは、ここで変更してください。',
  },
  'password.current': { en: 'Current password', ja: '現在のパスワード' },
  'password.new': { en: 'New password', ja: '新しいパスワード' },
  'password.confirm': { en: 'New password again', ja: '新しいパスワード（確認）' },
  'password.change': { en: 'Change password', ja: 'パスワードを変更' },
  'password.changing': { en: 'Changing…', ja: '変更中…' },
  'password.changed': { en: 'Your password was changed.', ja: 'パスワードを変更しました。' },
  'password.mismatch': { en: 'The two new passwords are not the same.', ja: '確認用のパスワードが一致しません。' },
  'password.tooShort': { en: 'Use at least {min} characters.', ja: '{min}文字以上にしてください。' },

  'ivr.diagram': { en: 'Menu tree', ja: 'メニューの構成' },
  'ivr.topMenu': { en: 'Top menu', ja: 'トップメニュー' },
  'ivr.submenuOf': { en: 'Submenu of “{label}”', ja: '「{label}」のサブメニュー' },
  'ivr.ringsAll': { en: 'rings {names} at once', ja: '{names} を一斉に呼び出し' },
  'ivr.ringsInTurn': { en: 'rings {names} in turn', ja: '{names} を順番に呼び出し' },
  'ivr.ringsNobody': { en: 'no rep chosen yet', ja: '担当者が未選択' },
  'ivr.opensSubmenu.one': { en: 'opens a submenu ({count} key)', ja: 'サブメニューへ（{count}項目）' },
  'ivr.opensSubmenu': { en: 'opens a submenu ({count} keys)', ja: 'サブメニューへ（{count}項目）' },
  'ivr.addToTop': { en: 'Add a key to the top menu', ja: 'トップメニューに項目を追加' },
  'ivr.addSibling': { en: 'Add a key to this menu', ja: 'このメニューに項目を追加' },
  'ivr.addChild': { en: 'Add a key to its submenu', ja: 'サブメニューに項目を追加' },
  'ivr.selected': { en: 'Key {key}: {label}', ja: 'キー {key}：{label}' },
  'ivr.where': { en: 'On: {menu} (level {level})', ja: '場所：{menu}（第{level}階層）' },
  'ivr.up': { en: 'Up', ja: '上へ' },
  'ivr.down': { en: 'Down', ja: '下へ' },
  'ivr.arrange': { en: 'Order and place', ja: '順序と場所' },
  'ivr.moveTo': { en: 'Move to another menu', ja: '別のメニューへ移動' },
  'ivr.moveInto': { en: 'Move', ja: '移動' },
  'ivr.moveNone': { en: 'No other menu has room for this key.', ja: 'この項目を移動できるメニューがほかにありません。' },
  'ivr.moved': { en: '“{label}” moved to {menu} (key {key}).', ja: '「{label}」を{menu}へ移動しました（キー {key}）。' },
  'ivr.keyboardHelp': {
    en: 'Arrow keys move between keys: → into a submenu, ← back up. Alt+↑ / Alt+↓ change the order.',
    ja: '矢印キーで項目を移動します（→ でサブメニューへ、← で上の階層へ）。Alt+↑ / Alt+↓ で順序を変えます。',
  },
  'ivr.needsAttention': { en: 'needs attention', ja: '要確認' },
  'ivr.callerHere': { en: 'caller is here', ja: '発信者はここ' },
  'ivr.preview': { en: 'Preview the call', ja: '発信をプレビュー' },
  'ivr.previewNeedsSave': {
    en: 'The preview calls the saved configuration: save first to hear your changes.',
    ja: 'プレビューは保存済みの設定で発信します。変更を聞くには先に保存してください。',
  },
  'ivr.noSelection': { en: 'Select a key in the tree to edit it here.', ja: 'ツリーの項目を選ぶと、ここで編集できます。' },

  'voice.menu.help': {
    en: 'Said once for each key. The marked words are filled in for each key.',
    ja: 'キーごとに 1回読み上げます。枠で囲んだ部分は項目ごとに置き換わります。',
  },
  'voice.menu.slot.menu': { en: 'menu name', ja: 'メニュー名' },
  'voice.menu.slot.key': { en: 'key', ja: 'キー番号' },
  'voice.menu.before': { en: 'Words before “{slot}”', ja: '「{slot}」の前の言葉' },
  'voice.menu.between': { en: 'Words between “{first}” and “{second}”', ja: '「{first}」と「{second}」の間の言葉' },
  'voice.menu.after': { en: 'Words after “{slot}”', ja: '「{slot}」の後の言葉' },
  'voice.menu.example': { en: 'Callers hear: “{sentence}”', ja: '発信者に聞こえる例：「{sentence}」' },
  'voice.menu.reset': { en: 'Back to the default sentence', ja: '既定の案内文に戻す' },
  // A text field's live count in Twilio's units (models/say-count.ts), from 80% of the limit.
  'voice.say.left': { en: '{count} characters left', ja: '残り {count}文字' },
  'voice.say.left.one': { en: '1 character left', ja: '残り 1文字' },
  'voice.say.over': { en: '{count} characters too long for Twilio to read out', ja: 'Twilio で読み上げるには {count}文字長すぎます' },
  'voice.say.over.one': { en: '1 character too long for Twilio to read out', ja: 'Twilio で読み上げるには 1文字長すぎます' },
  'voice.say.withLabel': { en: '{count} (with “{label}”)', ja: '{count}（「{label}」の場合）' },

  'outgoing.help': {
    en: 'Each user calls from one number: a number of your Twilio account, or a caller ID verified in Twilio.',
    ja: '各ユーザーは 1つの番号から発信します。Twilio アカウントの番号か、Twilio で認証済みの発信者番号を選んでください。',
  },
  'outgoing.group.twilio': { en: 'Numbers of your Twilio account', ja: 'Twilio アカウントの番号' },
  'outgoing.group.verified': { en: 'Verified caller IDs', ja: '認証済みの発信者番号' },
  'outgoing.chooseNumber': { en: '— choose a number —', ja: '— 番号を選択 —' },
  'outgoing.chooseUser': { en: '— choose a user —', ja: '— ユーザーを選択 —' },
  'outgoing.unusable': { en: '{number} (cannot be used)', ja: '{number}（使用できません）' },
  'outgoing.unusable.help': {
    en: 'Twilio refuses calls from this number: choose another one.',
    ja: 'Twilio はこの番号からの発信を拒否します。別の番号を選んでください。',
  },
  'outgoing.saved': { en: 'Saved: {name} calls from {number}.', ja: '保存しました：{name}さんは {number} から発信します。' },
  'outgoing.removed': { en: 'Removed the outgoing number of {name}.', ja: '{name}さんの発信番号を削除しました。' },
  'outgoing.listFailed': { en: 'The numbers could not be read from Twilio: {reason}', ja: 'Twilio から番号を読み込めませんでした：{reason}' },
  'outgoing.noCallerIds': {
    en: 'This Twilio account has no numbers and no verified caller IDs yet.',
    ja: 'この Twilio アカウントには、番号も認証済みの発信者番号もまだありません。',
  },
  'outgoing.error.twilio_not_configured': {
    en: 'Set up Twilio first (step 1): each number is checked with your Twilio account.',
    ja: '先に Twilio を設定してください（ステップ 1）。番号は Twilio アカウントで確認します。',
  },

  'users.needsName': { en: 'Enter a name.', ja: '名前を入力してください。' },
  'users.badEmail': { en: 'Enter an email address such as sato@example.jp.', ja: 'sato@example.jp のようなメールアドレスを入力してください。' },
  'users.resetShort': { en: 'Reset password', ja: 'パスワードを再設定' },
  'users.deactivateShort': { en: 'Deactivate', ja: '無効にする' },
  'users.activateShort': { en: 'Reactivate', ja: '有効にする' },
  'users.added': { en: '{name} was added.', ja: '{name}さんを追加しました。' },
  'users.passwordSaved': { en: 'New password saved for {name}.', ja: '{name}さんの新しいパスワードを保存しました。' },
  'incoming.previewShort': { en: 'Preview', ja: 'プレビュー' },
  'incoming.saved': { en: '{number} was saved.', ja: '{number} を保存しました。' },
} as const satisfies Record<string, MessageEntry>;
