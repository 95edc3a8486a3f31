import '../shared/base.css';
import './admin.css';
import { api, onUnauthorized } from '../shared/api';
import { mount } from '../shared/dom';
import { renderLogin } from '../shared/login';
import { getToken, updateUser } from '../shared/session';
import type { User } from '../shared/types';
import { loadingState } from '../shared/ui';
import { PAGES, Shell } from './shell';

const root = document.getElementById('app') as HTMLElement;

function showLogin(): void {
  document.title = 'Sign in · Admin · Switchboard';
  renderLogin(root, {
    product: 'Admin',
    subtitle: 'Sign in to manage your team, your assistant and your numbers.',
    roles: ['admin', 'super_admin'],
    elsewhere: (role) => (role === 'agent' ? { label: 'agent console', href: '/console/' } : null),
    onSuccess: (user) => void new Shell(root, user, PAGES).start(),
  });
}

async function boot(): Promise<void> {
  onUnauthorized(() => showLogin());
  if (!getToken()) return showLogin();
  mount(root, loadingState('Signing you in…'));
  try {
    const me = await api<User>('/api/auth/me');
    if (me.role === 'agent') return showLogin();
    updateUser(me);
    await new Shell(root, me, PAGES).start();
  } catch {
    showLogin();
  }
}

void boot();
