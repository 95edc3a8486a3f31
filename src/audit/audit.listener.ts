import { Injectable } from '@nestjs/common';
import { DomainEventMap } from '../common/events/domain-events';
import { OnDomainEvent } from '../common/events/domain-events.service';
import { AuditService } from './audit.service';

type E<K extends keyof DomainEventMap> = DomainEventMap[K];

/** Turns security-relevant domain events into audit rows; the publishers never call audit directly. */
@Injectable()
export class AuditListener {
  constructor(private readonly audit: AuditService) {}

  @OnDomainEvent('auth.login_succeeded')
  loginSucceeded(e: E<'auth.login_succeeded'>) {
    return this.audit.record({ ...e, action: 'auth.login_succeeded', targetType: 'user', targetId: e.userId });
  }

  @OnDomainEvent('auth.login_failed')
  loginFailed(e: E<'auth.login_failed'>) {
    return this.audit.record({ ...e, action: 'auth.login_failed', targetType: e.actor ? 'user' : null, targetId: e.actor?.id ?? null, details: { email: e.email, reason: e.reason, lockedNow: e.lockedNow } });
  }

  @OnDomainEvent('auth.logged_out')
  loggedOut(e: E<'auth.logged_out'>) {
    return this.audit.record({ ...e, action: 'auth.logged_out', targetType: 'user', targetId: e.userId });
  }

  @OnDomainEvent('user.created')
  userCreated(e: E<'user.created'>) {
    return this.audit.record({ ...e, action: 'user.created', targetType: 'user', targetId: e.userId, details: { email: e.email, role: e.role } });
  }

  @OnDomainEvent('user.updated')
  userUpdated(e: E<'user.updated'>) {
    return this.audit.record({ ...e, action: 'user.updated', targetType: 'user', targetId: e.userId, details: { changes: e.changes } });
  }

  @OnDomainEvent('user.deactivated')
  userDeactivated(e: E<'user.deactivated'>) {
    return this.audit.record({ ...e, action: 'user.deactivated', targetType: 'user', targetId: e.userId, details: { email: e.email } });
  }

  @OnDomainEvent('company.created')
  companyCreated(e: E<'company.created'>) {
    return this.audit.record({ ...e, companyId: e.targetCompanyId, action: 'company.created', targetType: 'company', targetId: e.targetCompanyId, details: { name: e.name } });
  }

  @OnDomainEvent('company.settings_changed')
  settingsChanged(e: E<'company.settings_changed'>) {
    return this.audit.record({ ...e, companyId: e.targetCompanyId, action: 'settings.changed', targetType: 'company', targetId: e.targetCompanyId, details: { changes: e.changes } });
  }

  @OnDomainEvent('company.plan_changed')
  planChanged(e: E<'company.plan_changed'>) {
    return this.audit.record({ ...e, companyId: e.targetCompanyId, action: 'plan.changed', targetType: 'company', targetId: e.targetCompanyId, details: { from: e.from, to: e.to } });
  }

  @OnDomainEvent('api_key.created')
  apiKeyCreated(e: E<'api_key.created'>) {
    return this.audit.record({ ...e, action: 'api_key.created', targetType: 'api_key', targetId: e.apiKeyId, details: { name: e.name, prefix: e.prefix } });
  }

  @OnDomainEvent('widget_key.rotated')
  widgetKeyRotated(e: E<'widget_key.rotated'>) {
    return this.audit.record({ ...e, companyId: e.targetCompanyId, action: 'widget_key.rotated', targetType: 'company', targetId: e.targetCompanyId });
  }

  @OnDomainEvent('knowledge.changed')
  knowledgeChanged(e: E<'knowledge.changed'>) {
    if (!e.actor) return;
    const single = e.docIds.length === 1 ? e.docIds[0].replace(/^(entry|chunk):/, '') : null;
    return this.audit.record({ ...e, action: `knowledge.${e.action}`, targetType: 'knowledge', targetId: single, details: { count: e.docIds.length } });
  }

  @OnDomainEvent('conversation.assigned')
  manualAssignment(e: E<'conversation.assigned'>) {
    if (!e.manual || !e.byActorId) return;
    return this.audit.record({
      actor: { id: e.byActorId, email: e.byActorEmail ?? null }, companyId: e.companyId,
      action: e.fromAgentId ? 'conversation.reassigned' : 'conversation.claimed',
      targetType: 'conversation', targetId: e.conversationId,
      details: { toAgentId: e.agentId, fromAgentId: e.fromAgentId ?? null },
    });
  }

  @OnDomainEvent('api_key.revoked')
  apiKeyRevoked(e: E<'api_key.revoked'>) {
    return this.audit.record({ ...e, action: 'api_key.revoked', targetType: 'api_key', targetId: e.apiKeyId, details: { prefix: e.prefix } });
  }
}
