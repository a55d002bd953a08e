import { adminMessages } from './admin-messages';
import { boardMessages } from './board-messages';
import { hoursMessages } from './hours-messages';
import { repMessages } from './rep-messages';

// A pure call (not a spread) so bundles that never read it, the CRM page's content script, drop the
// admin strings entirely (see i18n.ts).
export const messages = /* @__PURE__ */ Object.assign({}, repMessages, adminMessages, { ...boardMessages, ...hoursMessages });
export type MessageKey = keyof typeof messages;
