import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { User } from '../users/entities/user.entity';
import { AgentSession, SessionEndReason } from './entities/agent-session.entity';
import { sessionSeconds } from './working-hours';

/** Work sessions: opened at online, closed once; a close adds its seconds to the user's total in the same transaction. */
@Injectable()
export class WorkSessionsService {
  private readonly logger = new Logger('WorkSessions');

  constructor(@InjectRepository(AgentSession) private readonly sessions: Repository<AgentSession>, private readonly dataSource: DataSource) {}

  async open(agentId: string, companyId: string, at = Date.now()): Promise<AgentSession> {
    const session = this.sessions.create({ id: randomUUID(), agentId, companyId, startedAt: at, endedAt: null, durationSeconds: null, endReason: null });
    await this.sessions.insert(session);
    await this.dataSource.getRepository(User).update({ id: agentId }, { lastHeartbeatAt: at });
    return session;
  }

  /** Closes the session if still open; returns the seconds it added (0 if it was already closed). */
  async close(sessionId: string, endedAt: number, reason: SessionEndReason): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.findOneBy(AgentSession, { id: sessionId, endedAt: IsNull() });
      if (!session) return 0;
      const end = Math.max(endedAt, session.startedAt);
      const seconds = sessionSeconds(session.startedAt, end);
      const closed = await manager.update(AgentSession, { id: sessionId, endedAt: IsNull() }, { endedAt: end, durationSeconds: seconds, endReason: reason });
      if (!closed.affected) return 0;
      await manager.increment(User, { id: session.agentId }, 'workedSecondsTotal', seconds);
      return seconds;
    });
  }

  /** At start-up: sessions a crash left open end at the agent's last heartbeat. */
  async closeAbandoned(): Promise<number> {
    const open = await this.sessions.findBy({ endedAt: IsNull() });
    for (const session of open) {
      const user = await this.dataSource.getRepository(User).findOneBy({ id: session.agentId });
      await this.close(session.id, Math.max(session.startedAt, user?.lastHeartbeatAt ?? session.startedAt), 'crash_recovered');
    }
    if (open.length) this.logger.warn(`closed ${open.length} work session(s) left open by an unclean shutdown`);
    return open.length;
  }

  /** One UPDATE for every online agent: the crash-recovery point for their open sessions. */
  async heartbeat(agentIds: string[], at = Date.now()): Promise<void> {
    if (!agentIds.length) return;
    await this.dataSource.getRepository(User).createQueryBuilder().update().set({ lastHeartbeatAt: at })
      .where('id IN (:...ids)', { ids: agentIds }).execute();
  }

  /** Sessions overlapping [from, to) for one agent or a whole company. */
  overlapping(filter: { companyId: string; agentId?: string }, from: number, to: number): Promise<AgentSession[]> {
    const base = { companyId: filter.companyId, ...(filter.agentId ? { agentId: filter.agentId } : {}), startedAt: LessThan(to) };
    return this.sessions.find({
      where: [{ ...base, endedAt: MoreThan(from) }, { ...base, endedAt: IsNull() }],
      order: { startedAt: 'ASC' },
    });
  }
}
