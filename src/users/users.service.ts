import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, isSuperAdmin } from '../common/actor';
import { DomainEvents } from '../common/events/domain-events.service';
import { resolveCompanyScope } from '../common/tenant-scope';
import { CompaniesService } from '../companies/companies.service';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { hashPassword, normaliseEmail } from './password';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly companies: CompaniesService,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor, dto: CreateUserDto, ip?: string): Promise<User> {
    const companyId = await this.companyForNewUser(actor, dto);
    const email = normaliseEmail(dto.email);
    if (await this.users.findByEmail(email)) throw new ConflictException(`A user with email ${email} already exists`);
    const now = Date.now();
    const user = this.users.repo.create({
      id: randomUUID(), companyId, email, name: dto.name.trim(), role: dto.role,
      passwordHash: await hashPassword(dto.password), isActive: true, tokenVersion: 0, failedLoginCount: 0,
      lockedUntil: null, lastLoginAt: null, workedSecondsTotal: 0, lastHeartbeatAt: null, createdAt: now, updatedAt: now,
    });
    await this.users.repo.insert(user);
    await this.events.publish('user.created', {
      actor: { id: actor.id, email: actor.email }, companyId, ip, userId: user.id, email, role: user.role,
    });
    return user;
  }

  list(actor: Actor, query: ListUsersQuery): Promise<User[]> {
    return this.users.list(resolveCompanyScope(actor, query.companyId, true), query.role);
  }

  async get(actor: Actor, id: string): Promise<User> {
    const user = await this.users.findInCompany(id, isSuperAdmin(actor) ? null : actor.companyId);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto, ip?: string): Promise<User> {
    const user = await this.get(actor, id);
    if (user.role === 'super_admin' && !isSuperAdmin(actor)) throw new NotFoundException('User not found');
    if (user.id === actor.id && (dto.isActive === false || (dto.role && dto.role !== user.role))) {
      throw new BadRequestException('You cannot deactivate yourself or change your own role');
    }
    if (dto.role && user.role === 'super_admin') throw new BadRequestException('A super admin\'s role cannot be changed here');
    const changes: string[] = [];
    if (dto.name !== undefined && dto.name.trim() !== user.name) { user.name = dto.name.trim(); changes.push('name'); }
    if (dto.email !== undefined && normaliseEmail(dto.email) !== user.email) {
      const email = normaliseEmail(dto.email);
      if (await this.users.findByEmail(email)) throw new ConflictException(`A user with email ${email} already exists`);
      user.email = email;
      changes.push('email');
    }
    if (dto.role !== undefined && dto.role !== user.role) { user.role = dto.role; changes.push('role'); }
    if (dto.password !== undefined) {
      user.passwordHash = await hashPassword(dto.password);
      user.tokenVersion += 1;
      changes.push('password');
    }
    const deactivating = dto.isActive === false && user.isActive;
    if (dto.isActive !== undefined && dto.isActive !== user.isActive) {
      user.isActive = dto.isActive;
      user.failedLoginCount = 0;
      user.lockedUntil = null;
      if (!dto.isActive) user.tokenVersion += 1;
      changes.push('isActive');
    }
    if (!changes.length) return user;
    user.updatedAt = Date.now();
    await this.users.repo.save(user);
    const audit = { actor: { id: actor.id, email: actor.email }, companyId: user.companyId, ip, userId: user.id };
    if (deactivating) await this.events.publish('user.deactivated', { ...audit, email: user.email });
    const otherChanges = changes.filter((c) => c !== 'isActive' || !deactivating);
    if (otherChanges.length) await this.events.publish('user.updated', { ...audit, changes: otherChanges });
    return user;
  }

  /** DELETE deactivates: the account's history (messages, sessions, audit) must keep its author. */
  deactivate(actor: Actor, id: string, ip?: string): Promise<User> {
    return this.update(actor, id, { isActive: false }, ip);
  }

  private async companyForNewUser(actor: Actor, dto: CreateUserDto): Promise<string | null> {
    if (!isSuperAdmin(actor)) {
      if (dto.role === 'super_admin') throw new ForbiddenException('Only a super admin can create super admins');
      return resolveCompanyScope(actor, dto.companyId);
    }
    if (dto.role === 'super_admin') {
      if (dto.companyId) throw new BadRequestException('A super admin belongs to no company: omit companyId');
      return null;
    }
    const companyId = resolveCompanyScope(actor, dto.companyId);
    await this.companies.get(companyId);
    return companyId;
  }
}
