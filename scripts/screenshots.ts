// `npm run screenshots`: every screen and state the README and the issues talk about, taken from the
// real thing (the server on the embedded database with Twilio's REST API played by its fake, the
// extension built in e2e mode in Debian's Chromium), in Japanese and English, into docs/screenshots/.
// Call control is played in a call room (screenshots/call-room.ts): a second server and Twilio's call emulator.
// Scenes live in scripts/screenshots/*-scenes.ts: add one there. `-- --only <name>[,<name>…]` takes some.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_SCENES } from './screenshots/admin-scenes.ts';
import { ADMIN_VOICE_SCENES } from './screenshots/admin-voice-scenes.ts';
import { callRoom, openCallRoom, SUPERVISOR, type CallRoom } from './screenshots/call-room.ts';
import { CALL_ROOM_SCENES } from './screenshots/call-room-scenes.ts';
import { REP_SCENES } from './screenshots/rep-scenes.ts';
import { SUPERVISION_SCENES } from './screenshots/supervision-scenes.ts';
import { VIEWPORTS, type Scene, type SceneContext } from './screenshots/scene.ts';
import { ADMIN, REP, seed, seedFirstAdmin } from './screenshots/seed.ts';
import { openStage, type Language, type Stage } from './screenshots/stage.ts';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'docs/screenshots');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.split(',') : undefined;
const LANGUAGES: Language[] = ['ja', 'en'];

async function signInAs(stage: Stage, scene: Scene): Promise<void> {
  const who = scene.as;
  const user = who === 'admin' ? ADMIN : who === 'supervisor' ? SUPERVISOR : REP;
  const serverUrl = scene.room ? callRoom().url : stage.server.url;
  await stage.send({ type: 'signOut' });
  const signedIn = await stage.send<{ ok: boolean; error?: { message: string } }>({ type: 'signIn', serverUrl, email: user.email, password: user.password });
  if (!signedIn.ok) throw new Error(`sign-in as ${who} failed: ${signedIn.error?.message}`);
  if (who !== 'admin') await stage.send({ type: 'setOnline', online: true });
}

async function pageFor(stage: Stage, scene: Scene, language: Language): Promise<Page> {
  if (scene.surface === 'crm') {
    await stage.setLanguage(language);
    const page = await stage.context.newPage();
    await page.setViewportSize(VIEWPORTS.crm);
    await page.goto(`${stage.crmOrigin}/crm/org90000001/tab/Leads/4876876000000456789`);
    await page.bringToFront();
    return page;
  }
  return stage.open(scene.surface === 'popup' ? 'popup.html' : 'options.html', language, VIEWPORTS[scene.surface]);
}

async function take(stage: Stage, scene: Scene, language: Language): Promise<void> {
  const page = await pageFor(stage, scene, language);
  const file = join(out, `${scene.name}.${language}.png`);
  const context: SceneContext = { stage, language, say: (text) => text[language] };
  const target = await scene.shoot(page, context);
  if (target) {
    // Cut out of the whole page, so that sticky panels sit where the admin sees them.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    const box = await target.boundingBox();
    if (!box) throw new Error(`${scene.name}: nothing to capture`);
    await page.screenshot({ path: file, fullPage: true, clip: box });
  } else {
    await page.screenshot({ path: file, fullPage: scene.fullPage ?? false });
  }
  console.log(`  ${scene.name}.${language}.png`);
  await scene.cleanUp?.(context);
  // Leaving a form with changes asks first: yes, these were only for the picture.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.close({ runBeforeUnload: false });
}

mkdirSync(out, { recursive: true });
const stage = await openStage(root);
let room: CallRoom | null = null;
try {
  await seedFirstAdmin(stage);
  const chosen = [...ADMIN_SCENES, ...ADMIN_VOICE_SCENES, ...REP_SCENES, ...CALL_ROOM_SCENES, ...SUPERVISION_SCENES].filter((scene) => !only || only.includes(scene.name));
  if (chosen.length === 0) throw new Error(`no scene named ${only?.join(', ')}`);
  // The first run's scenes on the fresh server, then the company's data, then the rest, then the call room's:
  // the supervisor's first, while the recent calls they see (everyone's) are few.
  const scenes = [
    ...chosen.filter((scene) => scene.firstRun),
    null,
    ...chosen.filter((scene) => !scene.firstRun && !scene.room),
    ...chosen.filter((scene) => scene.room && scene.as === 'supervisor'),
    ...chosen.filter((scene) => scene.room && scene.as !== 'supervisor'),
  ];
  let signedInAs: string | null = null;
  for (const scene of scenes) {
    if (scene === null) {
      await seed(stage);
      continue;
    }
    if (scene.room && !room) room = await openCallRoom(stage);
    const who = `${scene.room ? 'room:' : ''}${scene.as}`;
    if (signedInAs !== who) {
      await signInAs(stage, scene);
      signedInAs = who;
    }
    for (const language of LANGUAGES) await take(stage, scene, language);
  }
} finally {
  // The browser first: its phone stops asking the room's server.
  await stage.close();
  await room?.close();
}
