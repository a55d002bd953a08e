/**
 * The custom parameters the server and the extension exchange through Twilio: one list for both
 * halves (the extension imports this file too), so the names cannot drift apart. Pure constants only:
 * nothing here may import Node or browser code.
 */

/**
 * The `<Parameter>`s each ringing `<Client>` carries: everything the extension's incoming-call card
 * shows before the rep answers. They arrive in the Voice SDK as `call.customParameters` (a Map).
 * The SDK's own `call.parameters.CallSid` is the rep's child leg; `parentCallSid` ties it to the log.
 */
export const CARD_PARAMETERS = {
  /** E.164, or '' when the caller withheld their number. */
  callerNumber: 'callerNumber',
  /** 'true' when the number is withheld (Twilio's `+266696687` ANONYMOUS and friends). */
  callerAnonymous: 'callerAnonymous',
  calledNumber: 'calledNumber',
  calledLabel: 'calledLabel',
  /** The IVR choices, labels joined with IVR_PATH_SEPARATOR (empty for a number that rings reps directly). */
  ivrPath: 'ivrPath',
  parentCallSid: 'parentCallSid',
  /**
   * JSON, only while a CRM is connected: `{"status":"matched","module","id","name","url","others"?:[…]}`
   * (`others`: further records with this number, same shape), else `{"status":"none"}` (a new
   * caller), `"pending"` (still looking: the call log gets it later) or `"unavailable"` (CRM down).
   */
  crmMatch: 'crmMatch',
  /**
   * Only on a leg the server rings into a running call (a transfer, a consult, an added party, a ring-back
   * after an unanswered transfer, a supervisor's monitoring): `transfer`, `consult`, `add`, `recall`, `monitor`.
   */
  invitePurpose: 'invitePurpose',
  /** Who asked for it: the user id and display name of the rep (or supervisor). */
  invitedBy: 'invitedBy',
  invitedByName: 'invitedByName',
  /** The transferring rep's note for the colleague (at most TRANSFER_NOTE_MAX_LENGTH characters). */
  transferNote: 'transferNote',
} as const;

export const TRANSFER_NOTE_MAX_LENGTH = 500;

export const IVR_PATH_SEPARATOR = ' > ';

/**
 * The custom parameters the extension passes to `device.connect({ params })`; Twilio POSTs them to
 * the TwiML App's Voice URL next to its own. `To` is the number the rep clicked.
 */
export const OUTGOING_PARAMETERS = {
  to: 'To',
  /** The CRM record the rep was looking at, stored with the call: which CRM (`zoho`)… */
  crm: 'crm',
  /** …its module (`Contacts`, `Leads`, `Accounts`, `Deals`), id, display name and link (http(s) only). */
  crmModule: 'crmModule',
  crmId: 'crmId',
  crmName: 'crmName',
  crmUrl: 'crmUrl',
  /** The rep's UI language (`ja-JP`, `en-US`…), for the spoken explanation of a refused call. */
  language: 'language',
} as const;
