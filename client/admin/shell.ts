/** The dashboard frame: sidebar navigation, top bar (company picker for super admins), hash routing. */
import { api, itemsOf, scope } from '../shared/api';
import { logo } from '../shared/brand';
import { h, icon, mount } from '../shared/dom';
import { initials } from '../shared/format';
import {
  iActivity, iBarChart, iBook, iBuilding, iCard, iChat, iGauge, iHeadset, iKey, iList, iLogout, iMenu, iShield, iSliders, iStar, iUsers,
} from '../shared/icons';
import { logout } from '../shared/login';
import { clearSession } from '../shared/session';
import { connectStaff, StaffSocket } from '../shared/staff-socket';
import type { QueueEntry, User } from '../shared/types';
import { button, errorState, loadingState } from '../shared/ui';

export interface PageContext {
  me: User;
  /** The company being looked at (a super admin's pick; an admin's own company). */
  companyId: string | null;
  companyName: string | null;
  body: HTMLElement;
  actions: HTMLElement;
  socket: StaffSocket | null;
  /** The latest pushes the socket got (the greeting arrives before any page listens). */
  live: LiveState;
  /** Run when the page is left (charts destroyed, timers cleared, listeners removed). */
  onLeave(fn: () => void): void;
}

export interface PageDef {
  path: string;
  label: string;
  icon: string;
  group: string;
  title: string;
  description: string;
  superOnly?: boolean;
  load: () => Promise<{ render: (ctx: PageContext) => void | Promise<void> }>;
}

export interface LiveState {
  queue: QueueEntry[] | null;
  presence: Map<string, { agentId: string; name: string; status: 'online' | 'offline'; activeConversations: number }>;
}

interface Company {
  id: string;
  name: string;
  plan: string;
  isActive: boolean;
}

const COMPANY_KEY = 'switchboard.admin.company';

export class Shell {
  private readonly root: HTMLElement;
  private readonly side = h('aside', { class: 'adm-side', 'aria-label': 'Dashboard navigation' });
  private readonly top = h('header', { class: 'adm-top' });
  private readonly content = h('main', { class: 'adm-content', id: 'main', tabindex: '-1' });
  private readonly frame = h('div', { class: 'adm' });
  private companies: Company[] = [];
  private companyName: string | null = null;
  private socket: StaffSocket | null = null;
  private readonly live: LiveState = { queue: null, presence: new Map() };
  private leave: (() => void)[] = [];
  private renderToken = 0;

  constructor(root: HTMLElement, private readonly me: User, private readonly pages: PageDef[]) {
    this.root = root;
  }

  async start(): Promise<void> {
    mount(this.root, h('a', { class: 'sb-skip-link', href: '#main', onclick: (e: Event) => { e.preventDefault(); this.content.focus(); } }, 'Skip to content'), this.frame);
    mount(this.frame, this.side, h('div', { class: 'adm-main' }, this.top, this.content));
    if (this.me.role === 'super_admin') {
      mount(this.content, loadingState('Loading companies'));
      try {
        this.companies = itemsOf<Company>(await api('/api/companies'));
      } catch (error) {
        mount(this.content, errorState(error, () => void this.start()));
        return;
      }
      const saved = localStorage.getItem(COMPANY_KEY);
      const chosen = this.companies.find((c) => c.id === saved) ?? this.companies[0];
      scope.companyId = chosen?.id ?? null;
      this.companyName = chosen?.name ?? null;
    } else {
      // The live board and the console share the /staff socket: admins are greeted with the queue and the team.
      this.socket = connectStaff();
      this.socket.on('queue:updated', (p: { waiting: QueueEntry[] }) => (this.live.queue = p.waiting ?? []));
      this.socket.on('agent:presence', (p: { agentId: string; name: string; status: 'online' | 'offline'; activeConversations: number }) => this.live.presence.set(p.agentId, p));
    }
    this.renderSide();
    this.renderTop();
    window.addEventListener('hashchange', () => void this.route());
    await this.route();
  }

  private current(): PageDef {
    const path = location.hash.replace(/^#\/?/, '').split('?')[0] || 'overview';
    const page = this.pages.find((p) => p.path === path && (!p.superOnly || this.me.role === 'super_admin'));
    return page ?? this.pages[0];
  }

  private renderSide(): void {
    const current = this.current();
    const groups = new Map<string, PageDef[]>();
    for (const p of this.pages) {
      if (p.superOnly && this.me.role !== 'super_admin') continue;
      groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
    }
    mount(this.side,
      logo('Admin', '/admin/'),
      h('nav', { class: 'adm-nav', 'aria-label': 'Sections' },
        [...groups].map(([group, pages]) => [
          h('div', { class: 'adm-nav__group', 'aria-hidden': 'true' }, group),
          pages.map((p) => h('a', { href: `#/${p.path}`, 'aria-current': p === current ? 'page' : undefined, onclick: () => this.frame.removeAttribute('data-nav') }, icon(p.icon), p.label)),
        ])),
      h('div', { class: 'adm-side__foot' },
        this.me.role !== 'super_admin' ? h('a', { href: '/console/' }, icon(iHeadset, { size: 'sm' }), 'Open the agent console') : null,
        h('a', { href: '/docs', target: '_blank', rel: 'noopener' }, icon(iBook, { size: 'sm' }), 'API documentation')));
  }

  private renderTop(): void {
    const picker = this.me.role === 'super_admin'
      ? h('div', { class: 'adm-top__company' },
        h('label', { class: 'sb-label', for: 'company-picker' }, 'Company'),
        h('select', {
          class: 'sb-select', id: 'company-picker', 'data-testid': 'company-picker',
          onchange: (e: Event) => {
            const id = (e.target as HTMLSelectElement).value;
            scope.companyId = id;
            this.companyName = this.companies.find((c) => c.id === id)?.name ?? null;
            localStorage.setItem(COMPANY_KEY, id);
            void this.route();
          },
        }, this.companies.map((c) => h('option', { value: c.id, selected: c.id === scope.companyId }, `${c.name}${c.isActive ? '' : ' (disabled)'}`))))
      : null;
    mount(this.top,
      button('Open navigation', () => this.frame.setAttribute('data-nav', this.frame.getAttribute('data-nav') === 'open' ? '' : 'open'), { variant: 'ghost', icon: iMenu, iconOnly: true, attrs: { class: 'sb-btn sb-btn--ghost sb-btn--icon adm-top__menu' } }),
      h('span', { class: 'adm-top__logo' }, logo(undefined, '/admin/')),
      picker,
      h('div', { class: 'adm-top__user' },
        h('span', { class: 'sb-avatar', 'aria-hidden': 'true' }, initials(this.me.name)),
        h('span', { class: 'adm-top__user-name' }, this.me.name, h('span', null, this.me.role === 'super_admin' ? 'Super admin' : 'Admin')),
        button('Sign out', async () => {
          await logout();
          clearSession();
          location.reload();
        }, { variant: 'ghost', icon: iLogout, iconOnly: true, title: 'Sign out' })));
  }

  private async route(): Promise<void> {
    const token = ++this.renderToken;
    for (const fn of this.leave.splice(0)) {
      try {
        fn();
      } catch {
        /* a page's cleanup must not break navigation */
      }
    }
    const page = this.current();
    this.renderSide();
    document.title = `${page.label} · Admin · Switchboard`;
    const actions = h('div', { class: 'adm-page-head__actions' });
    const body = h('div', { class: 'sb-stack', style: { gap: 'var(--sb-space-5)' } });
    mount(this.content,
      h('div', { class: 'adm-page-head' },
        h('div', null, h('h1', null, page.title), h('p', null, page.description)),
        actions),
      body);
    if (this.me.role === 'super_admin' && !scope.companyId && !page.superOnly) {
      mount(body, errorState(new Error('Create a company first (Platform → Companies), then pick it in the top bar.')));
      return;
    }
    mount(body, loadingState());
    try {
      const module = await page.load();
      if (token !== this.renderToken) return;
      body.replaceChildren();
      await module.render({
        me: this.me, companyId: scope.companyId ?? this.me.companyId, companyName: this.companyName, body, actions,
        socket: this.socket, live: this.live, onLeave: (fn) => this.leave.push(fn),
      });
    } catch (error) {
      if (token === this.renderToken) mount(body, errorState(error, () => void this.route()));
    }
  }
}

export const PAGES: PageDef[] = [
  { path: 'overview', label: 'Overview', icon: iBarChart, group: 'Insights', title: 'Overview', description: 'How the assistant and your team are doing.', load: () => import('./pages/overview') },
  { path: 'live', label: 'Live', icon: iActivity, group: 'Insights', title: 'Live', description: 'Who is online, what they are handling and who is waiting, right now.', load: () => import('./pages/live') },
  { path: 'conversations', label: 'Conversations', icon: iChat, group: 'Insights', title: 'Conversations', description: 'Every conversation, with its messages, escalations and rating.', load: () => import('./pages/conversations') },
  { path: 'ratings', label: 'Ratings', icon: iStar, group: 'Insights', title: 'Ratings', description: 'What customers said after their conversation was resolved.', load: () => import('./pages/ratings') },
  { path: 'agents', label: 'Agents', icon: iUsers, group: 'Team', title: 'Agents', description: 'Invite agents and admins, change roles, and see the hours they worked.', load: () => import('./pages/agents') },
  { path: 'canned', label: 'Canned responses', icon: iList, group: 'Team', title: 'Canned responses', description: 'Saved replies your agents insert with one click or by typing /shortcut.', load: () => import('./pages/canned') },
  { path: 'knowledge', label: 'Knowledge', icon: iBook, group: 'Assistant', title: 'Knowledge', description: 'What the assistant answers from. Add entries or import documents and web pages.', load: () => import('./pages/knowledge') },
  { path: 'bot', label: 'Bot settings', icon: iSliders, group: 'Assistant', title: 'Bot settings', description: 'When the assistant answers, when it hands over, business hours and its prompts.', load: () => import('./pages/bot') },
  { path: 'developers', label: 'API keys & embed', icon: iKey, group: 'Developers', title: 'API keys & embed', description: 'Put the widget on your site, and connect your own systems with API keys.', load: () => import('./pages/developers') },
  { path: 'usage', label: 'Usage & plan', icon: iGauge, group: 'Account', title: 'Usage & plan', description: 'This month against the limits of your plan.', load: () => import('./pages/usage') },
  { path: 'audit', label: 'Audit log', icon: iShield, group: 'Account', title: 'Audit log', description: 'Sign-ins, changes to people, keys, settings and knowledge: who did what, when.', load: () => import('./pages/audit') },
  { path: 'companies', label: 'Companies', icon: iBuilding, group: 'Platform', title: 'Companies', description: 'Every tenant on this hub: create, rename, change plan, disable.', superOnly: true, load: () => import('./pages/companies') },
  { path: 'plans', label: 'Plans', icon: iCard, group: 'Platform', title: 'Plans', description: 'The plans, their limits and who is on which.', superOnly: true, load: () => import('./pages/plans') },
];

