import { adminMessages } from './admin-messages';
import { repMessages } from './rep-messages';

export const messages = { ...repMessages, ...adminMessages };
export type MessageKey = keyof typeof messages;
