import { t } from '@/locales/i18n';
import { errorForField } from '@/models/api-error';
import { RING_SECONDS, type RingStrategy } from '@/models/phone-config-types';
import type { WaitingLineSettings } from '@/models/business-hours-form';
import { FieldGroup, FormField } from './form-field';
import { WaitingLineFields } from './waiting-line-fields';

export interface UserOption {
  id: string;
  name: string;
}

export interface RingValue {
  users: string[];
  strategy: RingStrategy;
  ringSeconds: number;
  /** IVR ring action: go round twice. */
  repeat?: boolean;
  /** Direct route: 1 or 2 cycles. */
  cycles?: 1 | 2;
  /** When everyone is busy: a waiting line instead of the busy message. */
  queue?: WaitingLineSettings | undefined;
}

/** Who rings and how: reps, simultaneous or sequential, seconds each, repeat / cycles (≤ 2). */
export function RingFields<T extends RingValue>({
  idPrefix,
  path,
  value,
  users,
  errors,
  onChange,
}: {
  idPrefix: string;
  /** Issue path of this action, e.g. `route.menu[1].action` or `route`. */
  path: string;
  value: T;
  users: readonly UserOption[];
  errors: ReadonlyMap<string, string>;
  onChange: (next: T) => void;
}) {
  const set = (patch: Partial<RingValue>) => onChange({ ...value, ...patch });
  // A second round is sequential only (the server refuses it otherwise): ringing everyone at once
  // drops it, rather than keep a value whose control is gone.
  const setStrategy = (strategy: RingStrategy) =>
    set(strategy === 'simultaneous' ? { strategy, ...(value.repeat !== undefined && { repeat: false }), ...(value.cycles !== undefined && { cycles: 1 }) } : { strategy });
  // Errors of a control that is not shown (a second round while ringing everyone at once, from an
  // import) belong to the choice that hides it.
  const roundError = errorForField(errors, `${path}.repeat`) ?? (value.strategy === 'sequential' ? undefined : errorForField(errors, `${path}.cycles`));
  const toggleUser = (id: string, on: boolean) =>
    set({ users: on ? [...value.users, id] : value.users.filter((user) => user !== id) });
  return (
    <div class="yb-ring-fields">
      <FieldGroup id={`${idPrefix}-users`} legend={t('ring.users')} error={errorForField(errors, `${path}.users`)}>
        <div class="yb-checkbox-list">
          {users.map((user) => (
            <label class="yb-check-option" key={user.id}>
              <input
                type="checkbox"
                checked={value.users.includes(user.id)}
                onChange={(event) => toggleUser(user.id, event.currentTarget.checked)}
              />
              {user.name}
            </label>
          ))}
        </div>
      </FieldGroup>
      <FieldGroup id={`${idPrefix}-strategy`} legend={t('ring.strategy')} error={errorForField(errors, `${path}.strategy`) ?? roundError}>
        {(['simultaneous', 'sequential'] as const).map((strategy) => (
          <label class="yb-check-option" key={strategy}>
            <input
              type="radio"
              name={`${idPrefix}-strategy`}
              checked={value.strategy === strategy}
              onChange={() => setStrategy(strategy)}
            />
            {t(`ring.${strategy}`)}
          </label>
        ))}
      </FieldGroup>
      <FormField id={`${idPrefix}-seconds`} label={t('ring.seconds')} error={errorForField(errors, `${path}.ringSeconds`)}>
        {(props) => (
          <input
            {...props}
            type="number"
            min={RING_SECONDS.min}
            max={RING_SECONDS.max}
            step={1}
            value={value.ringSeconds}
            onInput={(event) => set({ ringSeconds: Number(event.currentTarget.value) })}
          />
        )}
      </FormField>
      {value.strategy === 'sequential' && value.cycles === undefined && (
        <label class="yb-check-option">
          <input type="checkbox" checked={value.repeat ?? false} onChange={(event) => set({ repeat: event.currentTarget.checked })} />
          {t('ring.repeat')}
        </label>
      )}
      {value.strategy === 'sequential' && value.cycles !== undefined && (
        <FormField id={`${idPrefix}-cycles`} label={t('ring.cycles')} error={errorForField(errors, `${path}.cycles`)}>
          {(props) => (
            <select {...props} value={String(value.cycles)} onChange={(event) => set({ cycles: event.currentTarget.value === '2' ? 2 : 1 })}>
              <option value="1">1</option>
              <option value="2">2</option>
            </select>
          )}
        </FormField>
      )}
      <WaitingLineFields
        idPrefix={idPrefix}
        path={path}
        value={value.queue}
        errors={errors}
        onChange={(queue) => {
          const { queue: _queue, ...rest } = value;
          onChange((queue ? { ...rest, queue } : rest) as T);
        }}
      />
    </div>
  );
}
