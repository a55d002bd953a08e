import { CARD_PARAMETERS, IVR_PATH_SEPARATOR } from './call-parameters.ts';
import { callerNumber } from './caller-id.ts';

export { CARD_PARAMETERS, IVR_PATH_SEPARATOR } from './call-parameters.ts';

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
