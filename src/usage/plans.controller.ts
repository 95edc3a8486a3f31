import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../common/decorators/auth.decorators';
import { PLANS } from '../companies/entities/company.entity';
import { limitForJson, PLAN_LIMITS } from './plans';

const NAMES: Record<string, string> = { free: 'Free', basic: 'Basic', premium: 'Premium', enterprise: 'Enterprise' };

/** The plan catalogue: public knowledge for any admin, not tenant data. */
@ApiTags('usage')
@ApiBearerAuth()
@Controller('plans')
@MinRole('admin')
export class PlansController {
  @Get()
  list() {
    return PLANS.map((id) => ({
      id, name: NAMES[id],
      limits: { knowledgeEntries: limitForJson(PLAN_LIMITS[id].knowledgeEntries), assistantRequests: limitForJson(PLAN_LIMITS[id].assistantRequests) },
    }));
  }
}
