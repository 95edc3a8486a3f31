import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './entities/user.entity';

/** Queries named for their intent; the password hash is only ever read by findForLogin. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) readonly repo: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  findInCompany(id: string, companyId: string | null): Promise<User | null> {
    return companyId === null ? this.findById(id) : this.repo.findOneBy({ id, companyId });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repo.findOneBy({ email });
  }

  findForLogin(email: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }

  list(companyId: string | null, role?: string): Promise<User[]> {
    const where: Record<string, unknown> = {};
    if (companyId !== null) where.companyId = companyId;
    if (role) where.role = role;
    return this.repo.find({ where, order: { createdAt: 'ASC' } });
  }
}
