import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireSupervisor, requireUser } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps, AppEnv } from '../http/deps.ts';
import type { CallControl, ControlRequestInput } from '../services/call-control/index.ts';
import { TRANSFER_NOTE_MAX_LENGTH } from '../voice/call-parameters.ts';
import { userIdSchema } from '../phone-config/schema.ts';

const targetSchema = z.union([
  z.object({ user: userIdSchema }).strict(),
  z.object({ number: z.string().trim().min(1).max(40) }).strict(),
]);
const transferBody = z.object({
  to: targetSchema,
  mode: z.enum(['blind', 'warm']),
  note: z.string().trim().max(TRANSFER_NOTE_MAX_LENGTH).optional(),
});
const addBody = z.object({ to: targetSchema });
const monitorBody = z.object({ mode: z.enum(['listen', 'whisper', 'barge']) });

/**
 * Call control on a live call (docs/call-flow.md), mounted at `/api/calls` next to the call log:
 * hold, resume, transfer (blind or warm, to a colleague or a number), complete or cancel a warm
 * transfer, add a party, leave, pause or resume the recording, and for supervisors listen / whisper / barge. Each answers with the
 * call as it stands; every refusal is a 4xx with a stable code.
 */
export function callControlRoutes(deps: AppDeps, control: CallControl) {
  const act =
    (request: (body: unknown) => ControlRequestInput, schema?: z.ZodType) =>
    async (c: Context<AppEnv>) => {
      const body = schema ? await readJson(c, schema) : undefined;
      const live = await control.requests.request(c.req.param('callSid') ?? '', c.get('user'), request(body));
      return c.json(live);
    };
  return new Hono<AppEnv>()
    .get('/live', requireUser(deps), async (c) => c.json({ calls: await control.requests.liveCalls(c.get('user')) }))
    .get('/:callSid/live', requireUser(deps), async (c) => c.json(await control.requests.live(c.req.param('callSid'), c.get('user'))))
    .post('/:callSid/hold', requireUser(deps), act(() => ({ kind: 'hold' })))
    .post('/:callSid/resume', requireUser(deps), act(() => ({ kind: 'resume' })))
    .post('/:callSid/leave', requireUser(deps), act(() => ({ kind: 'leave' })))
    // Pausing the recording while the customer gives card details (PCI): reps on the call and supervisors monitoring it.
    .post('/:callSid/recording/pause', requireUser(deps), async (c) => c.json(await control.recording.request(c.req.param('callSid'), c.get('user'), 'pause')))
    .post('/:callSid/recording/resume', requireUser(deps), async (c) => c.json(await control.recording.request(c.req.param('callSid'), c.get('user'), 'resume')))
    .post(
      '/:callSid/transfer',
      requireUser(deps),
      act((body) => {
        const { to, mode, note } = body as z.infer<typeof transferBody>;
        return { kind: 'transfer', to, mode, note: note || null };
      }, transferBody),
    )
    .post('/:callSid/transfer/complete', requireUser(deps), act(() => ({ kind: 'complete-transfer' })))
    .post('/:callSid/transfer/cancel', requireUser(deps), act(() => ({ kind: 'cancel-transfer' })))
    .post('/:callSid/participants', requireUser(deps), act((body) => ({ kind: 'add', to: (body as z.infer<typeof addBody>).to }), addBody))
    .post('/:callSid/monitor', requireSupervisor(deps), act((body) => ({ kind: 'monitor', mode: (body as z.infer<typeof monitorBody>).mode }), monitorBody))
    .delete('/:callSid/monitor', requireSupervisor(deps), act(() => ({ kind: 'stop-monitor' })));
}
