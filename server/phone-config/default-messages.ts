import type { Language } from './schema.ts';

/** The sentences the voice flow speaks when the admin has not written their own. */
export interface DefaultMessages {
  /** No rep can answer and nothing follows (everyone offline, too many wrong keys): call again later. */
  unavailable: string;
  /** Nobody picked up and voicemail follows: no "call again later", the caller is about to leave a message. */
  noAnswer: string;
  /** Just before the beep of a voicemail (the waiting line says the same, voice/waiting-line.ts). */
  leaveMessage: string;
  /** Every rep who could take the call is already on a call. */
  busy: string;
  /** The dialled number is not configured, or switched off. */
  notInService: string;
  /** The caller pressed a key that is not in the menu. */
  invalidChoice: string;
  /** The caller pressed nothing. */
  noInput: string;
  /** A rep tried to call out without an outgoing number assigned. */
  noOutgoingNumber: string;
  /** A rep whose account was deactivated (or removed) tried to call out with a Voice token still valid. */
  accountDeactivated: string;
  /** A rep tried to call a country or number outside the allowed list (toll-fraud guard). */
  destinationNotAllowed: string;
  /** Something went wrong on our side; said instead of failing the call silently. */
  technicalProblem: string;
}

export const DEFAULT_MESSAGES = {
  'ja-JP': {
    unavailable: '申し訳ございません。現在、担当者が電話に出ることができません。しばらくしてから、おかけ直しください。',
    noAnswer: '申し訳ございません。現在、担当者が電話に出ることができません。',
    leaveMessage: '発信音の後に、お名前とご用件をお話しください。',
    busy: '申し訳ございません。ただいま電話が大変混み合っております。しばらくしてから、おかけ直しください。',
    notInService: 'おかけになった電話番号は、現在使われておりません。',
    invalidChoice: '申し訳ございません。入力された番号は選択できません。もう一度お選びください。',
    noInput: '入力が確認できませんでした。もう一度お選びください。',
    noOutgoingNumber: '発信用の電話番号が設定されていません。管理者にお問い合わせください。',
    accountDeactivated: 'このアカウントは無効になっているため、発信できません。管理者にお問い合わせください。',
    destinationNotAllowed: 'この電話番号への発信は許可されていません。管理者にお問い合わせください。',
    technicalProblem: '申し訳ございません。システムに問題が発生しました。しばらくしてから、おかけ直しください。',
  },
  'en-US': {
    unavailable: 'Sorry, no one is available to take your call right now. Please call again later.',
    noAnswer: 'Sorry, no one is available to take your call right now.',
    leaveMessage: 'Please leave your name and message after the tone.',
    busy: 'Sorry, all our lines are busy at the moment. Please call again later.',
    notInService: 'The number you have called is not in service.',
    invalidChoice: 'Sorry, that is not a valid choice. Please try again.',
    noInput: 'We did not receive your choice. Please try again.',
    noOutgoingNumber: 'No outgoing number is assigned to you. Please contact your administrator.',
    accountDeactivated: 'Your account has been deactivated, so you cannot make calls. Please contact your administrator.',
    destinationNotAllowed: 'Calls to this number are not allowed. Please contact your administrator.',
    technicalProblem: 'Sorry, we are having technical difficulties. Please call again later.',
  },
} as const satisfies Record<'ja-JP' | 'en-US', DefaultMessages>;

/** en-GB and en-AU speak the English sentences with their own voice. */
export function defaultMessages(language: Language): DefaultMessages {
  return language === 'ja-JP' ? DEFAULT_MESSAGES['ja-JP'] : DEFAULT_MESSAGES['en-US'];
}
