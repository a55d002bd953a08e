import { useState } from 'preact/hooks';
import { t } from '@/locales/i18n';
import type { AdminApi, PublicUser } from '@/models/admin-api';
import { ApiError, fieldErrorsUnder, refusalText } from '@/models/api-error';
import { MIN_PASSWORD_LENGTH } from '@/models/own-password';
import { DataTable } from './data-table';
import { FormField } from './form-field';
import { messageOf } from './use-async';

const ROLES = ['rep', 'supervisor', 'admin'] as const satisfies readonly PublicUser['role'][];
type Role = (typeof ROLES)[number];
const roleOf = (value: string): Role => ROLES.find((role) => role === value) ?? 'rep';

const blank = { name: '', email: '', role: 'rep' as Role, password: '' };
const USER_FIELDS = new Set(['', 'name', 'email', 'role', 'password']);

/** What the server would refuse, said in the page language before sending. */
function checkNewUser(draft: typeof blank): Map<string, string> {
  const errors = new Map<string, string>();
  if (draft.name.trim() === '') errors.set('name', t('users.needsName'));
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) errors.set('email', t('users.badEmail'));
  if ([...draft.password].length < MIN_PASSWORD_LENGTH) errors.set('password', t('password.tooShort', { min: MIN_PASSWORD_LENGTH }));
  return errors;
}

/** Step 3, reps and admins: add (the form keeps its place when an error appears), reset a password, deactivate / reactivate. */
export function UsersSection({ api, users, onChanged }: { api: AdminApi; users: readonly PublicUser[]; onChanged: () => void }) {
  const [draft, setDraft] = useState(blank);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [resetFor, setResetFor] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    setNotice(null);
    const local = checkNewUser(draft);
    setErrors(local);
    if (local.size > 0) return;
    try {
      const created = await api.createUser(draft);
      setNotice(t('users.added', { name: created.name }));
      setDraft(blank);
      setErrors(new Map());
      onChanged();
    } catch (failure) {
      // The server names the new user's fields relative to it (`email`); a problem on another user keeps its full path.
      const map = failure instanceof ApiError ? fieldErrorsUnder(failure.issues) : new Map<string, string>();
      // A problem elsewhere in the setup that this form has no field for still shows, worded, above it.
      for (const [path, text] of map) if (!USER_FIELDS.has(path) && !map.has('')) map.set('', text);
      if (map.size === 0) map.set('', messageOf(failure));
      setErrors(map);
    }
  };
  const act = async (change: () => Promise<unknown>, done?: string) => {
    setAlert(null);
    setNotice(null);
    try {
      await change();
      if (done) setNotice(done);
      onChanged();
    } catch (failure) {
      setAlert(refusalText(failure));
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title" class="yb-heading">{t('tab.users')}</h2>
      {alert && <p class="yb-alert yb-alert--error" role="alert">{alert}</p>}
      {notice && <p class="yb-alert yb-alert--ok" role="status">{notice}</p>}
      <DataTable columns={[t('users.name'), t('users.email'), t('users.role')]} actions={t('common.edit')}>
        {users.map((user) => (
          <tr key={user.id} class={user.active ? '' : 'yb-muted'}>
            <td>{user.name} {!user.active && <span class="yb-tag">{t('users.inactive')}</span>}</td>
            <td>{user.email}</td>
            <td>
              <select
                aria-label={t('users.roleOf', { name: user.name })}
                value={user.role}
                onChange={(e) => {
                  const role = roleOf(e.currentTarget.value);
                  void act(() => api.updateUser(user.id, { role }), t('users.roleSaved', { name: user.name, role: t(`users.role.${role}`) }));
                }}
              >
                {ROLES.map((role) => <option key={role} value={role}>{t(`users.role.${role}`)}</option>)}
              </select>
            </td>
            <td>
              {resetFor === user.id ? (
                <form class="yb-row" onSubmit={(e) => { e.preventDefault(); void act(() => api.updateUser(user.id, { password: newPassword }), t('users.passwordSaved', { name: user.name })).then(() => { setResetFor(null); setNewPassword(''); }); }}>
                  <FormField id={`pw-${user.id}`} label={t('users.newPassword', { name: user.name })}>
                    {(props) => <input {...props} type="password" autoComplete="new-password" value={newPassword} onInput={(e) => setNewPassword(e.currentTarget.value)} />}
                  </FormField>
                  <button type="submit" class="yb-button yb-button--primary" disabled={!newPassword}>{t('common.save')}</button>
                  <button type="button" class="yb-button" onClick={() => setResetFor(null)}>{t('common.cancel')}</button>
                </form>
              ) : (
                <div class="yb-actions">
                  <button type="button" class="yb-button" aria-label={t('users.resetPassword', { name: user.name })} onClick={() => setResetFor(user.id)}>
                    {t('users.resetShort')}
                  </button>
                  <button
                    type="button"
                    class="yb-button"
                    aria-label={user.active ? t('users.deactivate', { name: user.name }) : t('users.activate', { name: user.name })}
                    onClick={() => void act(() => api.updateUser(user.id, { active: !user.active }))}
                  >
                    {user.active ? t('users.deactivateShort') : t('users.activateShort')}
                  </button>
                </div>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <form class="yb-form yb-user-form" onSubmit={add} noValidate>
        <h3 class="yb-heading">{t('users.add')}</h3>
        <div class="yb-user-form__fields">
          <FormField reserveError id="new-user-name" label={t('users.name')} error={errors.get('name')}>
            {(props) => <input {...props} type="text" value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />}
          </FormField>
          <FormField reserveError id="new-user-email" label={t('users.email')} error={errors.get('email')}>
            {(props) => <input {...props} type="email" value={draft.email} onInput={(e) => setDraft({ ...draft, email: e.currentTarget.value })} />}
          </FormField>
          <FormField reserveError id="new-user-role" label={t('users.role')} error={errors.get('role')}>
            {(props) => (
              <select {...props} value={draft.role} onChange={(e) => setDraft({ ...draft, role: roleOf(e.currentTarget.value) })}>
                {ROLES.map((role) => <option key={role} value={role}>{t(`users.role.${role}`)}</option>)}
              </select>
            )}
          </FormField>
          <FormField reserveError id="new-user-password" label={t('users.password')} error={errors.get('password')}>
            {(props) => <input {...props} type="password" autoComplete="new-password" value={draft.password} onInput={(e) => setDraft({ ...draft, password: e.currentTarget.value })} />}
          </FormField>
        </div>
        <div class="yb-actions yb-actions--inline">
          <button type="submit" class="yb-button yb-button--primary">{t('users.add')}</button>
          {/* After the button: an error here moves nothing the admin is working with. */}
          <p class="yb-field__error" aria-live="polite">{errors.get('') ?? ''}</p>
        </div>
      </form>
    </section>
  );
}
