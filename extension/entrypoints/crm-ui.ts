import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import uiCss from '@/assets/ui.css?inline';
import { mountPageUi } from '@/ui/page-ui';
import { offerPageUi } from '@/ui/page-ui-contract';

// The page UI (Preact: dialer panel, incoming and in-call cards), kept out of the content script that runs
// on every CRM page. Not in the manifest and not web-accessible: the background injects it (`crm-ui.js`)
// into the tab whose content script asked (`loadPageUi`), in that content script's isolated world, and
// the content script mounts it into its launcher (it also owns the lifecycle: no WXT context needed here).
export default defineUnlistedScript(() => {
  offerPageUi((host) => mountPageUi(host, { css: uiCss }));
});
