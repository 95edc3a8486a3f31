import '../shared/base.css';
import './console.css';
import { api, onUnauthorized } from '../shared/api';
import { mount } from '../shared/dom';
import { renderLogin } from '../shared/login';
import { clearSession, getToken, updateUser } from '../shared/session';
import type { User } from '../shared/types';
import { loadingState } from '../shared/ui';
import { ConsoleApp } from './app';

const root = document.getElementById('app') as HTMLElement;

function showLogin(): void {
  document.title = 'Sign in · Console · Switchboard';
  renderLogin(root, {
    product: 'Console',
    subtitle: 'Sign in to answer your customers.',
    roles: ['agent', 'admin'],
    elsewhere: (role) => (role === 'super_admin' ? { label: 'admin dashboard', href: '/admin/' } : null),
    onSuccess: (user) => start(user),
  });
}

function start(user: User): void {
  document.title = 'Console · Switchboard';
  new ConsoleApp(root, user, showLogin).start();
}

async function boot(): Promise<void> {
  onUnauthorized(() => showLogin());
  if (!getToken()) return showLogin();
  mount(root, loadingState('Signing you in…'));
  try {
    const me = await api<User>('/api/auth/me');
    if (me.role === 'super_admin') {
      clearSession();
      return showLogin();
    }
    updateUser(me);
    start(me);
  } catch {
    showLogin();
  }
}

void boot();
