import { Optional } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Company-scoped endpoints: a super admin names the company, everyone else gets their own. */
export class CompanyScopeQuery {
  @ApiPropertyOptional({ description: 'Super admin only: the company to act on' })
  @Optional() @IsUUID()
  companyId?: string;
}
