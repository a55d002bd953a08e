import { callerNumber } from './caller-id.ts';

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
  /** The IVR choices, labels joined with ' > ' (empty for a number that rings reps directly). */
  ivrPath: 'ivrPath',
  parentCallSid: 'parentCallSid',
  /**
   * JSON, only while a CRM is connected: `{"status":"matched","module","id","name","url","others"?:[…]}`
   * (`others`: further records with this number, same shape), else `{"status":"none"}` (a new
   * caller), `"pending"` (still looking: the call log gets it later) or `"unavailable"` (CRM down).
   */
  crmMatch: 'crmMatch',
} as const;

export const IVR_PATH_SEPARATOR = ' > ';

export interface CallCard {
  parentCallSid: string;
  from: string;
  calledNumber: string;
  calledLabel: string;
  ivrPath: string[];
  crmMatch?: Record<string, unknown> | null;
}

export function cardParameters(card: CallCard): Array<{ name: string; value: string }> {
  const number = callerNumber(card.from);
  const parameters: Array<{ name: string; value: string }> = [
    { name: CARD_PARAMETERS.callerNumber, value: number ?? '' },
    { name: CARD_PARAMETERS.callerAnonymous, value: String(number === null) },
    { name: CARD_PARAMETERS.calledNumber, value: card.calledNumber },
    { name: CARD_PARAMETERS.calledLabel, value: card.calledLabel },
    { name: CARD_PARAMETERS.ivrPath, value: card.ivrPath.join(IVR_PATH_SEPARATOR) },
    { name: CARD_PARAMETERS.parentCallSid, value: card.parentCallSid },
  ];
  if (card.crmMatch) parameters.push({ name: CARD_PARAMETERS.crmMatch, value: JSON.stringify(card.crmMatch) });
  return parameters;
}
