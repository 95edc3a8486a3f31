/** The sign-in screen the console and the dashboard share. */
import { api, ApiError } from './api';
import { logo } from './brand';
import { h, icon, mount } from './dom';
import { iAlert } from './icons';
import { saveSession } from './session';
import type { Role, User } from './types';
import { button, field, input } from './ui';

interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface LoginOptions {
  product: string;
  subtitle: string;
  roles: Role[];
  /** Where people with another role should go instead. */
  elsewhere: (role: Role) => { label: string; href: string } | null;
  onSuccess: (user: User) => void;
}

export function renderLogin(root: HTMLElement, options: LoginOptions): void {
  const email = input({ type: 'email', name: 'email', autocomplete: 'username', inputmode: 'email', placeholder: 'you@company.com' });
  const password = input({ type: 'password', name: 'password', autocomplete: 'current-password', placeholder: '••••••••••' });
  const alert = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true, 'data-testid': 'login-error' });
  const submit = button('Sign in', null, { variant: 'primary', type: 'submit', size: 'lg', block: true });

  const showError = (message: string) => {
    mount(alert, icon(iAlert), h('div', null, message));
    alert.hidden = false;
  };

  const form = h(
    'form',
    { class: 'sb-stack', novalidate: true, 'aria-label': 'Sign in' },
    field('Email', email, { required: true }),
    field('Password', password, { required: true }),
    alert,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alert.hidden = true;
    if (!email.value.trim() || !password.value) {
      showError('Enter your email and password.');
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const res = await api<LoginResponse>('/api/auth/login', { body: { email: email.value.trim(), password: password.value } });
      if (!options.roles.includes(res.user.role)) {
        const other = options.elsewhere(res.user.role);
        showError(`This account (${res.user.role.replace('_', ' ')}) cannot use the ${options.product.toLowerCase()}.${other ? ` Open the ${other.label} instead.` : ''}`);
        if (other) alert.appendChild(h('a', { href: other.href, style: { fontWeight: '600', whiteSpace: 'nowrap' } }, `Go to ${other.label}`));
        await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${res.accessToken}` } }).catch(() => undefined);
        return;
      }
      saveSession(res.accessToken, res.expiresIn, res.user);
      options.onSuccess(res.user);
    } catch (error) {
      const message = error instanceof ApiError && error.status === 401
        ? error.message || 'Incorrect email or password.'
        : error instanceof ApiError && error.status === 429
          ? 'Too many attempts. Wait a minute and try again.'
          : error instanceof Error ? error.message : 'Sign-in failed.';
      showError(message);
      password.select();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });

  mount(
    root,
    h(
      'main',
      { class: 'sb-auth' },
      h(
        'div',
        { class: 'sb-card sb-auth__card' },
        logo(options.product),
        h('div', { class: 'sb-stack sb-stack--sm' }, h('h1', null, 'Welcome back'), h('p', { class: 'sb-muted' }, options.subtitle)),
        form,
        h('p', { class: 'sb-auth__foot' }, 'Forgot your password? Ask an admin of your company to reset it.'),
      ),
    ),
  );
  email.focus();
}

export async function logout(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
}
